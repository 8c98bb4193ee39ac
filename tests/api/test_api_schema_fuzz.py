"""schemathesis drives every operation of the OpenAPI schema with generated input: no answer
may be a server error, and every answer must match the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from elmo.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


pytestmark = pytest.mark.slow


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app would close the test transaction's connection (STACK.md P7)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema(case, keep_test_connection):
    # The in-process WSGI client does not decompress; gzip has its own test.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance],
    )
