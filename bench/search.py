"""Server-side latency of typical searches at growing numbers of platforms, on either back end.

``python bench/search.py --sizes 1000,10000,100000`` (``make bench-search``) adds synthetic
platforms up to each size (``bench/synthetic.py``), then times each typical query as the
platform search runs it: the matching count (up to 1 000, as the page shows it) and the first
page of 20 by relevance. Prints the machine and the database (PostgreSQL, or SQLite for the
quick local run), p50 and p95 per size, and whether the targets hold (p95 ≤ 50 ms at the
largest size, and at most 3× the 10 000 one).
"""

import argparse
import os
import platform
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.management.base import OutputWrapper
from django.db import connection

from bench.synthetic import SLUG_PREFIX, generate
from elmo.paginator import CappedPaginator
from platforms.models import InnovationPlatform
from search import known_count, order_by_relevance, search_entries

QUERIES = [
    "akku",
    "akkulaboratorio",
    "kiertotalouden testausympäristö",
    "Kajaanissa datakeskus",
    "vety",
    "laboratorio Oulu",
    "supertietokne",
    "fotoniikka",
    "battery laboratory",
    "winter testing",
    "vattenteknik Kuopio",
    "5G",
    "kiertotalous -kaivos",
    "testaus",
]
# Eight words that match nothing: each is looked up as a near miss (a typo).
NONSENSE = "qwzrtk blorpvex snargle vrumble plinkot zebruff kwantix dorbul"
TARGET_P95_MS = 50
TARGET_GROWTH = 3


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def database():
    """The back end the search runs on, and its version."""
    if connection.vendor != "postgresql":
        return f"SQLite {sqlite3.sqlite_version} (FTS5)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_query(query):
    """Milliseconds of one search as the platform search runs it."""
    started = time.perf_counter()
    results = search_entries(InnovationPlatform.objects.published(), query)

    def order(depth):
        return order_by_relevance(results, "pk", depth=depth).values_list("pk", flat=True)

    # The count (made by the search already, as the page takes it) and the first page.
    page = CappedPaginator(results, 20, order=order, counted=known_count(results)).page(1)
    list(page)
    return (time.perf_counter() - started) * 1000


def measure(size, *, repeat=20, stdout=None):
    """p50 and p95 (ms) of the typical queries, and p95 of the nonsense one, at ``size``
    synthetic platforms (added when fewer)."""
    have = InnovationPlatform.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if have < size:
        generate(platforms=size - have, stdout=stdout)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    for query in QUERIES:  # warm the caches once
        time_query(query)
    samples = [time_query(q) for _ in range(repeat) for q in QUERIES]
    nonsense = [time_query(NONSENSE) for _ in range(repeat)]
    return percentile(samples, 0.5), percentile(samples, 0.95), percentile(nonsense, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    out = OutputWrapper(sys.stdout)
    out.write(f"machine: {machine()}")
    out.write(f"database: {database()}")
    table = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        p50, p95, nonsense = measure(size, repeat=args.repeat, stdout=out)
        table[size] = (p50, p95)
        total = InnovationPlatform.objects.count()
        out.write(
            f"{total:>7} platforms: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms "
            f"({args.repeat * len(QUERIES)} searches); eight nonsense words: p95 {nonsense:6.1f} ms"
        )
    largest = max(table)
    p95 = table[largest][1]
    verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
    out.write(f"target p95 ≤ {TARGET_P95_MS} ms at {largest}: {verdict}")
    if 10000 in table and largest != 10000:
        growth = p95 / table[10000][1]
        verdict = "met" if growth <= TARGET_GROWTH else "NOT met"
        out.write(
            f"growth 10 000 → {largest}: {growth:.2f}× (target ≤ {TARGET_GROWTH}×): {verdict}"
        )


if __name__ == "__main__":
    main()
