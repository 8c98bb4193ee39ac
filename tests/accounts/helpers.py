from django.urls import reverse
from django_otp.oath import totp

PASSWORD = "Revontulet-pohjoisessa-7"


def current_code(device):
    """The code an authenticator app with the device's secret shows now."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in(
    client, username, password, code="", address="192.0.2.10", language="fi", next="/admin/"
):
    """Post the admin's sign-in form from a network address, as a browser would."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code, "next": next},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def signed_in(client):
    return "_auth_user_id" in client.session
