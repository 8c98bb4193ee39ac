"""export_registry → a new, empty database → import_registry: the content is identical.

The test database holds the real IP-area data (conftest); each test empties the registry inside
its own transaction, which is rolled back afterwards, so the other tests still see the data.
"""

import gzip
import io

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from clusters.models import Cluster
from platforms.models import InnovationPlatform, Organisation, PlatformService
from priorities.models import Region
from search import search_entries

from .helpers import (
    add_entries_of_every_kind,
    canonical_dump,
    content_models,
    empty_registry,
    export,
    read,
    rows,
    write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor-1", "e@example.org", "pw-1234567890x")


def import_registry(path, *args):
    out = io.StringIO()
    call_command("import_registry", str(path), *args, stdout=out)
    return out.getvalue()


def test_every_field_language_link_and_timestamp_comes_back(tmp_path, editor):
    add_entries_of_every_kind(editor)
    before = canonical_dump()
    path = export(tmp_path / "registry.json", "--feedback")

    empty_registry()
    report = import_registry(path)

    after = canonical_dump()
    for label in before:
        assert after[label] == before[label], label
    assert len(before["platforms.InnovationPlatform"]) == 44
    assert len(before["clusters.Cluster"]) == 13
    assert len(before["feedback.Feedback"]) == 2
    assert before["platforms.InnovationPlatform_editors"]  # the editor was linked again
    assert '"offer_text_en": "A prototype in a week"' in str(before["platforms.PlatformService"])
    assert "44 platforms" in report
    assert "Not linked as editors" not in report


def test_the_snapshot_refers_by_codes_and_slugs_and_says_what_it_holds(tmp_path, editor):
    add_entries_of_every_kind(editor)
    snapshot = read(export(tmp_path / "registry.json"))

    assert snapshot["format"] == "elmo-registry-snapshot"
    assert snapshot["version"] == 2
    assert "feedback" not in snapshot["data"]  # only with --feedback
    platform = next(p for p in snapshot["data"]["platforms"] if p["slug"] == "platform-in-review")
    assert platform["region"] == "19"
    assert sorted(platform["hosts"]) == ["kainuu-company", "national-agency"]
    assert platform["other_regions"] == ["18"]
    assert platform["editors"] == ["editor-1"]
    assert platform["created"] == "2019-01-02T03:04:05.678901+00:00"
    assert platform["contact_role"] == {"fi": "koordinaattori", "sv": None, "en": "coordinator"}
    assert sorted(platform["services"]) == ["rapid-prototyping-test", "testing"]
    # Only the links that say something, every language of them.
    assert platform["services_offer_text"] == {
        "rapid-prototyping-test": {
            "fi": "Prototyyppi viikossa",
            "sv": None,
            "en": "A prototype in a week",
        }
    }
    assert all(
        "services_offer_text" not in p
        for p in snapshot["data"]["platforms"]
        if p["slug"] != "platform-in-review"
    )
    assert "id" not in platform and "search_document" not in platform
    assert snapshot["counts"]["platforms"] == len(snapshot["data"]["platforms"]) == 44
    assert snapshot["counts"]["platforms.hosts"] == sum(
        len(p["hosts"]) for p in snapshot["data"]["platforms"]
    )


def test_a_version_1_snapshot_without_texts_of_links_still_imports(tmp_path, editor):
    add_entries_of_every_kind(editor)
    snapshot = read(export(tmp_path / "registry.json", "--feedback"))
    snapshot["version"] = 1
    for platform in snapshot["data"]["platforms"]:
        platform.pop("services_offer_text", None)
    path = write(tmp_path / "version-1.json", snapshot)
    # What the registry held, but for the texts of links, which version 1 did not have.
    texts = dict.fromkeys(("offer_text_fi", "offer_text_sv", "offer_text_en"))
    PlatformService.objects.update(**texts)
    before = canonical_dump()

    empty_registry()
    report = import_registry(path)

    assert canonical_dump() == before
    assert "44 platforms" in report


def test_the_imported_registry_is_searchable(tmp_path):
    path = export(tmp_path / "registry.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert '"format": "elmo-registry-snapshot"' in handle.readline()
    empty_registry()

    import_registry(path)

    if connection.vendor == "postgresql":
        for model in (InnovationPlatform, Cluster, Organisation):
            assert not model.objects.filter(search_document__isnull=True).exists()
        found = search_entries(InnovationPlatform.objects.published(), "satelliittidata")
        assert "fmi-arctic-space-centre" in found.values_list("slug", flat=True)


def test_replace_deletes_the_content_and_keeps_users_and_officers_regions(tmp_path, editor):
    officer = User.objects.create_user("officer-19", "o@example.org", "pw-1234567890x")
    officer.regions.set(Region.objects.filter(code__in=["19", "18"]))
    InnovationPlatform.objects.order_by("pk").first().editors.add(editor)
    before = canonical_dump()
    path = export(tmp_path / "registry.json")
    # Changes after the export, which the import replaces.
    InnovationPlatform.objects.filter(slug="fmi-arctic-space-centre").update(name_fi="Muutettu")
    add_entries_of_every_kind(editor)

    report = import_registry(path, "--replace")

    after = canonical_dump()
    # A snapshot without feedback (no --feedback) leaves the messages that are there.
    assert len(after.pop("feedback.Feedback")) == 2
    assert before.pop("feedback.Feedback") == []
    assert after == before
    assert "Deleted the previous content: 13 clusters" in report
    assert sorted(officer.regions.values_list("code", flat=True)) == ["18", "19"]
    assert User.objects.filter(username="editor-1").exists()


def test_other_tests_still_see_the_loaded_data():
    """The round trips above emptied the registry only inside their own transactions."""
    assert InnovationPlatform.objects.count() == 42
    assert Region.objects.count() == 7
    assert all(
        rows(model).exists()
        for model in content_models()
        if model.__name__
        in (
            "Region",
            "Strategy",
            "Priority",
            "Service",
            "Organisation",
            "InnovationPlatform",
            "Cluster",
            "VanguardPilot",
            "IndustrialEcosystem",
            "PlatformHost",
            "ClusterMember",
        )
    )
