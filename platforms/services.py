"""Writes that span several rows: loading the IP-area data set."""

from decimal import Decimal

from elmo.loading import by_language, upsert
from priorities.models import Priority, Region

from .models import InnovationPlatform, Organisation, Service, Status

COORDINATE_STEP = Decimal("0.00001")


def services_load(*, services, report):
    """Load the kinds of service from reference.json, in the order given there."""
    for order, data in enumerate(services, start=1):
        upsert(
            Service,
            report,
            lookup={"slug": data["slug"]},
            values={
                **by_language(data["name"], "name"),
                **by_language(data["description"], "description"),
                "order": order,
            },
        )


def organisations_load(*, organisations, report, update):
    """Load host and coordinator organisations from entries.json."""
    regions = {r.code: r for r in Region.objects.all()}
    for data in organisations:
        upsert(
            Organisation,
            report,
            update=update,
            lookup={"slug": data["slug"]},
            values={
                **by_language(data["name"], "name"),
                "kind": data["kind"],
                "region": regions.get(data["region"]),
                "website": data["website"],
            },
        )


def entry_values(data, *, regions):
    """Field values that platforms and clusters of entries.json share."""
    return {
        **by_language(data["name"], "name"),
        **by_language(data["summary"], "summary"),
        "region": regions[data["region"]],
        "website": data["website"],
        "sources": "\n".join(data["sources"]),
        "status": Status.PUBLISHED,
    }


def platforms_load(*, entries, town_names_sv, report, update):
    """Load the platforms of entries.json, linked to hosts, regions, priorities and services."""
    regions = {r.code: r for r in Region.objects.all()}
    priorities = {p.slug: p for p in Priority.objects.all()}
    services = {s.slug: s for s in Service.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for data in entries:
        town = data["town"]
        upsert(
            InnovationPlatform,
            report,
            update=update,
            lookup={"slug": data["slug"]},
            values={
                **entry_values(data, regions=regions),
                **by_language(data["keywords"], "keywords"),
                **by_language({"fi": town, "sv": town_names_sv.get(town)}, "town"),
                "platform_type": data["platform_type"],
                "latitude": Decimal(str(data["latitude"])).quantize(COORDINATE_STEP),
                "longitude": Decimal(str(data["longitude"])).quantize(COORDINATE_STEP),
            },
            links={
                "hosts": [organisations[slug] for slug in data["hosts"]],
                "other_regions": [regions[code] for code in data["regions_served"]],
                "priorities": [priorities[slug] for slug in data["priorities"]],
                "services": [services[slug] for slug in data["services"]],
            },
        )
