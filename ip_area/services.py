"""Loading the IP-area data set (``data/ip-area/``) into the registry, idempotently.

Reference data (regions, strategies, priorities, services, EU ecosystems, Vanguard pilots) is
brought in line with the files; organisations, platforms and clusters are created, and updated
only when asked (officers may have edited them since). A row is written only when it differs.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from elmo import i18n
from entries.models import Status
from entries.services import entry_save
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region, Strategy


@dataclass
class LoadReport:
    """Counts of what a load created, changed and left as it was, per model."""

    counts: dict = field(default_factory=dict)

    def add(self, label, outcome):
        self.counts.setdefault(label, {"created": 0, "updated": 0, "unchanged": 0})
        self.counts[label][outcome] += 1

    @property
    def changed_anything(self):
        return any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self):
        return [
            f"{label}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for label, c in self.counts.items()
        ]


# What is written through the registry's one write path (history, search documents).
ENTRY_MODELS = (Organisation, InnovationPlatform, Cluster)


def upsert(model, report, *, lookup, values, links=None, update=True):
    """Create a row, or bring an existing one in line with ``values`` and ``links``.

    A row is written only when a value or a link differs, so running a load twice writes
    nothing the second time. With ``update=False`` an existing row is left as it is (entries
    officers may have edited since). ``links`` maps a many-to-many field name to the objects it
    should hold. Organisations, platforms and clusters are written by ``entry_save`` (history,
    search documents), as by an officer; reference data is saved as it is.

    ``upsert(Service, report, lookup={"slug": "testing"}, values={"order": 1})``
    """
    label = str(model._meta.verbose_name_plural)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        outcome = "created"
    elif update and any(getattr(obj, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(obj, name, value)
        outcome = "updated"
    else:
        outcome = "unchanged"
    links = links if links and (outcome == "created" or update) else {}
    if outcome == "unchanged" and any(
        {t.pk for t in targets} != set(getattr(obj, name).values_list("pk", flat=True))
        for name, targets in links.items()
    ):
        outcome = "updated"
    if outcome != "unchanged":
        if model in ENTRY_MODELS:
            entry_save(entry=obj, links=links)
        else:
            obj.full_clean()
            obj.save()
            for name, targets in links.items():
                getattr(obj, name).set(targets)
    report.add(label, outcome)
    return obj


def rows_by(model, key="slug"):
    """Every row of ``model`` by its slug (or ``key``): what entries.json names them by."""
    return {getattr(row, key): row for row in model.objects.all()}


# --- the strategy side ---------------------------------------------------------------------


def suffixed(data, name):
    """Read ``name_fi``, ``name_sv``, ``name_en`` keys as a language object."""
    return i18n.to_object(data, name)


def regions_load(*, regions, boundaries, report):
    """Load the seven regions from regions.json and their boundaries from the GeoJSON file."""
    geometry = {f["properties"]["code"]: f["geometry"] for f in boundaries["features"]}
    for data in regions:
        council = data["council"]
        population = data.get("population") or {}
        upsert(
            Region,
            report,
            lookup={"code": data["code"]},
            values={
                "nuts3_code": data.get("nuts3_2021", ""),
                "iso_code": data["iso_3166_2"],
                "slug": slugify(data["name_fi"]),
                **i18n.to_columns(suffixed(data, "name"), "name"),
                **i18n.to_columns(
                    {
                        "fi": data["regional_centre_fi"],
                        "sv": data.get("regional_centre_sv"),
                        "en": data["regional_centre_fi"],
                    },
                    "centre",
                ),
                **i18n.to_columns(suffixed(council, "name"), "council_name"),
                "council_website": f"https://{council['website']}"
                if council.get("website")
                else "",
                "population": population.get("value"),
                "population_date": (
                    datetime.date.fromisoformat(population["as_of"]) if population else None
                ),
                "population_source": population.get("source", ""),
                "boundary": geometry.get(data["code"]),
            },
        )


def strategies_load(*, strategies, report):
    """Load the strategies and their priorities from reference.json."""
    for data in strategies:
        strategy = upsert(
            Strategy,
            report,
            lookup={"slug": data["slug"]},
            values={
                **i18n.to_columns(data["name"], "name"),
                **i18n.to_columns(data["description"], "description"),
                "first_year": data["first_year"],
                "last_year": data["last_year"],
                "is_current": data["is_current"],
            },
        )
        for order, priority in enumerate(data["priorities"], start=1):
            upsert(
                Priority,
                report,
                lookup={"slug": priority["slug"]},
                values={
                    "strategy": strategy,
                    **i18n.to_columns(priority["name"], "name"),
                    **i18n.to_columns(priority["description"], "description"),
                    "order": order,
                    "region": None,
                },
            )


# --- organisations and platforms --------------------------------------------------------------

COORDINATE_STEP = Decimal("0.00001")


def services_load(*, services, report):
    """Load the kinds of service from reference.json, in the order given there."""
    for order, data in enumerate(services, start=1):
        upsert(
            Service,
            report,
            lookup={"slug": data["slug"]},
            values={
                **i18n.to_columns(data["name"], "name"),
                **i18n.to_columns(data["description"], "description"),
                "order": order,
            },
        )


def organisations_load(*, organisations, report, update):
    """Load host and coordinator organisations from entries.json."""
    regions = rows_by(Region, "code")
    for data in organisations:
        upsert(
            Organisation,
            report,
            update=update,
            lookup={"slug": data["slug"]},
            values={
                **i18n.to_columns(data["name"], "name"),
                "kind": data["kind"],
                "region": regions.get(data["region"]),
                "website": data["website"],
            },
        )


def entry_values(data, *, regions):
    """Field values that platforms and clusters of entries.json share."""
    return {
        **i18n.to_columns(data["name"], "name"),
        **i18n.to_columns(data["summary"], "summary"),
        "region": regions[data["region"]],
        "website": data["website"],
        "sources": "\n".join(data["sources"]),
        "status": Status.PUBLISHED,
    }


def entry_links(data, *, regions, priorities):
    """The links that platforms and clusters of entries.json share."""
    return {
        "other_regions": [regions[code] for code in data["regions_served"]],
        "priorities": [priorities[slug] for slug in data["priorities"]],
    }


def platforms_load(*, entries, town_names_sv, report, update):
    """Load the platforms of entries.json, linked to hosts, regions, priorities and services."""
    regions, priorities = rows_by(Region, "code"), rows_by(Priority)
    services, organisations = rows_by(Service), rows_by(Organisation)
    for data in entries:
        town = data["town"]
        upsert(
            InnovationPlatform,
            report,
            update=update,
            lookup={"slug": data["slug"]},
            values={
                **entry_values(data, regions=regions),
                **i18n.to_columns(data["keywords"], "keywords"),
                **i18n.to_columns({"fi": town, "sv": town_names_sv.get(town)}, "town"),
                "platform_type": data["platform_type"],
                "latitude": Decimal(str(data["latitude"])).quantize(COORDINATE_STEP),
                "longitude": Decimal(str(data["longitude"])).quantize(COORDINATE_STEP),
            },
            links={
                **entry_links(data, regions=regions, priorities=priorities),
                "hosts": [organisations[slug] for slug in data["hosts"]],
                "services": [services[slug] for slug in data["services"]],
            },
        )


# --- clusters, ecosystems and Vanguard pilots -----------------------------------------------------


def ecosystems_load(*, ecosystems, report):
    """Load the EU industrial strategy's 14 ecosystems from reference.json."""
    for order, data in enumerate(ecosystems, start=1):
        upsert(
            IndustrialEcosystem,
            report,
            lookup={"slug": data["slug"]},
            values={**i18n.to_columns(data["name"], "name"), "order": order},
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
                **i18n.to_columns({"en": data["name"], **names[data["id"]]}, "name"),
                "started": started[data["id"]],
                "lead_regions": ", ".join(leads),
                "ip_area_participates": data["enf_participates"],
                "sources": "\n".join(data.get("sources", [])),
            },
        )


def clusters_load(*, entries, report, update):
    """Load the clusters of entries.json with coordinator, partners and member platforms."""
    regions, priorities = rows_by(Region, "code"), rows_by(Priority)
    organisations, platforms = rows_by(Organisation), rows_by(InnovationPlatform)
    ecosystems = rows_by(IndustrialEcosystem)
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
                **entry_links(data, regions=regions, priorities=priorities),
                "partners": [organisations[s] for s in data["hosts"] if s != coordinator],
                "members": [platforms[slug] for slug in data["members"]],
                "ecosystems": [ecosystems[slug] for slug in data["ecosystems"]],
            },
        )
