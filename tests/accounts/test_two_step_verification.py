"""Optional two-step verification with an authenticator app, which the coordinator can require."""

import re
from base64 import b32encode

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .helpers import PASSWORD, current_code, sign_in, signed_in

pytestmark = pytest.mark.django_db

ADMIN_INDEX = reverse("admin:index")
TWO_FACTOR = reverse("admin:two_factor")


def wrong_code(device):
    """A code that the device accepts at no time step near now."""
    near_now = range(-device.tolerance - 1, device.tolerance + 2)
    accepted = {
        TOTP(device.bin_key, device.step, device.t0, device.digits, drift).token()
        for drift in near_now
    }
    code = next(c for c in range(10**device.digits) if c not in accepted)
    return f"{code:0{device.digits}d}"


def test_without_an_app_the_password_is_enough(client, officer):
    response = sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200


def test_every_admin_page_links_to_two_step_verification(admin_client_fi):
    page = admin_client_fi.get(ADMIN_INDEX).text
    assert f'<a href="{TWO_FACTOR}">Kaksivaiheinen tunnistautuminen</a>' in page


def test_setting_up_an_app_shows_a_qr_code_and_the_key_until_a_code_confirms_it(client, officer):
    sign_in(client, officer.username, PASSWORD)
    page = client.get(TWO_FACTOR, HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert re.search(r'<svg [^>]*role="img"', page.text)
    assert "<img" not in page.text  # the QR code is inline, not fetched from anywhere
    secret = b32encode(device.bin_key).decode()
    shown = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    assert shown.replace(" ", "") == secret

    # Reloading keeps the same secret, so a scanned code stays valid.
    again = client.get(TWO_FACTOR)
    assert secret.encode() in again.content.replace(b" ", b"")
    assert TOTPDevice.objects.filter(user=officer).count() == 1

    response = client.post(
        TWO_FACTOR, {"otp_token": current_code(device)}, HTTP_ACCEPT_LANGUAGE="fi", follow=True
    )
    assert response.redirect_chain[-1][0] == ADMIN_INDEX
    assert "Kaksivaiheinen tunnistautuminen on nyt käytössä." in response.text
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id

    # From now on the password alone does not open the admin.
    client.post(reverse("admin:logout"))
    response = sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 200
    assert "Anna todennussovelluksesi näyttämä kuusinumeroinen koodi." in response.text
    assert not signed_in(client)


def test_a_wrong_code_does_not_switch_the_app_on(client, officer):
    sign_in(client, officer.username, PASSWORD)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=officer)
    response = client.post(TWO_FACTOR, {"otp_token": wrong_code(device)}, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    assert "Koodi on väärä tai vanhentunut." in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_signing_in_asks_for_the_code_of_the_app(client, authenticator):
    response = sign_in(client, "alueasiantuntija", PASSWORD)
    assert response.status_code == 200
    assert 'name="otp_token"' in response.text
    assert "Anna todennussovelluksesi näyttämä kuusinumeroinen koodi." in response.text
    assert not signed_in(client)


def test_a_wrong_code_is_refused(client, authenticator):
    response = sign_in(client, "alueasiantuntija", PASSWORD, code=wrong_code(authenticator))
    assert response.status_code == 200
    assert "Koodi on väärä tai vanhentunut." in response.text
    assert not signed_in(client)


def test_the_right_code_signs_in_and_verifies_the_session(client, authenticator):
    response = sign_in(client, "alueasiantuntija", PASSWORD, code=current_code(authenticator))
    assert response.status_code == 302
    assert client.session["otp_device_id"] == authenticator.persistent_id
    assert client.get(ADMIN_INDEX).status_code == 200


def test_a_code_works_only_once(client, authenticator):
    code = current_code(authenticator)
    assert sign_in(client, "alueasiantuntija", PASSWORD, code=code).status_code == 302
    client.post(reverse("admin:logout"))
    response = sign_in(client, "alueasiantuntija", PASSWORD, code=code)
    assert response.status_code == 200
    assert not signed_in(client)


def test_a_session_not_verified_by_a_code_does_not_open_the_admin(client, authenticator):
    client.force_login(authenticator.user)
    response = client.get(ADMIN_INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_user_required_to_use_an_app_can_only_set_one_up(client, superuser):
    superuser.otp_required = True
    superuser.save()
    assert sign_in(client, "coordinator", "pw-1234!").status_code == 302
    for page in (
        ADMIN_INDEX,
        reverse("admin:platforms_innovationplatform_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:password_change"),
    ):
        response = client.get(page)
        assert (response.status_code, response.url) == (302, TWO_FACTOR), page
    setup = client.get(TWO_FACTOR, HTTP_ACCEPT_LANGUAGE="fi")
    assert "Tililläsi on käytettävä kaksivaiheista tunnistautumista." in setup.text

    device = TOTPDevice.objects.get(user=superuser)
    client.post(TWO_FACTOR, {"otp_token": current_code(device)})
    assert client.get(reverse("admin:platforms_innovationplatform_changelist")).status_code == 200


def test_a_required_user_can_still_sign_out(client, officer):
    officer.otp_required = True
    officer.save()
    sign_in(client, officer.username, PASSWORD)
    assert client.post(reverse("admin:logout")).status_code == 200
    assert not signed_in(client)


def test_the_setting_requires_an_app_of_all_staff(client, officer, settings):
    assert sign_in(client, officer.username, PASSWORD).status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200

    settings.ELMO_REQUIRE_2FA_FOR_STAFF = True
    response = client.get(ADMIN_INDEX)
    assert (response.status_code, response.url) == (302, TWO_FACTOR)


def user_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_only_a_superuser_can_require_two_step_verification(
    client, officer, superuser, django_user_model
):
    editor = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    url = reverse("admin:accounts_user_change", args=[officer.pk])

    client.force_login(editor)
    assert "otp_required" not in client.get(url).context["adminform"].form.fields
    response = client.post(url, user_form(officer, first_name="Aino", otp_required="on"))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.first_name == "Aino"  # the form was saved …
    assert not officer.otp_required  # … without the field the editor may not change

    client.force_login(superuser)
    assert "otp_required" in client.get(url).context["adminform"].form.fields
    response = client.post(url, user_form(officer, otp_required="on"))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.otp_required


def test_the_user_list_shows_who_has_an_app(admin_client_fi, authenticator, superuser):
    response = admin_client_fi.get(reverse("admin:accounts_user_changelist"))
    users = {user.username: user for user in response.context["cl"].result_list}
    assert users["alueasiantuntija"].has_authenticator
    assert not users["coordinator"].has_authenticator
