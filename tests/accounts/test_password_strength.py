"""The admin refuses passwords shorter than 12 characters, and common or all-digit ones."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def add_user(client, password):
    return client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "uusi-kayttaja",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )


def error_codes(response, field):
    return [error.code for error in response.context["adminform"].form.errors.as_data()[field]]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Kuu-7-sade!", "password_too_short"),  # 11 characters, otherwise strong
        ("password1234", "password_too_common"),
        ("738205916473", "password_entirely_numeric"),
    ],
)
def test_a_weak_password_is_refused_when_adding_a_user(admin_client_fi, password, code):
    response = add_user(admin_client_fi, password)
    assert response.status_code == 200
    assert code in error_codes(response, "password2")
    assert not get_user_model().objects.filter(username="uusi-kayttaja").exists()


def test_the_refusal_says_what_is_wrong_in_finnish(admin_client_fi):
    response = add_user(admin_client_fi, "Kuu-7-sade!")
    assert "Sen tulee sisältää ainakin 12 merkkiä" in response.text


def test_a_twelve_character_password_is_accepted(admin_client_fi):
    response = add_user(admin_client_fi, "Kuu-7-sateet")
    assert response.status_code == 302
    user = get_user_model().objects.get(username="uusi-kayttaja")
    assert user.check_password("Kuu-7-sateet")


def test_a_short_password_is_refused_when_changing_a_password(admin_client_fi, officer):
    url = reverse("admin:auth_user_password_change", args=[officer.pk]).replace(
        "auth", "accounts", 1
    )
    response = admin_client_fi.post(
        url, {"usable_password": "true", "password1": "Kuu-7-sade!", "password2": "Kuu-7-sade!"}
    )
    assert response.status_code == 200
    officer.refresh_from_db()
    assert not officer.check_password("Kuu-7-sade!")
