"""schemathesis tests the API as a partner's CI would, over HTTP against a live server with the
IP-area data: all its phases (examples, coverage, fuzzing, stateful) and all its checks, with
valid and invalid input, anonymously and with a staff token. It must report nothing: the schema
and the server agree.

The staff run covers the writes (reads are the anonymous run's), against this test's database,
which is emptied afterwards, in the examples, fuzzing and stateful phases. It leaves out one
check, ``positive_data_acceptance``: a write
that the schema allows may still be refused with a 400 for rules a JSON schema cannot state —
the check digit of a business ID, both coordinates or neither, the workflow's allowed status
changes, the stricter web-address and e-mail checks. Every other check holds for the writes.

A fixed seed and a bounded number of examples keep the run short and repeatable. The same run
by hand against a running server:

    schemathesis run http://127.0.0.1:8000/api/v1/schema/?format=json -c all -n 5 --seed 19
"""

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

pytestmark = pytest.mark.slow

CONFIG = {
    "seed": 19,
    "workers": 1,
    "generation": {"mode": "all", "max-examples": 5, "database": "none", "no-shrink": True},
}


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


def schema_address(live_api):
    return f"{live_api}/api/v1/schema/?format=json"


def test_anonymous_client(live_api):
    schema = schemathesis.openapi.from_url(
        schema_address(live_api), config=SchemathesisConfig.from_dict(CONFIG)
    )
    assert problems(schema) == []


def test_staff_client_writes(live_api, live_staff_token):
    config = {
        **CONFIG,
        "headers": {"Authorization": f"Token {live_staff_token}"},
        "checks": {"positive_data_acceptance": {"enabled": False}},
        # The coverage phase's hundreds of boundary bodies would take minutes of writes.
        "phases": {"coverage": {"enabled": False}},
    }
    schema = schemathesis.openapi.from_url(
        schema_address(live_api), config=SchemathesisConfig.from_dict(config)
    )
    assert problems(schema.include(method=["POST", "PUT", "PATCH"])) == []
