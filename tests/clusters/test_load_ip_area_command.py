"""`load_ip_area` on the real data set. The test database starts with it loaded (conftest)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from elmo.i18n import LANGUAGES
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region, Strategy

pytestmark = pytest.mark.django_db

# In an order that deletes nothing still in use (the links protect their targets).
MODELS = (
    Cluster,
    VanguardPilot,
    InnovationPlatform,
    Organisation,
    Service,
    IndustrialEcosystem,
    Priority,
    Strategy,
    Region,
)


def load(*args):
    out = io.StringIO()
    call_command("load_ip_area", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every row of the loaded models, with the links of every entry, as plain values."""
    rows = {model.__name__: sorted(map(repr, model.objects.values())) for model in MODELS}
    for entry in [*InnovationPlatform.objects.all(), *Cluster.objects.all()]:
        rows[entry.slug] = [
            sorted(getattr(entry, link).values_list("pk", flat=True))
            for link in ("other_regions", "priorities")
        ]
    for platform in InnovationPlatform.objects.all():
        rows[platform.slug] += [
            sorted(platform.hosts.values_list("slug", flat=True)),
            sorted(platform.services.values_list("slug", flat=True)),
        ]
    for cluster in Cluster.objects.all():
        rows[cluster.slug] += [
            sorted(cluster.partners.values_list("slug", flat=True)),
            sorted(cluster.members.values_list("slug", flat=True)),
            sorted(cluster.ecosystems.values_list("slug", flat=True)),
        ]
    return rows


def test_an_empty_database_gets_the_real_ip_area():
    for model in MODELS:
        model.objects.all().delete()
    output = load()
    assert "innovation platforms: 42 created" in output
    assert sorted(Region.objects.values_list("code", flat=True)) == [
        "10", "11", "12", "16", "17", "18", "19"
    ]  # fmt: skip
    lapland = Region.objects.get(code="19")
    assert (lapland.name_fi, lapland.name_sv, lapland.name_en) == ("Lappi", "Lappland", "Lapland")
    assert (lapland.iso_code, lapland.nuts3_code) == ("FI-10", "FI1D7")
    assert all(region.boundary["type"] == "Polygon" for region in Region.objects.all())
    assert Strategy.objects.count() == 2
    assert Strategy.objects.current().get().first_year == 2024
    assert Priority.objects.filter(strategy__first_year=2019).count() == 4
    assert Priority.objects.filter(strategy__first_year=2024).count() == 3
    assert Service.objects.count() == 9
    assert IndustrialEcosystem.objects.count() == 14
    assert VanguardPilot.objects.filter(ip_area_participates=True).count() == 5
    assert InnovationPlatform.objects.published().count() >= 40
    assert Cluster.objects.published().count() >= 5
    for code in ("10", "11", "12", "16", "17", "18", "19"):
        assert InnovationPlatform.objects.in_regions(code).exists(), code


def test_every_entry_is_valid_linked_and_named_in_three_languages():
    for model in (InnovationPlatform, Cluster):
        for entry in model.objects.select_related("region"):
            entry.full_clean()
            for language in LANGUAGES:
                assert getattr(entry, f"name_{language}"), (entry.slug, language)
                assert getattr(entry, f"summary_{language}"), (entry.slug, language)
            assert entry.source_list, entry.slug
            assert entry.priorities.exists(), entry.slug
    for platform in InnovationPlatform.objects.all():
        assert platform.latitude is not None
        assert platform.services.exists(), platform.slug
        assert platform.keyword_list, platform.slug


def test_second_run_changes_nothing_and_duplicates_nothing():
    before = snapshot()
    output = load()
    assert "The database already matched the data set." in output
    assert "0 created, 0 updated" in output
    assert snapshot() == before


def test_officers_edits_survive_a_rerun_unless_update_is_asked():
    platform = InnovationPlatform.objects.order_by("slug").first()
    platform.name_fi = "Muokattu nimi"
    platform.status = Status.ARCHIVED
    platform.save()
    load()
    platform.refresh_from_db()
    assert (platform.name_fi, platform.status) == ("Muokattu nimi", Status.ARCHIVED)
    load("--update")
    platform.refresh_from_db()
    assert platform.name_fi != "Muokattu nimi"
    assert platform.status == Status.PUBLISHED


def test_reference_data_is_repaired_on_rerun():
    Region.objects.filter(code="18").update(name_sv="Kajanaland (fel)")
    load()
    assert Region.objects.get(code="18").name_sv == "Kajanaland"


def test_swedish_town_names_show_in_swedish():
    oulu_platform = InnovationPlatform.objects.filter(town_fi="Oulu").first()
    with translation.override("sv"):
        assert oulu_platform.town == "Uleåborg"
