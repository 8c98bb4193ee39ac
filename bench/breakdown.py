"""Where one request's time goes: `python bench/breakdown.py [--profile] PATH …`.

Requests each path in-process (Django's test client, production settings as the environment
gives them, the cache emptied before each request) after one warm-up request, and prints the
time to the answer, the time spent in SQL and the number of queries — the median of
``--repeat`` runs. ``--profile`` adds the functions with the most own time (cProfile) of one
more request; ``--explain`` the plan (``EXPLAIN ANALYZE, BUFFERS``) of its slowest query.

    DATABASE_URL=postgres://…/elmo_bench DEBUG=false SECRET_KEY=… python bench/breakdown.py \\
        /fi/platforms/?q=testaus /api/v1/platforms/synthetic-004242/
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def once(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - started
    sql = sum(float(query["time"]) for query in queries.captured_queries)
    return response.status_code, total * 1000, sql * 1000, queries.captured_queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        print(f"{'path':60} {'status':>6} {'total ms':>9} {'SQL ms':>8} {'queries':>8}")
        for path in args.paths:
            once(client, path)
            runs = [once(client, path) for _ in range(args.repeat)]
            status = runs[-1][0]
            total = statistics.median(run[1] for run in runs)
            sql = statistics.median(run[2] for run in runs)
            print(f"{path:60} {status:6d} {total:9.1f} {sql:8.1f} {len(runs[-1][3]):8d}")
            if args.explain:
                slowest = max(runs[-1][3], key=lambda query: float(query["time"]))
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                    print("\n".join("    " + row[0] for row in cursor.fetchall()))
            if args.profile:
                profile = cProfile.Profile()
                cache.clear()
                profile.enable()
                client.get(path)
                profile.disable()
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
                print("\n".join("    " + line for line in out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
