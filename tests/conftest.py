import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles


def pytest_configure(config):
    if os.environ.get("ELMO_REQUIRE_POSTGRESQL") and connection.vendor != "postgresql":
        raise pytest.UsageError(
            f"ELMO_REQUIRE_POSTGRESQL is set but the tests would run on {connection.vendor}."
        )
    # Passwords hashed in a blink: PBKDF2's deliberate slowness would cost every test that
    # makes a user a fraction of a second. Production keeps Django's default.
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


def pytest_terminal_summary(terminalreporter, config):
    if connection.vendor != "postgresql":
        terminalreporter.write_line(
            "NOTICE: these tests ran on SQLite, not PostgreSQL: PostgreSQL-only behaviour was "
            "not covered.",
            yellow=True,
        )
    # With pytest-xdist the process that reports has not loaded tests/hostile/conftest.py (its
    # workers collected the tests): the hostile corpus's summary is written from here.
    from tests.hostile import conftest as hostile

    if not config.pluginmanager.is_registered(hostile):
        hostile.pytest_terminal_summary(terminalreporter)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real IP-area data set, loaded once as `make run` loads it.

    Every test runs in a transaction that is rolled back, so each one starts from that data.

    On PostgreSQL the tables are then analysed, as autovacuum would do on a server that has it
    on (the machines' PostgreSQL runs without it). Without statistics the planner guesses
    thousands of rows per table, and a query joining several filters' tables costs enough to be
    compiled with JIT: half a second for each such request, where the plan itself takes
    milliseconds.
    """
    with django_db_blocker.unblock(), open(os.devnull, "w") as quiet:
        call_command("load_ip_area", stdout=quiet)
        analyze()


def analyze():
    """Update PostgreSQL's statistics of every table (see django_db_setup). Also after a
    live-server test's data is loaded again: emptying the tables at the end of such a test
    (TRUNCATE) resets PostgreSQL's row counts to unknown."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a /sv/ page leaves Swedish
    active in the test's thread, and a test after it would read Swedish messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the content token in the database is rolled back
    with each test, so answers cached by one test must not be served to the next."""
    cache.clear()


# A Redis database of its own, and of its own for each process when `make test` and
# `make test-fast` run the tests in two (pytest-xdist: gw0, gw1): one process must not empty
# the other's counts.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
SHARED_CACHE_URL = f"redis://127.0.0.1:6379/{14 - 2 * WORKER}"


@pytest.fixture
def shared_cache(settings):
    """The default cache in Redis, as several application servers share it; emptied before
    and after the test."""
    import redis

    try:
        redis.Redis.from_url(SHARED_CACHE_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHARED_CACHE_URL,
        }
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _exports_in_tmp_path(settings, tmp_path):
    """The API's exports are kept as files per content version, which is rolled back with each
    test too: each test keeps them in a folder of its own."""
    settings.EXPORT_CACHE_DIR = str(tmp_path / "exports")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("coordinator", "c@example.org", "pw-1234!")


@pytest.fixture
def admin_client_fi(client, superuser):
    """A signed-in superuser whose browser asks for Finnish."""
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    return client


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(db, django_user_model):
    """A client with the token of the coordinator's staff user (every region), who may add and
    change platforms, clusters and organisations but not delete them."""
    user = django_user_model.objects.create_user("officer", "officer@example.org", "pw-1234!x")
    user.is_staff = True
    user.save()
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change")
        for model in ("innovationplatform", "cluster", "organisation")
    ]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
