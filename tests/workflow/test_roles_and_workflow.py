"""Region-scoped rights, the draft → review → published → archived workflow, in the admin and the
API alike; the officer command; previews; the review filter."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Region
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db
LAPPI, KAINUU = "19", "18"


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def platform_in(code):
    return InnovationPlatform.objects.filter(region__code=code).order_by("pk").first()


@pytest.fixture
def officer(django_user_model):
    call_command("create_officer", "lappi", "--region", LAPPI, "--email", "l@example.org")
    user = django_user_model.objects.get(username="lappi")
    user.set_password("pw-1234!x-long")
    user.save()
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw-1234!x-long")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


def signed_in(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def change_form(client, platform, **overrides):
    """The admin's own change form of ``platform`` as the page offers it, with overrides."""
    response = client.get(admin_url(InnovationPlatform, "change", platform.pk))
    return page_form_data(response, **overrides)


def test_create_officer_makes_a_staff_officer_of_the_regions(officer):
    assert officer.is_staff and roles.is_officer(officer)
    assert set(officer.regions.values_list("code", flat=True)) == {LAPPI}
    call_command("create_officer", "lappi", "--region", LAPPI, "--region", KAINUU)
    assert set(officer.regions.values_list("code", flat=True)) == {LAPPI, KAINUU}
    with pytest.raises(CommandError, match="Unknown region code: 99"):
        call_command("create_officer", "x", "--region", "99")


def test_an_officer_changes_own_region_and_only_sees_others(client, officer):
    client = signed_in(client, officer)
    own, other = platform_in(LAPPI), platform_in(KAINUU)
    data = change_form(client, own, name_en="Renamed in Lapland")
    response = client.post(admin_url(InnovationPlatform, "change", own.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.name_en == "Renamed in Lapland"

    page = client.get(admin_url(InnovationPlatform, "change", other.pk))
    assert page.status_code == 200  # officers see everything …
    assert 'name="_save"' not in page.text  # … read-only
    before = other.name_en
    data = change_form(client, own, name_en="Hijacked")
    response = client.post(admin_url(InnovationPlatform, "change", other.pk), data)
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name_en == before


def test_an_officer_cannot_move_an_entry_to_another_region(client, officer):
    client = signed_in(client, officer)
    own = platform_in(LAPPI)
    kainuu = Region.objects.get(code=KAINUU)
    data = change_form(client, own, region=kainuu.pk)
    response = client.post(admin_url(InnovationPlatform, "change", own.pk), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "not one of your regions" in " ".join(errors["region"])
    own.refresh_from_db()
    assert own.region.code == LAPPI


def test_an_editor_submits_for_review_but_does_not_publish(client, editor):
    platform = platform_in(KAINUU)
    platform.status = Status.DRAFT
    platform.save()
    platform.editors.add(editor)
    client = signed_in(client, editor)
    data = change_form(client, platform, status=Status.PUBLISHED)
    response = client.post(admin_url(InnovationPlatform, "change", platform.pk), data)
    assert response.status_code == 200
    assert "publish or archive" in " ".join(response.context["adminform"].form.errors["status"])
    data = change_form(client, platform, status=Status.IN_REVIEW)
    response = client.post(admin_url(InnovationPlatform, "change", platform.pk), data)
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.status == Status.IN_REVIEW
    # Not assigned: read-only.
    other = platform_in(LAPPI)
    assert 'name="_save"' not in client.get(admin_url(InnovationPlatform, "change", other.pk)).text


def test_bulk_publish_respects_the_region_scope(client, officer):
    own, other = platform_in(LAPPI), platform_in(KAINUU)
    InnovationPlatform.objects.filter(pk__in=[own.pk, other.pk]).update(status=Status.DRAFT)
    client = signed_in(client, officer)
    response = client.post(
        admin_url(InnovationPlatform, "changelist"),
        {"action": "publish", "_selected_action": [own.pk, other.pk]},
        follow=True,
    )
    text = response.text
    assert "1 entry updated." in text
    assert "1 entry was left unchanged" in text
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Status.PUBLISHED and own.first_published is not None
    assert other.status == Status.DRAFT


def test_mark_as_reviewed_and_the_stale_filter(client, officer):
    own = platform_in(LAPPI)
    InnovationPlatform.objects.filter(pk=own.pk).update(last_reviewed=None)
    client = signed_in(client, officer)
    stale = client.get(admin_url(InnovationPlatform, "changelist"), {"review": "stale"})
    assert own.name in stale.text
    client.post(
        admin_url(InnovationPlatform, "changelist"),
        {"action": "mark_reviewed", "_selected_action": [own.pk]},
    )
    own.refresh_from_db()
    assert own.last_reviewed == timezone.localdate()
    stale = client.get(admin_url(InnovationPlatform, "changelist"), {"review": "stale"})
    assert f"/{own.pk}/change/" not in stale.text


def test_only_the_coordinator_deletes_after_seeing_what_depends(client, officer, superuser):
    organisation = Organisation.objects.filter(region__code=LAPPI, platforms__isnull=False).first()
    url = admin_url(Organisation, "delete", organisation.pk)
    assert signed_in(client, officer).get(url).status_code == 403
    page = signed_in(client, superuser).get(url)
    assert page.status_code == 200
    assert organisation.platforms.first().name in page.text


def test_the_api_applies_the_same_scope(officer):
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    own, other = platform_in(LAPPI), platform_in(KAINUU)
    response = api.patch(
        f"/api/v1/platforms/{other.slug}/", {"name": {"fi": "Kaapattu"}}, format="json"
    )
    assert response.status_code == 403
    assert "your own regions" in response.json()["detail"]
    other.refresh_from_db()
    assert other.name_fi != "Kaapattu"
    response = api.patch(f"/api/v1/platforms/{own.slug}/", {"region": KAINUU}, format="json")
    assert response.status_code == 403
    assert "not one of your regions" in response.json()["detail"]
    response = api.patch(
        f"/api/v1/platforms/{own.slug}/", {"name": {"fi": "Uusi nimi"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    own.refresh_from_db()
    assert own.name_fi == "Uusi nimi" and own.region.code == LAPPI


def test_staff_preview_drafts_and_the_public_does_not_see_them(client, officer):
    platform = platform_in(KAINUU)
    platform.status = Status.DRAFT
    platform.save()
    url = f"/en/platforms/{platform.slug}/"
    assert client.get(url).status_code == 404
    response = signed_in(client, officer).get(url)
    assert response.status_code == 200
    assert "Preview:" in response.text and "draft" in response.text
    assert response.headers["Cache-Control"] == "private, no-store"


def test_the_coordinator_manages_officers_but_makes_no_superusers(
    client, officer, django_user_model
):
    coordinator = django_user_model.objects.create_user("coord", password="pw-1234!x-long")
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = signed_in(client, coordinator)
    url = reverse("admin:accounts_user_change", args=[officer.pk])
    fields = client.get(url).context["adminform"].form.fields
    assert "regions" in fields and "otp_required" in fields
    assert "is_superuser" not in fields and "user_permissions" not in fields


def test_a_session_that_skipped_two_step_verification_cannot_write(client, officer):
    officer.otp_required = True
    officer.save()
    client.force_login(officer)
    platform = platform_in(LAPPI)
    response = client.patch(
        f"/api/v1/platforms/{platform.slug}/",
        {"name": {"fi": "Ohitettu"}},
        content_type="application/json",
    )
    assert response.status_code == 403
    platform.refresh_from_db()
    assert platform.name_fi != "Ohitettu"
