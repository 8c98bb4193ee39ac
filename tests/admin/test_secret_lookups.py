"""No admin list filters by a secret: a filter that answers "some" or "none" would let anyone
who can open the list read a token, a key or a password hash prefix by prefix."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts import roles
from accounts.sites import ElmoAdminSite
from tests.accounts.helpers import PASSWORD

pytestmark = pytest.mark.django_db

# The credentials the database holds, as (model, field).
SECRETS = {
    (Token, "key"),
    (TOTPDevice, "key"),
    (get_user_model(), "password"),
    (Session, "session_key"),
    (Session, "session_data"),
}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def secret(field):
    """The (model, field) of ``field`` if it holds a secret."""
    if not getattr(field, "concrete", False):
        return None
    pair = (field.model._meta.concrete_model, field.name)
    return pair if pair in SECRETS else None


def probes(model, prefix="", hops=2):
    """(lookup path, secret) of every way from ``model`` to a secret through at most ``hops``
    relations: the field itself, or a relation compared with a related secret primary key."""
    for field in model._meta.get_fields():
        path = prefix + field.name
        if secret(field):
            yield f"{path}__startswith", secret(field)
        elif field.is_relation and field.related_model and hops:
            if secret(field.related_model._meta.pk):
                yield f"{path}__lt", secret(field.related_model._meta.pk)
            yield from probes(field.related_model, path + LOOKUP_SEP, hops - 1)


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def secrets(client, superuser):
    """The superuser signed in, with a token and an authenticator app: every secret's value."""
    client.force_login(superuser)
    session = Session.objects.get(pk=client.session.session_key)
    return {
        (Token, "key"): Token.objects.create(user=superuser).key,
        (TOTPDevice, "key"): TOTPDevice.objects.create(
            user=superuser,
            name="Puhelin",
            confirmed=False,  # a confirmed one asks for a code
        ).key,
        (get_user_model(), "password"): superuser.password,
        (Session, "session_key"): session.session_key,
        (Session, "session_data"): session.session_data,
    }


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_no_admin_filters_by_a_secret(client, secrets, model):
    for lookup, pair in sorted(set(probes(model))):
        answers = [
            client.get(changelist(model), {lookup: prefix}) for prefix in (secrets[pair][:3], "~")
        ]
        assert [answer.status_code for answer in answers] == [400, 400], lookup
        assert answers[0].content == answers[1].content, lookup


def test_a_coordinator_cannot_bisect_the_superusers_token(client, superuser, django_user_model):
    key = Token.objects.create(user=superuser).key
    coordinator = django_user_model.objects.create_user("koordinaattori", password=PASSWORD)
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client.force_login(coordinator)
    url = changelist(get_user_model())
    answers = {
        client.get(url, {lookup: probe}).content
        for probe in (f"^{key[:2]}", "^~")
        for lookup in ("auth_token__key__regex", "auth_token__pk__regex")
    } | {client.get(url, {"auth_token__gt": probe}).content for probe in (key[:2], "~")}
    assert len(answers) == 1 and b"Bad Request (400)" in answers.pop()


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Session, "session_key__startswith"),
        (Session, "pk__startswith"),
        (Session, "session_data__contains"),
        (AccessAttempt, "post_data__contains"),
        (AccessLog, "session_hash__startswith"),
    ],
)
def test_secrets_stay_unfiltered_in_admins_registered_later(rf, model, lookup):
    """Sessions and sign-in records are not in the admin; should one be added, the rule holds."""
    site = ElmoAdminSite(name="probe")
    site.register(model, ModelAdmin)
    assert not site._registry[model].lookup_allowed(lookup, "a", rf.get("/"))
