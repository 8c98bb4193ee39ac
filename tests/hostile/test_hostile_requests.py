"""Every request of the hostile corpus gets a 4xx or a normal page, never a 5xx; nothing typed
comes back as live HTML; the API's errors are JSON."""

import io
import json
import sys
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from rest_framework.authtoken.models import Token

from accounts import roles
from elmo.api.middleware import MAX_ADDRESS_BYTES
from elmo.wsgi import application

from .corpus import CORPUS, CSRF_SECRET, FORGED_TOKEN, HTML_FRAGMENTS, MARKERS, breakdown

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@dataclass
class Answer:
    status: int
    content_type: str
    headers: dict
    content: bytes


def wire(text):
    """A str of characters 0–255 standing for the bytes of a WSGI environ value."""
    return text.encode("utf-8").decode("latin-1")


def meta_name(header):
    name = header.upper().replace("-", "_")
    return name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"


@pytest.fixture
def staff(django_user_model):
    """A coordinator with the rights to add and change entries, and an API token."""
    user = django_user_model.objects.create_user("hostile-officer", is_staff=True)  # no password
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("innovationplatform", "cluster", "organisation")
    ]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return user, Token.objects.create(user=user).key


def environ_of(spec, token):
    """The request's WSGI environ entries beyond what the client or server fills in."""
    environ = {meta_name(name): value for name, value in spec.headers}
    if spec.client == "staff_token":
        environ["HTTP_AUTHORIZATION"] = f"Token {token}"
    if spec.raw:
        environ["PATH_INFO"] = spec.path
        environ["QUERY_STRING"] = spec.query
    else:
        environ["QUERY_STRING"] = wire(spec.query)
    if spec.client in ("browser", "staff_session"):
        cookie, token_value = {
            "valid": (CSRF_SECRET, CSRF_SECRET),
            "missing": (None, None),
            "forged": (CSRF_SECRET, FORGED_TOKEN),
            "forged_in_form": (CSRF_SECRET, None),  # the corpus puts it in the body
            "cookie_only": (CSRF_SECRET, None),
            "bad_cookie": ('<b>"x', '<b>"x'),
        }[spec.csrf]
        if token_value is not None:
            environ["HTTP_X_CSRFTOKEN"] = token_value
        if cookie is not None:
            environ["HTTP_COOKIE"] = "; ".join(
                filter(None, [f"csrftoken={cookie}", environ.get("HTTP_COOKIE")])
            )
    return environ


def through_client(spec, environ, user):
    client = Client(
        enforce_csrf_checks=spec.client in ("browser", "staff_session"),
        raise_request_exception=False,
    )
    if spec.client == "staff_session":
        client.force_login(user)
        session_cookie = client.cookies["sessionid"].value
        environ["HTTP_COOKIE"] = "; ".join(
            filter(None, [environ.get("HTTP_COOKIE"), f"sessionid={session_cookie}"])
        )
    client.cookies.clear()  # every cookie is in the environ, as the spec says
    path = spec.path if not spec.raw else "/"
    response = client.generic(
        spec.method, path, spec.body, content_type=spec.content_type, **environ
    )
    return Answer(
        response.status_code,
        response.get("Content-Type", ""),
        dict(response.headers),
        b"".join(response) if response.streaming else response.content,
    )


def through_wsgi(spec, environ, user):
    if spec.client == "staff_session":
        pytest.fail("the WSGI runner has no sessions")
    environ = {
        "REQUEST_METHOD": spec.method,
        "PATH_INFO": spec.path if spec.raw else wire(spec.path),
        "CONTENT_TYPE": spec.content_type,
        "CONTENT_LENGTH": str(len(spec.body)),
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_NAME": "testserver",
        "wsgi.input": io.BytesIO(spec.body),
        "wsgi.errors": sys.stderr,
        **environ,
    }
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    # As the test client does: the test's transaction must survive the request, which would
    # otherwise close old connections when it starts and finishes.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            result.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    headers = started["headers"]
    return Answer(
        int(started["status"].split()[0]), headers.get("Content-Type", ""), headers, content
    )


def send(spec, staff):
    user, token = staff
    environ = environ_of(spec, token)
    return (through_wsgi if spec.wsgi else through_client)(spec, environ, user)


def status_matches(status, expect):
    if not expect:
        return True
    if expect.endswith("xx"):
        return status // 100 == int(expect[0])
    return status == int(expect)


def expected(spec):
    """What the corpus expects; an API address longer than the API reads may also be refused
    as such, with a 414 whatever it holds (``elmo.api.middleware``)."""
    address = spec.path + ("?" + spec.query if spec.query else "")
    if spec.path.startswith("/api/") and len(address.encode()) > MAX_ADDRESS_BYTES:
        return ("414", "400") if spec.expect == "400" else ("414",)
    return (spec.expect,)


@pytest.mark.parametrize("spec", CORPUS, ids=str)
def test_hostile_request_is_answered_safely(spec, staff):
    answer = send(spec, staff)

    assert answer.status < 500, f"{spec.name}: {answer.status}"
    expect = expected(spec)
    assert any(status_matches(answer.status, e) for e in expect), (
        f"{spec.name}: expected {expect}, got {answer.status}: {answer.content[:300]!r}"
    )
    for marker in MARKERS:
        assert marker.encode() not in answer.content, f"{spec.name}: echoed {marker}"
    is_html = answer.content_type.startswith("text/html")
    if is_html:
        for fragment in HTML_FRAGMENTS:
            assert fragment.encode() not in answer.content, f"{spec.name}: echoed {fragment}"
    else:
        # A non-HTML answer must not be sniffed into HTML by a browser.
        assert answer.headers.get("X-Content-Type-Options") == "nosniff", spec.name
    if answer.content_type.startswith("application/json"):
        json.loads(answer.content)
    # The schema endpoint answers in the schema's formats (YAML by default), errors too.
    api = spec.path.startswith("/api/") and not spec.path.startswith("/api/v1/schema/")
    if api and answer.status >= 400:
        assert answer.content_type.startswith("application/json"), (
            f"{spec.name}: API error as {answer.content_type}: {answer.content[:200]!r}"
        )
        json.loads(answer.content)


def test_the_corpus_is_large_and_covers_every_kind_of_input():
    names = [spec.name for spec in CORPUS]
    assert len(names) == len(set(names)), "every entry needs its own name"
    assert len(CORPUS) >= 150
    kinds = breakdown()
    assert min(kinds[k] for k in ("public pages", "API reads", "API writes", "admin")) >= 10
    assert kinds["feedback form"] >= 10 and kinds["CSRF enforced"] >= 10
