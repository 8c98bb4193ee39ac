"""Signed links: bound to their purpose, time-limited, tamper-proof, single-use when used, made
on the public address, and refused with a clear page in the page's language."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import RequestFactory
from django.utils import translation

from signedlinks.links import Purpose, Reading, State
from signedlinks.views import link_page, refused_page

pytestmark = pytest.mark.django_db
INVITE = Purpose("test-invite", view="enquiry-confirm", max_age=timedelta(days=30))
OTHER = Purpose("test-other", view="enquiry-confirm", max_age=timedelta(days=30))


def made_ago(purpose, value, age, monkeypatch):
    then = time.time() - age.total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        return purpose.token(value=value)


def test_a_fresh_token_reads_back_its_value():
    reading = INVITE.read(token=INVITE.token(value="platform:42"))
    assert (reading.state, reading.value, reading.valid) == (State.VALID, "platform:42", True)


def test_an_old_token_is_expired_not_forged(monkeypatch):
    token = made_ago(INVITE, "7", timedelta(days=31), monkeypatch)
    reading = INVITE.read(token=token)
    assert (reading.state, reading.value) == (State.EXPIRED, "7")
    assert INVITE.read(token=made_ago(INVITE, "7", timedelta(days=29), monkeypatch)).valid


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t + "x",
        lambda t: t[:-3],
        lambda t: "A" + t[1:],
        lambda t: t.replace(":", ";"),
        lambda t: "",
        lambda t: "::",
        lambda t: "<script>alert(1)</script>",
        lambda t: "a" * 5000,
        lambda t: "\x00" + t,
    ],
)
def test_a_changed_token_is_forged(change):
    reading = INVITE.read(token=change(INVITE.token(value="7")))
    assert (reading.state, reading.value) == (State.FORGED, "")


def test_a_token_of_another_purpose_or_key_is_forged(settings):
    assert OTHER.read(token=INVITE.token(value="7")).state is State.FORGED
    token = INVITE.token(value="7")
    settings.SECRET_KEY = "another-secret-key-of-another-installation"
    assert INVITE.read(token=token).state is State.FORGED


def test_a_forged_expired_token_is_not_told_expired(monkeypatch):
    token = made_ago(INVITE, "7", timedelta(days=40), monkeypatch)
    assert INVITE.read(token=token[:-1] + ("A" if token[-1] != "A" else "B")).state is (
        State.FORGED
    )


def test_a_single_use_link_is_used_once_and_for_every_copy():
    first, second = INVITE.token(value="7"), INVITE.token(value="7")
    reading = INVITE.read(token=first)
    assert INVITE.use(reading) is True
    assert INVITE.use(reading) is False  # a second click, or a second tab
    assert INVITE.read(token=first).state is State.USED
    assert INVITE.read(token=second).state is State.USED
    assert INVITE.read(token=INVITE.token(value="8")).valid
    assert OTHER.read(token=OTHER.token(value="7")).valid  # another purpose is untouched


def test_ending_a_value_makes_its_links_read_as_used():
    token = OTHER.token(value="enquiry-uuid")
    OTHER.end(value="enquiry-uuid")
    OTHER.end(value="enquiry-uuid")  # twice is harmless
    assert OTHER.read(token=token).state is State.USED


def test_a_forged_or_expired_reading_cannot_be_used():
    assert INVITE.use(Reading(INVITE, State.FORGED)) is False
    assert INVITE.use(Reading(INVITE, State.EXPIRED, "7")) is False


def test_links_are_absolute_on_the_public_address_in_the_given_language(settings):
    settings.PUBLIC_URL = "https://elmo.example.fi"
    link = INVITE.link(value="7", language="sv")
    assert link.startswith("https://elmo.example.fi/sv/enquiry/confirm/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert INVITE.read(token=token).value == "7"


@pytest.mark.parametrize(
    ("language", "state", "title"),
    [
        ("fi", State.EXPIRED, "Linkki on vanhentunut"),
        ("sv", State.USED, "Länken har redan använts"),
        ("en", State.FORGED, "This link is not valid"),
    ],
)
def test_a_refused_link_gets_a_clear_page_in_the_language(language, state, title):
    request = RequestFactory().get(f"/{language}/x/")

    @link_page
    def view(request):
        return refused_page(request, Reading(INVITE, state), again_url="/fi/need/", again_text="X")

    with translation.override(language):
        response = view(request)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert 'href="/fi/need/"' in html
