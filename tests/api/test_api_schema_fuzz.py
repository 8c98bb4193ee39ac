"""schemathesis tests the API as a partner's CI would: all its checks, with valid and invalid
input, anonymously and with a staff token. It must report nothing: the schema and the server
agree.

It calls the WSGI application in this process, inside the test's transaction (so the staff's
writes are rolled back), as ``schemathesis run`` would over HTTP:

- anonymously, every operation in every phase (examples, coverage, fuzzing, stateful);
- with a staff token, the writes, in the examples and fuzzing phases. Not the coverage phase:
  its hundreds of boundary bodies would take minutes of writes. Not the stateful phase, which
  schemathesis 4.32.5 cannot run on a WSGI application as staff (it hands a network option,
  ``max_redirects``, to the in-process client). And without one check,
  ``positive_data_acceptance``: a write the schema allows may still be refused with a 400 for
  rules a JSON schema cannot state — the check digit of a business ID, both coordinates or
  neither, the workflow's allowed status changes, the stricter web-address and e-mail checks.

A fixed seed and a bounded number of examples keep the run short and repeatable. The whole
run by hand against a running server:

    schemathesis run http://127.0.0.1:8000/api/v1/schema/?format=json -c all -n 5 --seed 19
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from elmo.wsgi import application

pytestmark = pytest.mark.slow

CONFIG = {
    "seed": 19,
    "workers": 1,
    "generation": {"mode": "all", "max-examples": 5, "database": "none", "no-shrink": True},
    # The in-process client does not decompress; gzip has its own test.
    "headers": {"Accept-Encoding": "identity"},
}


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app would close the test transaction's connection: Django closes old
    connections when each request starts and finishes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def loaded(config):
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", application, config=SchemathesisConfig.from_dict(config)
    )


def problems(schema):
    """What schemathesis reports: each failed check and each error, one line each."""
    found = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE:
                        case = recorder.cases[case_id].value
                        title = check.failure_info.failure.title
                        found.add(f"{recorder.label}: {title}: {case.as_curl_command()[:2000]}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.add(f"error: {event.info.title}: {event.info.message}")
    return sorted(found)


@pytest.mark.django_db
def test_anonymous_client(keep_test_connection):
    assert problems(loaded(CONFIG)) == []


@pytest.mark.django_db
def test_staff_client_writes(keep_test_connection, staff_api):
    config = {
        **CONFIG,
        "headers": {
            **CONFIG["headers"],
            "Authorization": staff_api._credentials["HTTP_AUTHORIZATION"],
        },
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
    assert problems(loaded(config).include(method=["POST", "PUT", "PATCH"])) == []
