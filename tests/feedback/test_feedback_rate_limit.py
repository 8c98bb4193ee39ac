"""The feedback form takes a few messages per client address and window; past that a 429 that
says why, in the page's language, with the form still holding what was typed."""

import pytest

from elmo.i18n import LANGUAGES
from feedback.models import Feedback
from tests import other_server

pytestmark = pytest.mark.django_db

MESSAGE = {"topic": "content", "message": "Kartan painikkeilta puuttuu teksti.", "email": ""}
TOO_MANY = {
    "fi": "Olet lähettänyt useita viestejä lyhyessä ajassa.",
    "sv": "Du har skickat flera meddelanden på kort tid.",
    "en": "You have sent several messages in a short time.",
}


def post(client, language="fi", address="192.0.2.10", **fields):
    return client.post(f"/{language}/feedback/", {**MESSAGE, **fields}, REMOTE_ADDR=address)


@pytest.fixture
def limit_of_two(settings):
    settings.FEEDBACK_RATE = "2/hour"


@pytest.mark.parametrize("language", LANGUAGES)
def test_past_the_limit_a_429_says_why_and_keeps_the_text(client, limit_of_two, language):
    assert [post(client, language).status_code for _ in range(2)] == [302, 302]
    response = post(client, language, message="Vielä yksi viesti, jota ei saa hukata.")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert TOO_MANY[language] in response.text
    assert "Vielä yksi viesti, jota ei saa hukata." in response.text
    assert Feedback.objects.count() == 2


def test_the_limit_is_per_client_address(client, limit_of_two):
    assert [post(client).status_code for _ in range(3)] == [302, 302, 429]
    assert post(client, address="192.0.2.11").status_code == 302


def test_a_message_with_errors_is_not_counted(client, limit_of_two):
    assert post(client, message="").status_code == 400
    assert [post(client).status_code for _ in range(2)] == [302, 302]


@pytest.mark.slow
def test_the_limit_holds_on_every_server(client, limit_of_two, shared_cache):
    assert [post(client).status_code for _ in range(2)] == [302, 302]
    answers = other_server.statuses(
        "post",
        "/fi/feedback/",
        data=MESSAGE,
        defaults={"REMOTE_ADDR": "192.0.2.10"},
        FEEDBACK_RATE="2/hour",
    )
    assert answers == [429]
