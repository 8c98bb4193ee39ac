"""A canonical dump of the registry's content, written without the snapshot code, to compare
the content before an export and after the import."""

import json
from datetime import UTC, date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from modeltranslation.translator import translator

import search
from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from entries.models import Status
from entries.services import entry_save
from feedback.models import Feedback
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region, Strategy
from tests.factories import (
    ClusterFactory,
    EcosystemFactory,
    OrganisationFactory,
    PilotFactory,
    PlatformFactory,
    PriorityFactory,
    ServiceFactory,
    StrategyFactory,
)

CONTENT_APPS = ("priorities", "platforms", "clusters", "feedback")
# In an order that deletes nothing still in use: the links protect what they point to.
DELETE_ORDER = (
    Feedback,
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
# The search service writes these from the rest of the row.
MACHINE_WRITTEN = set(search.COLUMNS)


def is_history(model):
    """The change history's tables (simple-history): not content, not in the snapshot."""
    return model.__name__.startswith("Historical")


def content_models():
    """Every model of the content apps, the link tables (also the automatic ones) included,
    the change history's tables excluded."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not is_history(model)
    ]


def rows(model):
    """The rows of ``model`` as stored: modeltranslation's renaming of fields turned off."""
    queryset = model._default_manager.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def natural_keys(model):
    """``{id: key}``: users by user name, regions by code, everything else by slug."""
    key = {get_user_model(): "username", Region: "code"}.get(model, "slug")
    return dict(rows(model).values_list("pk", key))


def canonical_dump():
    """``{model label: sorted rows}``, every stored field of every content model: each language
    of a translated field, every link, with rows referred to by their natural keys.

    Left out: ids, the search documents (machine-written), and the column without a language
    that modeltranslation keeps beside ``name_fi``… (it holds whichever language was active at
    the last save, and nothing reads it).
    """
    dump = {}
    for model in content_models():
        untranslated = (
            set(translator.get_options_for_model(model).all_fields)
            if model in translator.get_registered_models()
            else set()
        )
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in MACHINE_WRITTEN | untranslated
        ]
        keys = {f.name: natural_keys(f.related_model) for f in fields if f.is_relation}
        dumped = []
        for values in rows(model).values_list(*[f.attname for f in fields]):
            row = {
                f.name: keys[f.name][value] if f.is_relation and value is not None else value
                for f, value in zip(fields, values, strict=True)
            }
            dumped.append(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False))
        dump[model._meta.label] = sorted(dumped)
    return dump


def empty_registry():
    """Delete all content, as a new database after `migrate` has none."""
    for model in DELETE_ORDER:
        model.objects.all().delete()
    left = {m._meta.label: n for m in content_models() if (n := rows(m).count())}
    assert left == {}


def export(path, *args):
    call_command("export_registry", str(path), *args, stdout=Quiet(), stderr=Quiet())
    return path


def read(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write(path, snapshot):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(snapshot, handle, ensure_ascii=False)
    return path


class Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass


def add_entries_of_every_kind(editor):
    """Beside the real data: drafts, entries in review and archived, texts in Swedish or English
    only, every kind of link, what a company gets of a service in Finnish and English (and of
    another nothing), old timestamps, a review date, feedback messages."""
    lapland, kainuu = Region.objects.get(code="19"), Region.objects.get(code="18")
    strategy = StrategyFactory(slug="open-ended", last_year=None, description_sv="Bara svenska")
    regional = PriorityFactory(
        slug="lapland-own", strategy=strategy, region=lapland, order=3, nace_codes="C27, M72.19"
    )
    shared = Priority.objects.order_by("pk").first()
    national = OrganisationFactory(
        slug="national-agency",
        business_id="1572860-0",
        ror_id="0abcdef12",
        region=None,
        kind="other",
    )
    local = OrganisationFactory(slug="kainuu-company", region=kainuu, kind="company")
    service = ServiceFactory(slug="rapid-prototyping-test", order=20, description_en="Only English")
    ecosystem = EcosystemFactory(slug="new-ecosystem", name_sv=None)
    pilot = PilotFactory(slug="new-pilot", ip_area_participates=True, started="2024")

    swedish_only = PlatformFactory(
        slug="svensk-plattform",
        status=Status.DRAFT,
        region=kainuu,
        name_fi=None,
        name_en=None,
        summary_fi=None,
        summary_en=None,
        latitude=None,
        longitude=None,
        town_sv="Kajana",
        keywords_sv="prototyper, test",
    )
    in_review = PlatformFactory(
        slug="platform-in-review",
        status=Status.IN_REVIEW,
        region=lapland,
        last_reviewed=date(2025, 3, 14),
        contact_name="Aino Testaaja",
        contact_role_fi="koordinaattori",
        contact_role_en="coordinator",
        contact_email="labs@example.org",
        contact_phone="+358 40 123 4567",
        sources="https://example.org/a\nhttps://example.org/b",
        equipment_en="A climate chamber",
        access_terms_fi="Varaus sähköpostilla",
        offer_fi="Talvitestaus ajoneuvoille",
        offer_en="Winter testing of vehicles",
        trl_min=4,
        trl_max=7,
        access_model="subsidised",
        pricing_note_fi="de minimis -tuki",
        lead_time_en="two weeks",
        user_groups=["sme", "research"],
        country_restriction_en="EU/EEA only",
        delivery="both",
        months=[1, 2, 3, 12],
        service_languages=["fi", "en"],
        booking_url="https://example.org/book",
        general_email="lab@example.org",
        research_fi_urn="urn:nbn:fi:research-infras-2016072533",
        postal_code="96100",
        street_address="Testikatu 1",
    )
    in_review.hosts.add(national, local)
    in_review.other_regions.add(kainuu)
    in_review.priorities.add(regional, shared)
    entry_save(
        entry=in_review,
        links={
            "services": {
                service: {
                    "offer_text_fi": "Prototyyppi viikossa",
                    "offer_text_en": "A prototype in a week",
                },
                Service.objects.get(slug="testing"): {},
            }
        },
    )
    in_review.editors.add(editor)
    swedish_only.hosts.add(local)

    english_only = ClusterFactory(
        slug="archived-english-cluster",
        status=Status.ARCHIVED,
        region=lapland,
        first_published=datetime(2023, 5, 2, 8, 30, tzinfo=UTC),
        name_fi=None,
        name_sv=None,
        summary_fi=None,
        summary_sv=None,
        description_en="Archived after the project ended.",
        coordinator=national,
        eccp_url="https://clustercollaboration.eu/cluster-organisations/example",
        founded=2012,
    )
    english_only.partners.add(local)
    english_only.members.add(in_review, swedish_only)
    english_only.other_regions.add(kainuu)
    english_only.priorities.add(regional)
    english_only.ecosystems.add(ecosystem, IndustrialEcosystem.objects.order_by("pk").first())
    english_only.pilots.add(pilot, VanguardPilot.objects.order_by("pk").first())
    english_only.editors.add(editor)
    pilot.platforms.add(in_review, InnovationPlatform.objects.order_by("pk").first())

    # Timestamps from long ago: an import must keep them, not write the time of the import.
    InnovationPlatform.objects.filter(pk=in_review.pk).update(
        created=datetime(2019, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        updated=datetime(2024, 6, 7, 8, 9, 10, tzinfo=UTC),
    )
    Feedback.objects.create(topic="content", message="Osoite on vanha.", language="fi")
    Feedback.objects.create(
        topic="accessibility",
        message="Kontrasten",
        email="a@example.org",
        language="sv",
        page="/sv/",
        handled=True,
    )
