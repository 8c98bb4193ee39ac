"""Browser tests: Playwright drives Debian's Chromium against a live server with the real data.

Without Chromium the tests are skipped with a notice — unless ELMO_REQUIRE_BROWSER is set (as
in CI), which turns a missing browser into an error.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.conftest import analyze

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("ELMO_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"ELMO_REQUIRE_BROWSER is set but there is no {CHROMIUM}.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: browser tests not run")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def load_data():
    """The IP-area data set and the officers' role groups, which a migration made: a live-server
    test before this one emptied every table."""
    import_module("accounts.migrations.0004_roles").grant_roles(apps)
    with open(os.devnull, "w") as quiet:
        call_command("load_ip_area", stdout=quiet)
    analyze()


@pytest.fixture
def site(live_server, transactional_db):
    """The address of a live server holding the IP-area data set."""
    load_data()
    return live_server.url


@pytest.fixture
def artifacts():
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """`collectstatic` into a folder of its own, with the manifest storage (hashed names)."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": str(root)}
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        pytest.fail(f"collectstatic failed:\n{done.stdout}{done.stderr}", pytrace=False)
    return root


# The site as production serves it: DEBUG off, hashed static files served by whitenoise.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "STATIC_MANIFEST": "true",
    "SECRET_KEY": "production-mode-test-secret-key-0123456789",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "LOG_JSON": "false",
    "PYTHONUNBUFFERED": "1",
}


@pytest.fixture
def production_site(transactional_db, production_static, tmp_path):
    """The address of gunicorn serving the site in production mode from the test database,
    which holds the IP-area data set (committed, so that the server process sees it)."""
    load_data()
    database = connection.settings_dict
    port = _free_port()
    address = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "STATIC_ROOT": str(production_static),
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "PUBLIC_URL": address,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }
    if connection.vendor != "postgresql":
        pytest.skip("the production-mode run serves the PostgreSQL test database")
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        server = subprocess.Popen(  # noqa: S603 (gunicorn of this virtualenv, this project)
            [str(Path(sys.executable).parent / "gunicorn"), "elmo.wsgi", "-c", "gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{log.read_text()}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{address}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer in 30 s:\n{log.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
