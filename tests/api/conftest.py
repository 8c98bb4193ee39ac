import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from accounts import roles
from tests.conftest import analyze


@pytest.fixture
def live_api(live_server, transactional_db):
    """The address of a live server holding the IP-area data set, as partners reach it."""
    with open(os.devnull, "w") as quiet:
        call_command("load_ip_area", stdout=quiet)
    analyze()
    return live_server.url


@pytest.fixture
def live_staff_token(live_api):
    """The API token of a staff user of every region who may add and change entries, on the
    live server's data."""
    user = get_user_model().objects.create_user("partner-staff", "p@example.org", "pw-1234!x")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change")
                for model in ("innovationplatform", "cluster", "organisation")
            ]
        )
    )
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return Token.objects.create(user=user).key
