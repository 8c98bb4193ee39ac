"""Writes that span several rows: loading clusters, ecosystems and Vanguard pilots."""

from elmo.loading import by_language, upsert
from platforms.models import InnovationPlatform, Organisation
from platforms.services import entry_values
from priorities.models import Priority, Region

from .models import Cluster, IndustrialEcosystem, VanguardPilot


def ecosystems_load(*, ecosystems, report):
    """Load the EU industrial strategy's 14 ecosystems from reference.json."""
    for order, data in enumerate(ecosystems, start=1):
        upsert(
            IndustrialEcosystem,
            report,
            lookup={"slug": data["slug"]},
            values={**by_language(data["name"], "name"), "order": order},
        )


def pilots_load(*, pilots, names, started, report):
    """Load the Vanguard pilots of vanguard.json, with Finnish and Swedish names and start years.

    vanguard.json describes the start in English prose; ``started`` holds the years alone, which
    read the same in every language.
    """
    for data in pilots:
        leads = data.get("lead_regions_2015") or data.get("lead_regions") or []
        upsert(
            VanguardPilot,
            report,
            lookup={"slug": data["id"]},
            values={
                **by_language({"en": data["name"], **names[data["id"]]}, "name"),
                "started": started[data["id"]],
                "lead_regions": ", ".join(leads),
                "ip_area_participates": data["enf_participates"],
                "sources": "\n".join(data.get("sources", [])),
            },
        )


def clusters_load(*, entries, report, update):
    """Load the clusters of entries.json with coordinator, partners and member platforms."""
    regions = {r.code: r for r in Region.objects.all()}
    priorities = {p.slug: p for p in Priority.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    platforms = {p.slug: p for p in InnovationPlatform.objects.all()}
    ecosystems = {e.slug: e for e in IndustrialEcosystem.objects.all()}
    for data in entries:
        coordinator = data["coordinator"]
        upsert(
            Cluster,
            report,
            update=update,
            lookup={"slug": data["slug"]},
            values={
                **entry_values(data, regions=regions),
                "coordinator": organisations[coordinator] if coordinator else None,
                "founded": data.get("founded"),
            },
            links={
                "partners": [organisations[s] for s in data["hosts"] if s != coordinator],
                "members": [platforms[slug] for slug in data["members"]],
                "other_regions": [regions[code] for code in data["regions_served"]],
                "priorities": [priorities[slug] for slug in data["priorities"]],
                "ecosystems": [ecosystems[slug] for slug in data["ecosystems"]],
            },
        )
