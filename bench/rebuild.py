"""Time of ``rebuild_index()`` — every search document written again — at 100 000 platforms.

``python bench/rebuild.py [--platforms 100000] [--stale] [--profile FILE]`` (``make
bench-rebuild``) adds synthetic platforms (``bench/synthetic.py``) when there are fewer than
``--platforms``, then rebuilds the whole index once and prints the machine, its load average,
the database, the wall time, documents per second and whether the target holds (≤ 100 s at
100 000 platforms), and the CPU time of the Python process and of its PostgreSQL server process
(on a shared machine the wall time depends on what else runs; the CPU time hardly does; the
Python time includes the sampler's reading of /proc, ``DatabaseCpu``).

A rebuild writes only the documents that changed. ``--stale`` first empties every stored
document (not timed), so that the rebuild writes all of them, as after an import of new entries
or a change to how documents are built; without it the rebuild finds them up to date, as a
periodic or precautionary rebuild does. ``--profile FILE`` runs the rebuild under cProfile, in
one thread and one transaction (cProfile follows one thread; the batches then run one after
another), saves the statistics to FILE and prints the 25 functions with the most cumulative
time.
"""

import argparse
import cProfile
import os
import pstats
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.apps import apps
from django.core.management.base import OutputWrapper
from django.db import connection, transaction

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


class DatabaseCpu:
    """CPU seconds used by the PostgreSQL server processes of this database while it runs, when
    the server is on this machine (None otherwise, or on SQLite).

    A rebuild opens a connection per batch beside this process's own, so the processes are
    found by their command line (``postgres: … <user> <database> …``) and sampled every
    ``interval`` seconds; what a process uses after its last sample (at most ``interval``) is
    missed. The database should be this benchmark's alone while it runs.
    """

    def __init__(self, interval=0.1):
        self.interval = interval
        self.name = f" {connection.settings_dict['NAME']} "
        self.before: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample_until_stopped, daemon=True)
        self.available = connection.vendor == "postgresql" and Path("/proc/self/stat").exists()

    def sample(self):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if not command.startswith("postgres:") or self.name not in command:
                    continue
                fields = (entry / "stat").read_text("ascii").rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            self.last[int(entry.name)] = seconds

    def sample_until_stopped(self):
        while not self.stop.wait(self.interval):
            self.sample()

    def __enter__(self):
        if self.available:
            self.sample()  # the processes already open count from here
            self.before = dict(self.last)
            self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.available:
            self.stop.set()
            self.thread.join()
            self.sample()

    @property
    def seconds(self):
        if not self.available:
            return None
        # A process not open before started during the run: all of its time counts.
        return sum(last - self.before.get(pid, 0) for pid, last in self.last.items())


def rebuild(*, profile=None):
    """Rebuild every search document; returns (documents, wall seconds, CPU seconds of this
    process, CPU seconds of the database server's processes or None)."""
    profiler = cProfile.Profile() if profile else None
    with DatabaseCpu() as database_cpu:
        cpu = time.process_time()
        started = time.perf_counter()
        if profiler is None:
            documents = rebuild_index()
        else:
            # cProfile sees one thread: in a transaction the batches run one after another in
            # this one (rebuild_index), so the profile has all of the work.
            profiler.enable()
            with transaction.atomic():
                documents = rebuild_index()
            profiler.disable()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    if profiler is not None:
        profiler.dump_stats(profile)
    return documents, seconds, cpu, database_cpu.seconds


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
