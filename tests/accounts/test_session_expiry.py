"""A staff sign-in ends after an idle hour, after 8 hours in all, and with the browser."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.middleware import SessionTimeoutMiddleware
from elmo.settings import env

from .helpers import PASSWORD, sign_in, signed_in

pytestmark = pytest.mark.django_db
MINUTE = 60


class Clock:
    def __init__(self):
        self.now = time.time()

    def advance(self, seconds):
        self.now += seconds


def idle_step():
    """A pause a little shorter than the idle timeout."""
    return settings.SESSION_IDLE_TIMEOUT * 5 // 6


@pytest.fixture
def clock(monkeypatch):
    """The session timeout's clock, moved forward by the test."""
    clock = Clock()
    monkeypatch.setattr(SessionTimeoutMiddleware, "clock", staticmethod(lambda: clock.now))
    return clock


@pytest.fixture
def officer_client(client, officer, clock):
    assert sign_in(client, officer.username, PASSWORD).status_code == 302
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    return client


def test_the_defaults_are_an_hour_idle_and_eight_hours_in_all():
    assert env.scheme["SESSION_IDLE_TIMEOUT"] == (int, 60 * MINUTE)
    assert env.scheme["SESSION_COOKIE_AGE"] == (int, 8 * 60 * MINUTE)


def test_an_idle_hour_signs_the_user_out(officer_client, clock):
    page = reverse("admin:two_factor")
    assert officer_client.get(page).status_code == 200

    clock.advance(settings.SESSION_IDLE_TIMEOUT + MINUTE)
    response = officer_client.get(page)
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={page}"  # back here after signing in
    assert not signed_in(officer_client)
    login_page = officer_client.get(response.url)
    minutes = settings.SESSION_IDLE_TIMEOUT // MINUTE
    assert f"Sinut kirjattiin ulos {minutes} minuutin käyttämättömyyden jälkeen." in login_page.text


def test_activity_keeps_the_sign_in_alive(officer_client, clock):
    for _request in range(4):  # longer than the idle time in all, but never idle that long
        clock.advance(idle_step())
        assert officer_client.get(reverse("admin:index")).status_code == 200
    assert signed_in(officer_client)


def test_a_sign_in_ends_after_eight_hours_however_active(officer_client, clock):
    elapsed = 0
    while elapsed + idle_step() <= settings.SESSION_COOKIE_AGE:
        clock.advance(idle_step())
        elapsed += idle_step()
        assert officer_client.get(reverse("admin:index")).status_code == 200

    clock.advance(idle_step())
    response = officer_client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    assert not signed_in(officer_client)
    assert "Kirjautumisesi enimmäiskesto täyttyi" in response.text


def test_the_session_cookie_ends_with_the_browser(client, officer, clock):
    response = sign_in(client, officer.username, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_the_public_site_does_not_read_the_session(client):
    response = client.get("/fi/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
