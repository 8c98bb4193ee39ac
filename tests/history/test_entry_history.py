"""The change history of platforms, clusters and organisations: who, when and what, on the
admin's history page, and restoring an earlier version under the officers' region rules."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

import search
from clusters.models import Cluster
from entries import history
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db
LAPPI, KAINUU = "19", "18"


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def version_url(obj, record):
    return admin_url(type(obj), "simple_history", obj.pk, record.history_id)


def form_data(client, url, **overrides):
    """The admin form at ``url`` as the page offers it, with overrides."""
    response = client.get(url)
    assert response.status_code == 200
    return page_form_data(response, **overrides)


def save_in_admin(client, obj, **overrides):
    url = admin_url(type(obj), "change", obj.pk)
    response = client.post(url, form_data(client, url, **overrides))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


def changed_fields(obj):
    """The names of the fields and links the last record of ``obj`` changed, as the admin's
    history page lists them."""
    latest, previous = obj.history.all()[:2]
    history.annotate_changes(type(obj), [latest], previous)
    return {change["name"] for change in latest.changes}


def platform_in(code):
    return InnovationPlatform.objects.filter(region__code=code).order_by("pk").first()


def unlinked_priority(platform):
    return Priority.objects.exclude(platforms=platform).order_by("pk").first()


@pytest.fixture
def coordinator(client, superuser):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def officer(client, django_user_model):
    call_command("create_officer", "lappi", "--region", LAPPI, stdout=io.StringIO())
    user = django_user_model.objects.get(username="lappi")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_an_admin_change_records_the_user_and_the_fields_and_links_in_one_record(
    coordinator, superuser
):
    platform = platform_in(LAPPI)
    before = platform.history.count()
    priorities = [*platform.priorities.values_list("pk", flat=True), unlinked_priority(platform).pk]
    save_in_admin(coordinator, platform, name_sv="Nytt namn", priorities=priorities)
    assert platform.history.count() == before + 1
    latest = platform.history.first()
    assert latest.history_user == superuser and latest.history_type == "~"
    assert changed_fields(platform) == {"name_sv", "priorities"}
    # Saving again without a change writes no record, even if the browser sends the line
    # breaks of the sources as \r\n.
    assert "\n" in platform.sources
    save_in_admin(coordinator, platform, sources=platform.sources.replace("\n", "\r\n"))
    assert platform.history.count() == before + 1


def test_the_history_page_shows_translated_fields_and_links_that_changed(coordinator):
    platform = platform_in(LAPPI)
    old_name = platform.name_sv or "(empty)"
    removed = platform.hosts.order_by("pk").first()
    added = Organisation.objects.exclude(platforms=platform).order_by("pk").first()
    hosts = [*platform.hosts.exclude(pk=removed.pk).values_list("pk", flat=True), added.pk]
    save_in_admin(coordinator, platform, name_sv="Nytt namn", hosts=hosts)
    page = coordinator.get(admin_url(InnovationPlatform, "history", platform.pk))
    assert page.status_code == 200
    row = page.text.split("<tbody>")[1].split("</tr>")[0]  # the newest change
    assert "coordinator" in row
    assert "Name [sv]:</strong>" in row and f"{old_name} &rarr; Nytt namn" in row
    assert "Host organisations:</strong>" in row
    assert f"added: {added.name}" in row and f"removed: {removed.name}" in row


def test_the_history_page_speaks_finnish(client, superuser):
    client.force_login(superuser)
    platform = platform_in(LAPPI)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    save_in_admin(client, platform, name_fi="Uusi nimi")
    page = client.get(admin_url(InnovationPlatform, "history", platform.pk))
    assert "Nimi [fi]:</strong>" in page.text


def test_restoring_a_version_brings_back_its_fields_and_links_and_the_search_finds_it(
    coordinator,
):
    platform = platform_in(LAPPI)
    hosts = sorted(platform.hosts.values_list("pk", flat=True))
    save_in_admin(coordinator, platform, name_fi="Revontulikeskus")
    version = platform.history.first()
    assert hosts
    save_in_admin(coordinator, platform, name_fi="Pohjantähti", hosts=[])
    everything = InnovationPlatform.objects.all()
    assert platform not in search.search_entries(everything, "Revontulikeskus")

    page = coordinator.get(version_url(platform, version))
    assert "Restore this version" in page.text
    response = coordinator.post(
        version_url(platform, version), form_data(coordinator, version_url(platform, version))
    )
    assert response.status_code == 302
    assert response.url == admin_url(InnovationPlatform, "change", platform.pk)
    platform.refresh_from_db()
    assert platform.name_fi == "Revontulikeskus"
    assert sorted(platform.hosts.values_list("pk", flat=True)) == hosts
    assert platform in search.search_entries(everything, "Revontulikeskus")
    latest = platform.history.first()
    assert latest.history_change_reason == f"restored:{version.history_id}"
    page = coordinator.get(admin_url(InnovationPlatform, "history", platform.pk))
    assert "Restored the version of" in page.text


def test_an_officer_of_another_region_cannot_restore(officer):
    platform = platform_in(KAINUU)
    platform.name_fi = "Muutettu"
    platform.save()
    version = platform.history.all()[1]
    count = platform.history.count()
    page = officer.get(version_url(platform, version))
    assert page.status_code == 200  # officers see every version …
    assert "Restore this version" not in page.text  # … but restore only their own
    response = officer.post(
        version_url(platform, version), form_data(officer, version_url(platform, version))
    )
    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert "was not restored" in str(message) and "your own regions" in str(message)
    platform.refresh_from_db()
    assert platform.name_fi == "Muutettu"
    assert platform.history.count() == count


def test_an_officer_cannot_restore_a_version_from_another_region(officer):
    platform = platform_in(KAINUU)
    version = platform.history.first()
    platform.region = Region.objects.get(code=LAPPI)
    platform.save()  # the coordinator moved it to Lapland, the officer's region
    response = officer.post(
        version_url(platform, version), form_data(officer, version_url(platform, version))
    )
    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert "not one of your regions" in str(message)
    platform.refresh_from_db()
    assert platform.region.code == LAPPI


def test_clusters_and_organisations_have_history_pages(coordinator):
    cluster = Cluster.objects.order_by("pk").first()
    save_in_admin(coordinator, cluster, name_en="Renamed cluster")
    page = coordinator.get(admin_url(Cluster, "history", cluster.pk))
    assert "Renamed cluster" in page.text
    organisation = Organisation.objects.order_by("pk").first()
    save_in_admin(coordinator, organisation, website="https://example.org/")
    page = coordinator.get(admin_url(Organisation, "history", organisation.pk))
    assert "https://example.org/" in page.text


def test_an_api_patch_records_the_api_user(staff_api, django_user_model):
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    services = Service.objects.exclude(platforms=platform).values_list("slug", flat=True)[:1]
    response = staff_api.patch(
        f"/api/v1/platforms/{platform.slug}/",
        {"name": {"sv": "Superdator"}, "services": list(services)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert platform.history.first().history_user == django_user_model.objects.get(
        username="officer"
    )
    assert changed_fields(platform) == {"name_sv", "services"}


def test_links_changed_from_the_other_side_are_recorded_on_the_entry():
    platform = platform_in(LAPPI)
    region = Region.objects.exclude(pk=platform.region_id).exclude(served_platforms=platform)[0]
    count = platform.history.count()
    region.served_platforms.add(platform)
    assert platform.history.count() == count + 1
    assert changed_fields(platform) == {"other_regions"}


def test_loading_the_data_set_again_writes_no_history():
    counts = [InnovationPlatform.history.count(), Cluster.history.count()]
    assert counts[0] >= InnovationPlatform.objects.count()  # the first load recorded each one
    out = io.StringIO()
    call_command("load_ip_area", stdout=out)
    assert "The database already matched the data set." in out.getvalue()
    assert [InnovationPlatform.history.count(), Cluster.history.count()] == counts
