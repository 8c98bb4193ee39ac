"""Time of ``rebuild_index()`` — every search document written again — at 100 000 platforms.

``python bench/rebuild.py [--platforms 100000] [--stale] [--profile FILE]`` (``make
bench-rebuild``) adds synthetic platforms (``bench/synthetic.py``) when there are fewer than
``--platforms``, then rebuilds the whole index once and prints the machine, its load average,
the database, the wall time, documents per second and whether the target holds (≤ 100 s at
100 000 platforms), and the CPU time of the Python process and of its PostgreSQL server process
(on a shared machine the wall time depends on what else runs; the CPU time hardly does).

A rebuild writes only the documents that changed. ``--stale`` first empties every stored
document (not timed), so that the rebuild writes all of them, as after an import of new entries
or a change to how documents are built; without it the rebuild finds them up to date, as a
periodic or precautionary rebuild does. ``--profile FILE`` runs the rebuild under cProfile,
saves the statistics to FILE and prints the 25 functions with the most cumulative time.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.apps import apps
from django.core.management.base import OutputWrapper
from django.db import connection

from bench.search import database, machine
from bench.synthetic import SLUG_PREFIX, generate
from platforms.models import InnovationPlatform
from search import rebuild_index, sqlite
from search.document import TYPES

TARGET_SECONDS = 100
TARGET_PLATFORMS = 100_000


def load_average():
    try:
        return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg())
    except OSError:
        return "load average unknown"


def make_stale():
    """Empty every stored document, so that the next rebuild writes all of them."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"DELETE FROM {sqlite.DOCUMENTS}")
            return
        for model in TYPES.values():
            table = apps.get_model(*model)._meta.db_table
            cursor.execute(f"UPDATE {table} SET search_document = NULL, search_head = NULL")


def database_cpu_seconds():
    """CPU seconds the PostgreSQL server process of this connection has used so far, when it
    runs on this machine (its /proc entry is readable); None otherwise (or on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def rebuild(*, profile=None):
    """Rebuild every search document; returns (documents, wall seconds, CPU seconds of this
    process, CPU seconds of the database server's process or None)."""
    profiler = cProfile.Profile() if profile else None
    database_before = database_cpu_seconds()
    cpu = time.process_time()
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    documents = rebuild_index()
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    database_after = database_cpu_seconds()
    if profiler is not None:
        profiler.dump_stats(profile)
    database_cpu = None if database_before is None else database_after - database_before
    return documents, seconds, cpu, database_cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--platforms",
        type=int,
        default=TARGET_PLATFORMS,
        help=f"Synthetic platforms to have first (default {TARGET_PLATFORMS}).",
    )
    parser.add_argument(
        "--stale", action="store_true", help="Empty the stored documents first (not timed)."
    )
    parser.add_argument("--profile", metavar="FILE", help="Save a cProfile of the rebuild.")
    args = parser.parse_args()
    out = OutputWrapper(sys.stdout)
    have = InnovationPlatform.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if have < args.platforms:
        generate(platforms=args.platforms - have, stdout=out)
    if args.stale:
        make_stale()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    platforms = InnovationPlatform.objects.count()
    out.write(f"machine: {machine()}; {load_average()} before")
    out.write(f"database: {database()}, {platforms} platforms")
    documents, seconds, cpu, database_cpu = rebuild(profile=args.profile)
    out.write(
        f"rebuild_index(){' of stale documents' if args.stale else ''}: {documents} documents "
        f"in {seconds:.1f} s ({documents / seconds:.0f} a second); {load_average()} after"
    )
    # On a busy machine the wall time depends on the other processes; the CPU time does not.
    out.write(
        f"CPU time: Python {cpu:.1f} s"
        + ("" if database_cpu is None else f", PostgreSQL {database_cpu:.1f} s")
    )
    scaled = seconds * TARGET_PLATFORMS / max(platforms, 1)
    verdict = "met" if scaled <= TARGET_SECONDS else "NOT met"
    out.write(
        f"target ≤ {TARGET_SECONDS} s at {TARGET_PLATFORMS} platforms: {verdict}"
        + (f" (scaled: {scaled:.1f} s)" if platforms < TARGET_PLATFORMS else "")
    )
    if args.profile:
        pstats.Stats(args.profile, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
