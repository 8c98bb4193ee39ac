import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from ip_area.services import (
    LoadReport,
    clusters_load,
    ecosystems_load,
    organisations_load,
    pilots_load,
    platforms_load,
    regions_load,
    services_load,
    strategies_load,
)
from search import rebuild_index

DATA_DIR = settings.BASE_DIR / "data" / "ip-area"


def read_json(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


class Command(BaseCommand):
    help = (
        "Load the IP area's regions, strategies, priorities, services, Vanguard pilots, "
        "organisations, platforms and clusters from data/ip-area/. Safe to run again: "
        "reference data is brought up to date, and existing organisations, platforms and "
        "clusters are left as officers have edited them unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also overwrite existing organisations, platforms and clusters with the data set.",
        )

    @transaction.atomic
    @translation.override("en")  # an operator's command: its report is in English
    def handle(self, *args, update=False, **options):
        report = LoadReport()
        reference = read_json("reference.json")
        entries = read_json("entries.json")
        regions_load(
            regions=read_json("regions.json")["regions"],
            boundaries=read_json("ip-regions.geojson"),
            report=report,
        )
        strategies_load(strategies=reference["strategies"], report=report)
        services_load(services=reference["services"], report=report)
        ecosystems_load(ecosystems=reference["ecosystems"], report=report)
        pilots_load(
            pilots=read_json("vanguard.json")["pilots"],
            names=reference["pilot_names"],
            started=reference["pilot_started"],
            report=report,
        )
        if report.changed_anything:
            # Entries show the names of regions, priorities and services: those already there
            # are indexed again. The entries loaded below are indexed as they are saved.
            rebuild_index()
        organisations_load(organisations=entries["organisations"], report=report, update=update)
        by_entity = {"platform": [], "cluster": []}
        for entry in entries["entries"]:
            by_entity[entry["entity"]].append(entry)
        platforms_load(
            entries=by_entity["platform"],
            town_names_sv=reference["town_names_sv"],
            report=report,
            update=update,
        )
        clusters_load(entries=by_entity["cluster"], report=report, update=update)
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed_anything:
            self.stdout.write(self.style.SUCCESS("The database already matched the data set."))
