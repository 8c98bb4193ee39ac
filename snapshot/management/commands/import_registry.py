"""``python manage.py import_registry FILE [--replace]``: restore a snapshot of the content."""

import gzip
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from snapshot.layout import SnapshotError, summary
from snapshot.restore import registry_import


class Command(BaseCommand):
    help = (
        "Restore a snapshot written by export_registry into an empty registry (run `migrate` "
        "first), in one transaction: everything or nothing. Refuses another format or version, "
        "a reference to a missing object and a registry that already has content (unless "
        "--replace). Rebuilds the search documents afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="The snapshot file (gzip-compressed when the name ends in .gz).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the registry's current content first (in the same transaction). "
            "Users, their passwords and the regions of officers stay.",
        )

    @translation.override("en")  # an operator's command: its report is in English
    def handle(self, *args, file, replace, **options):
        started = time.monotonic()
        try:
            report = registry_import(open_snapshot=opener(file), replace=replace)
        except SnapshotError as error:
            raise CommandError(f"{error}\nNothing was imported.") from error
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}\nNothing was imported.") from error
        if report.deleted:
            self.stdout.write(f"Deleted the previous content: {summary(report.deleted)}.")
        self.stdout.write(f"Imported {summary(report.counts)}.")
        if report.editors_not_found:
            names = ", ".join(sorted(report.editors_not_found))
            self.stdout.write(
                self.style.WARNING(
                    "Not linked as editors, as no such users exist here (users are not part of "
                    f"a snapshot): {names}."
                )
            )
        if report.officer_regions_dropped:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.officer_regions_dropped} officers' region assignments were "
                    "dropped: the snapshot has no such region."
                )
            )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Search documents rebuilt: {report.indexed}. Done in {seconds:.1f} s."
            )
        )


def opener(file):
    """A function that opens the snapshot ``file`` (read twice: to check, then to write)."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"There is no file {file}.")
    if path.suffix == ".gz":
        return lambda: gzip.open(path, "rt", encoding="utf-8")
    return lambda: open(path, encoding="utf-8")
