"""PostgreSQL stops under the running site and comes back: 503s meanwhile, then it just works.

A real server process (runserver, production settings) on a PostgreSQL cluster of the test's
own (conftest.py), which the test stops and starts.
"""

import time

import pytest
from django.utils import translation
from django.utils.translation import gettext

from elmo.cache import TOKEN_SECONDS

pytestmark = pytest.mark.slow


PAGES = {"/fi/": "fi", "/sv/platforms/": "sv"}
API = "/api/v1/platforms/"
TITLE = "The registry is temporarily unavailable"
API_DETAIL = "The registry is temporarily unavailable. Please try again in a few minutes."
# A well-formed session key: the middleware reads the session (from the database) before the view.
SESSION_COOKIE = "sessionid=" + "k" * 32


def translated(language, message):
    with translation.override(language):
        return gettext(message)


def assert_no_internals(text):
    for leak in ("Traceback", "OperationalError", "psycopg", "connection to server"):
        assert leak not in text


def assert_everything_answers(site):
    for path in (*PAGES, API, "/readyz", "/healthz"):
        answer = site.get(path)
        assert answer.status == 200, (path, answer.text[:500])
    assert site.get("/readyz").json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


def test_site_answers_503_while_postgresql_is_down_and_recovers_by_itself(live, cluster):
    assert_everything_answers(live)
    assert len(cluster.site_backends()) == 1  # one persistent connection
    log_before = live.log_text()

    cluster.stop()

    # What was cached is still served while the server goes on using the content token it
    # read (TOKEN_SECONDS); after that the token, and so every answer, needs the database.
    assert live.get("/fi/").status == 200
    time.sleep(TOKEN_SECONDS + 0.5)

    for path, language in PAGES.items():
        answer = live.get(path)
        assert answer.status == 503, path
        assert f'<html lang="{language}">' in answer.text
        assert f"<h1>{translated(language, TITLE)}</h1>" in answer.text
        assert answer.headers["Retry-After"] == "30"
        assert "no-store" in answer.headers["Cache-Control"]
        assert_no_internals(answer.text)

    api = live.get(API, **{"Accept-Language": "sv"})
    assert api.status == 503
    assert api.headers["Content-Type"] == "application/json"
    assert api.json() == {"detail": translated("sv", API_DETAIL)}
    assert api.headers["Retry-After"] == "30"
    assert_no_internals(api.text)

    signed_in = live.get("/en/privacy/", Cookie=SESSION_COOKIE)
    assert signed_in.status == 503
    assert f"<h1>{translated('en', TITLE)}</h1>" in signed_in.text

    ready = live.get("/readyz")
    assert ready.status == 503
    assert ready.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }
    assert ready.seconds < 3
    assert "no-store" in ready.headers["Cache-Control"]
    assert live.get("/healthz").status == 200

    log = live.log_text()[len(log_before) :]
    assert log.count("elmo.faults") == 1, log  # one line for six failed requests
    assert "Database unavailable (GET /fi/): OperationalError: " in log
    assert "Traceback" not in log

    cluster.start()
    back = time.monotonic()
    assert live.get("/fi/").status == 200
    recovery = time.monotonic() - back
    assert_everything_answers(live)
    assert live.get("/en/privacy/", Cookie=SESSION_COOKIE).status == 200
    assert len(cluster.site_backends()) == 1
    print(f"first page {recovery:.3f} s after PostgreSQL accepted connections again")


def test_restart_between_requests_replaces_the_persistent_connection(live, cluster):
    """CONN_HEALTH_CHECKS: the connection the server kept is dead after a restart; the next
    request notices that before its first query and connects anew instead of failing."""
    assert live.get("/fi/").status == 200
    before = cluster.site_backends()
    assert len(before) == 1

    cluster.stop()
    cluster.start()

    for path in (*PAGES, API):  # not cached: each reads the database
        assert live.get(f"{path}?_=after-restart").status == 200, path
    after = cluster.site_backends()
    assert len(after) == 1 and after != before
