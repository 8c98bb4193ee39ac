import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .helpers import PASSWORD


@pytest.fixture
def officer(db, django_user_model):
    """A regional officer: staff, signing in with a password."""
    return django_user_model.objects.create_user(
        "alueasiantuntija", "officer@example.org", PASSWORD, is_staff=True
    )


@pytest.fixture
def authenticator(officer):
    """A confirmed authenticator app of the officer."""
    return TOTPDevice.objects.create(user=officer, name="Puhelin", confirmed=True)
