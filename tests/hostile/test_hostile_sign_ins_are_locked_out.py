"""Guessing passwords with injection strings runs into the sign-in lockout (django-axes) like any
other guessing, and the lockout page shows a hostile user name as text."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from tests.accounts.helpers import PASSWORD, sign_in, signed_in

from .corpus import XSS, XSS_ATTR

pytestmark = pytest.mark.django_db

GUESSES = [
    "' OR '1'='1' --",
    "x' UNION SELECT password FROM accounts_user --",
    XSS,
    "a" * 10_000,
    "%00",
    "{{ settings.SECRET_KEY }}",
]


def test_injection_passwords_count_as_failures_until_the_lockout(client, django_user_model):
    django_user_model.objects.create_user("alueasiantuntija", password=PASSWORD, is_staff=True)
    statuses = [
        sign_in(client, "alueasiantuntija", GUESSES[i % len(GUESSES)]).status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert sign_in(client, "alueasiantuntija", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_a_hostile_user_name_is_locked_out_and_shown_escaped(client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, XSS_ATTR, "väärä-salasana").status_code == 200
    response = sign_in(client, XSS_ATTR, "väärä-salasana")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == XSS_ATTR
    assert XSS_ATTR not in response.text
    assert "&quot;&gt;&lt;img src=x onerror=alert(&quot;x2&quot;)&gt;" in response.text


def test_an_overlong_user_name_is_a_form_error_not_an_attempt(client):
    response = sign_in(client, "a" * 10_000, "väärä-salasana")
    assert response.status_code == 200
    assert "login-form" in response.text
    assert not AccessAttempt.objects.exists()
