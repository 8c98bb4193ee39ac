"""Without its database the site answers a translated 503, never a stack trace.

Here every query fails as psycopg2 fails when PostgreSQL is down; test_postgresql_outage.py
stops a real server.
"""

import json
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from elmo.faults import database_outage, server_error

pytestmark = pytest.mark.django_db

TITLE = "The registry is temporarily unavailable"
API_DETAIL = "The registry is temporarily unavailable. Please try again in a few minutes."
REFUSED = (
    'connection to server at "127.0.0.1", port 5432 failed: Connection refused\n'
    "\tIs the server running on that host and accepting TCP/IP connections?\n"
)


def translated(language, message):
    with translation.override(language):
        return gettext(message)


@pytest.fixture
def visitor():
    # Errors are answered as a browser would see them, not re-raised into the test.
    return Client(raise_request_exception=False)


def refuse(execute, sql, params, many, context):
    raise OperationalError(REFUSED)


@contextmanager
def queries_refused():
    database_outage.reset()
    with connection.execute_wrapper(refuse):
        yield
    database_outage.reset()


@pytest.fixture
def database_down():
    with queries_refused():
        yield


def assert_no_internals(text):
    for leak in ("Traceback", "OperationalError", "psycopg", "5432", 'File "'):
        assert leak not in text


@pytest.mark.parametrize(
    ("path", "language"),
    [("/fi/", "fi"), ("/sv/platforms/", "sv"), ("/en/clusters/arctic-smartness/", "en")],
)
def test_page_is_a_translated_503(visitor, database_down, path, language):
    response = visitor.get(path)
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{translated(language, TITLE)}</h1>" in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert_no_internals(html)


def test_api_is_a_json_503_in_the_asked_language(visitor, database_down):
    response = visitor.get("/api/v1/platforms/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": translated("sv", API_DETAIL)}
    assert response["Retry-After"] == "30"
    assert_no_internals(response.content.decode())


def test_signed_in_user_gets_the_503_and_stays_signed_in(visitor, superuser):
    """Middleware reads the session and the user before the view runs: the same 503."""
    visitor.force_login(superuser)
    with queries_refused():
        response = visitor.get("/en/privacy/")  # its view reads nothing from the database
    assert response.status_code == 503
    assert f"<h1>{translated('en', TITLE)}</h1>" in response.content.decode()
    assert "sessionid" not in response.cookies  # the session cookie is neither replaced nor deleted
    assert visitor.get("/admin/").status_code == 200


def test_outage_is_logged_once_without_traceback(visitor, database_down, caplog):
    for path in ("/fi/", "/sv/platforms/", "/api/v1/platforms/"):
        assert visitor.get(path).status_code == 503
    faults = [r for r in caplog.records if r.name == "elmo.faults"]
    assert len(faults) == 1
    assert faults[0].getMessage() == (
        "Database unavailable (GET /fi/): OperationalError: " + " ".join(REFUSED.split())
    )
    assert faults[0].exc_info is None
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_other_errors_still_get_the_500_page(rf):
    try:
        json.loads("{")
    except ValueError:
        response = server_error(rf.get("/fi/"))
    assert response.status_code == 500
