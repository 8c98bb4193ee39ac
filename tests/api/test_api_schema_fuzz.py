"""schemathesis tests every operation of the OpenAPI schema as a partner's CI would: all its
phases (examples, coverage, fuzzing, stateful) and all its checks, with valid and invalid
input, anonymously and with a staff token (whose writes land in the test's transaction and are
rolled back). It must report nothing: the schema and the server agree.

It runs in this process, on the WSGI application, as ``schemathesis run`` would over HTTP; a
fixed seed and a bounded number of examples keep the run short and repeatable. To see what it
reports on a running server:

    schemathesis run http://127.0.0.1:8000/api/v1/schema/ -c all -n 10 --seed 19
"""

import pytest
import schemathesis
from django.contrib.auth.models import Group, Permission
from django.core import signals
from django.db import close_old_connections
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from accounts import roles
from elmo.wsgi import application

pytestmark = pytest.mark.slow

CONFIG = {
    "seed": 19,
    "workers": 1,
    "checks": {"enabled": True},
    "generation": {"mode": "all", "max-examples": 10, "database": "none", "no-shrink": True},
    # The in-process WSGI client does not decompress; gzip has its own test.
    "headers": {"Accept-Encoding": "identity"},
}


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app would close the test transaction's connection (STACK.md P7)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(db, django_user_model):
    """The token of a staff user of every region who may add and change entries."""
    user = django_user_model.objects.create_user("fuzzer", "fuzzer@example.org", "pw-1234!x")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change")
                for model in ("innovationplatform", "cluster", "organisation")
            ]
        )
    )
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return Token.objects.create(user=user).key


def problems(headers=None):
    """What schemathesis reports about the API: failed checks and errors, one line each."""
    config = SchemathesisConfig.from_dict(
        {**CONFIG, "headers": {**CONFIG["headers"], **(headers or {})}}
    )
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", application, config=config
    )
    found = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE:
                        case = recorder.cases[case_id].value
                        found.append(
                            f"{recorder.label}: {check.name}: {check.failure_info.failure.title}"
                            f" — {case.as_curl_command()}"
                        )
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"error: {event.info.title}: {event.info.message}")
    return sorted(set(found))


@pytest.mark.django_db
def test_anonymous_client(keep_test_connection):
    assert problems() == []


@pytest.mark.django_db
def test_staff_client(keep_test_connection, staff_token):
    assert problems({"Authorization": f"Token {staff_token}"}) == []
