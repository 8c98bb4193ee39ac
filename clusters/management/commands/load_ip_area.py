import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from clusters.services import clusters_load, ecosystems_load, pilots_load
from elmo.loading import LoadReport
from platforms.services import organisations_load, platforms_load, services_load
from priorities.services import regions_load, strategies_load
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
        if report.changed_anything:
            rebuild_index()
        else:
            self.stdout.write(self.style.SUCCESS("The database already matched the data set."))
