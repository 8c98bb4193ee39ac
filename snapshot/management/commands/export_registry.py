"""``python manage.py export_registry [FILE|-] [--feedback]``: the content as a snapshot."""

import functools
import gzip
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from snapshot.export import registry_export
from snapshot.layout import summary


class Command(BaseCommand):
    help = (
        "Write a complete, versioned JSON snapshot of the registry's content (regions, "
        "strategies, priorities, services, ecosystems, organisations, platforms, Vanguard "
        "pilots, clusters, every language and every link) that import_registry restores into "
        "an empty database. Users and passwords are not part of it: back them up with pg_dump."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default="-",
            help="The file to write (gzip-compressed when the name ends in .gz), "
            "or - for standard output (the default).",
        )
        parser.add_argument(
            "--feedback",
            action="store_true",
            help="Also export the feedback messages sent from the site (they may hold "
            "e-mail addresses).",
        )

    @translation.override("en")  # an operator's command: its report is in English
    def handle(self, *args, file, feedback, **options):
        started = time.monotonic()
        if file == "-":
            out = Unterminated(self.stdout)
            counts = registry_export(out, feedback=feedback)
            where, report = "standard output", self.stderr
        else:
            path = Path(file)
            counts = write_file(path, feedback=feedback)
            where, report = str(path), self.stdout
        seconds = time.monotonic() - started
        report.write(
            f"Exported {summary(counts)} to {where} in {seconds:.1f} s.",
            style_func=self.style.SUCCESS,
        )


class Unterminated:
    """The command's standard output, written to as is (OutputWrapper adds line endings)."""

    def __init__(self, wrapper):
        self.write = functools.partial(wrapper.write, ending="")


def write_file(path, *, feedback):
    """Write the snapshot beside ``path`` and move it there when complete, so that an export
    that fails half-way never leaves a truncated file under the snapshot's name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(temporary, "wt", encoding="utf-8") as out:
            counts = registry_export(out, feedback=feedback)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return counts
