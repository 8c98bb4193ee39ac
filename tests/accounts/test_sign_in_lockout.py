"""Repeated failed sign-ins block that user name at that address for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from .helpers import PASSWORD, current_code, sign_in, signed_in

pytestmark = pytest.mark.django_db


def fail_until_blocked(client, username="alueasiantuntija", address="192.0.2.10"):
    """Wrong passwords up to the limit; every earlier one shows the sign-in form again."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, username, "väärä-salasana", address=address)
        assert response.status_code == 200
        assert "login-form" in response.text
    return sign_in(client, username, "väärä-salasana", address=address)


def test_reaching_the_failure_limit_shows_the_lockout_page(client, officer, settings):
    settings.ELMO_ADMIN_CONTACT_EMAIL = "koordinaattori@example.org"
    response = fail_until_blocked(client)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    page = response.text
    assert "Kirjautuminen on hetken estetty" in page
    assert f"tästä verkko-osoitteesta {settings.AXES_FAILURE_LIMIT} kertaa" in page
    assert "”alueasiantuntija”" in page
    attempt = AccessAttempt.objects.get(username="alueasiantuntija")
    with translation.override("fi"):
        until = formats.date_format(
            timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME),
            "SHORT_DATETIME_FORMAT",
        )
    assert f"estetty {until} asti" in page
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    assert f"Yritä uudelleen {minutes} minuutin kuluttua" in page
    assert 'href="mailto:koordinaattori@example.org"' in page


def test_the_lockout_page_speaks_swedish(client, officer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alueasiantuntija", "fel", language="sv")
    response = sign_in(client, "alueasiantuntija", "fel", language="sv")
    assert response.status_code == 429
    assert "Inloggningen är spärrad en stund" in response.text
    assert "kontakta registrets koordinator" in response.text


def test_the_right_password_is_refused_during_the_block(client, officer):
    fail_until_blocked(client)
    response = sign_in(client, "alueasiantuntija", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 302  # to the sign-in page


def test_a_wrong_authenticator_code_counts_as_a_failure(client, authenticator):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "alueasiantuntija", PASSWORD, code="000000")
    assert response.status_code == 429
    response = sign_in(client, "alueasiantuntija", PASSWORD, code=current_code(authenticator))
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_block_covers_only_that_user_name_at_that_address(client, officer, superuser):
    fail_until_blocked(client)
    # Someone else at the same office address still gets in …
    assert sign_in(client, "coordinator", "pw-1234!").status_code == 302
    client.logout()
    # … and so does the officer from another address.
    response = sign_in(client, "alueasiantuntija", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_block_ends_after_the_cool_off(client, officer, settings):
    fail_until_blocked(client)
    cool_off = settings.AXES_COOLOFF_TIME

    # A minute before the end it still holds, and that try starts the wait again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(minutes=1))
    assert sign_in(client, "alueasiantuntija", PASSWORD).status_code == 429
    restarted = AccessAttempt.objects.get(username="alueasiantuntija").attempt_time
    assert timezone.now() - restarted < timedelta(seconds=10)

    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(seconds=1))
    response = sign_in(client, "alueasiantuntija", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert signed_in(client)


def test_the_coordinator_lifts_the_block_from_the_user_list(client, officer, superuser):
    fail_until_blocked(client)
    coordinator = type(client)()
    coordinator.force_login(superuser)
    response = coordinator.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "lift_sign_in_block", "_selected_action": [officer.pk]},
        HTTP_ACCEPT_LANGUAGE="fi",
        follow=True,
    )
    assert "Poistettiin 1 merkintä epäonnistuneista kirjautumisista" in response.text

    assert sign_in(client, "alueasiantuntija", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_the_earlier_failures(client, officer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alueasiantuntija", "väärä-salasana")
    assert sign_in(client, "alueasiantuntija", PASSWORD).status_code == 302
    client.post(reverse("admin:logout"))

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "alueasiantuntija", "väärä-salasana").status_code == 200
    assert sign_in(client, "alueasiantuntija", PASSWORD).status_code == 302


def test_the_api_token_of_a_blocked_user_name_still_works(client, staff_api):
    # staff_api holds the token of the staff user "officer"; block that name at its address.
    fail_until_blocked(client, username="officer", address="127.0.0.1")
    response = staff_api.patch("/api/v1/platforms/lumi-supercomputer/", {}, format="json")
    assert response.status_code == 200
