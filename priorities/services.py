"""Writes that span several rows of the strategy side."""

import datetime

from django.utils.text import slugify

from elmo.loading import by_language, upsert

from .models import Priority, Region, Strategy


def suffixed(data, name):
    """Read ``name_fi``, ``name_sv``, ``name_en`` keys as a language object."""
    return {code: data.get(f"{name}_{code}") for code in ("fi", "sv", "en")}


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
                **by_language(suffixed(data, "name"), "name"),
                **by_language(
                    {
                        "fi": data["regional_centre_fi"],
                        "sv": data.get("regional_centre_sv"),
                        "en": data["regional_centre_fi"],
                    },
                    "centre",
                ),
                **by_language(suffixed(council, "name"), "council_name"),
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
                **by_language(data["name"], "name"),
                **by_language(data["description"], "description"),
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
                    **by_language(priority["name"], "name"),
                    **by_language(priority["description"], "description"),
                    "order": order,
                    "region": None,
                },
            )
