"""Only a superuser changes a superuser, and nobody takes over an account with more rights than
their own: through the password page, the change form, the add form, a bulk action or groups."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("koordinaattori", password=PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return user


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(view, user):
    # Django names the password page auth_user_password_change whatever the user model.
    name = "auth_user_password_change" if view == "password" else f"accounts_user_{view}"
    return reverse(f"admin:{name}", args=[user.pk])


def account(user, **changes):
    """The change form's fields of ``user``, with ``changes``."""
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "12:00:00",
        "groups": list(user.groups.values_list("pk", flat=True)),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def new_password(value="Uusi-salasana-tuntureilla-9"):
    return {"password1": value, "password2": value}


def test_a_coordinator_cannot_set_a_superusers_password(as_coordinator, superuser):
    assert as_coordinator.get(url("password", superuser)).status_code == 403
    response = as_coordinator.post(url("password", superuser), new_password())
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("pw-1234!")


def test_a_coordinator_cannot_change_a_superuser(as_coordinator, superuser):
    response = as_coordinator.post(
        url("change", superuser), account(superuser, email="x@evil.example")
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "c@example.org"
    page = as_coordinator.get(url("change", superuser))
    assert page.status_code == 200 and 'name="_save"' not in page.text  # read-only


def test_a_coordinator_cannot_take_over_an_account_with_rights_beyond_their_own(
    as_coordinator, django_user_model
):
    trusted = django_user_model.objects.create_user("avaimet", password=PASSWORD, is_staff=True)
    trusted.user_permissions.add(Permission.objects.get(codename="add_tokenproxy"))
    response = as_coordinator.post(url("password", trusted), new_password())
    assert response.status_code == 403
    trusted.refresh_from_db()
    assert trusted.check_password(PASSWORD)


def test_a_coordinator_still_manages_officers_and_their_passwords(
    as_coordinator, django_user_model
):
    officer = django_user_model.objects.create_user("lappi", password=PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    response = as_coordinator.post(url("password", officer), new_password())
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Uusi-salasana-tuntureilla-9")
    response = as_coordinator.post(url("change", officer), account(officer, email="l@example.org"))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email == "l@example.org"


def test_no_form_makes_a_coordinator_or_anyone_a_superuser(
    as_coordinator, coordinator, django_user_model
):
    response = as_coordinator.post(
        url("change", coordinator), account(coordinator, is_superuser="on")
    )
    assert response.status_code == 302
    response = as_coordinator.post(
        reverse("admin:accounts_user_add"),
        {"username": "uusi", "usable_password": "true", **new_password(), "is_superuser": "on"},
    )
    assert response.status_code == 302
    assert not django_user_model.objects.filter(is_superuser=True).exists()


def test_a_coordinator_gives_only_groups_with_no_right_beyond_their_own(
    as_coordinator, coordinator
):
    administrators = Group.objects.create(name="Administrators")
    administrators.permissions.add(Permission.objects.get(codename="change_group"))
    officers = Group.objects.get(name=roles.OFFICER)
    response = as_coordinator.post(
        url("change", coordinator),
        account(
            coordinator,
            groups=[*coordinator.groups.values_list("pk", flat=True), administrators.pk],
        ),
    )
    assert response.status_code == 200 and "errorlist" in response.text
    assert not coordinator.groups.filter(pk=administrators.pk).exists()
    response = as_coordinator.post(
        url("change", coordinator),
        account(
            coordinator, groups=[*coordinator.groups.values_list("pk", flat=True), officers.pk]
        ),
    )
    assert response.status_code == 302
    assert coordinator.groups.filter(pk=officers.pk).exists()


def test_no_bulk_action_changes_a_superuser(as_coordinator, superuser):
    changelist = reverse("admin:accounts_user_changelist")
    actions = as_coordinator.get(changelist).context["action_form"].fields["action"].choices
    names = [name for name, _label in actions if name]
    assert "delete_selected" not in names
    for name in [*names, "delete_selected"]:
        as_coordinator.post(changelist, {"action": name, "_selected_action": [superuser.pk]})
    superuser.refresh_from_db()
    assert superuser.is_superuser and superuser.check_password("pw-1234!")
