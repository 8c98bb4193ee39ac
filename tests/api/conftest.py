import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(db, django_user_model):
    """A client with the token of a staff user who may add and change platforms and clusters."""
    user = django_user_model.objects.create_user("officer", "officer@example.org", "pw-1234!x")
    user.is_staff = True
    user.save()
    codenames = [
        f"{action}_{model}"
        for action in ("add", "change")
        for model in ("innovationplatform", "cluster", "organisation")
    ]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
