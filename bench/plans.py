"""Proof that the hot paths use indexes at 100 000 platforms: part of `make bench`.

Requests every hot page and API endpoint in-process (Django's test client, no cache), captures
each SQL query, asks PostgreSQL for its plan (``EXPLAIN (FORMAT JSON)``, not executed) and fails
if any plan reads the platforms table (or its link tables) with a sequential scan. Prints each
path with its number of queries and the scans it found; exits 1 on a sequential scan.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from bench.search import NONSENSE  # noqa: E402
from platforms.models import InnovationPlatform  # noqa: E402

WATCHED = {"platforms_innovationplatform"}


def hot_paths():
    slug = (
        InnovationPlatform.objects.published()
        .filter(slug__startswith="synthetic-")
        .order_by("pk")
        .values_list("slug", flat=True)[5000]
    )
    # An incremental sync asks for what changed since its last run: a few entries.
    latest = InnovationPlatform.objects.aggregate(latest=Max("updated"))["latest"]
    recent = (latest - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return [
        "/fi/",
        "/fi/platforms/",
        "/fi/platforms/?q=akku",
        "/fi/platforms/?q=testaus",
        "/fi/platforms/?q=kiertotalous+-kaivos",
        "/fi/platforms/?q=supertietokne",
        f"/fi/platforms/?q={NONSENSE.replace(' ', '+')}",
        "/fi/platforms/?q=laboratorio&region=18",
        "/fi/platforms/?region=19&type=laboratory&sort=updated",
        f"/fi/platforms/{slug}/",
        "/fi/regions/kainuu/",
        "/api/v1/platforms/",
        "/api/v1/platforms/?region=19&page=40",
        f"/api/v1/platforms/?modified_after={recent}",
        "/api/v1/search/?q=akkulaboratorio",
        "/api/v1/search/autocomplete/?q=akkul",
        f"/api/v1/platforms/{slug}/",
        "/api/v1/platforms/changes/?page_size=100",
        f"/api/v1/platforms/changes/?page_size=100&modified_after={recent}",
        "/sv/platforms/",
        "/en/platforms/?region=12",
    ]


def scans(plan, found, limited=False):
    """(scan kind, relation, index) of every scan in a JSON plan. A sequential scan under a
    Limit ("are there 3 matches?", "count up to 1 000") stops early: it is reported as such."""
    node = plan.get("Plan", plan)
    limited = limited or node["Node Type"] == "Limit"
    relation = node.get("Relation Name")
    if relation:
        kind = node["Node Type"]
        if kind == "Seq Scan" and limited:
            kind = "Seq Scan, stopping at a limit"
        found.append((kind, relation, node.get("Index Name")))
    for child in node.get("Plans", []):
        scans(child, found, limited)
    return found


def main():
    client = Client()
    failures = []
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        for path in hot_paths():
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            found = []
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0]
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                scanned = scans(plan[0], [])
                if os.environ.get("PLANS_VERBOSE") and any(
                    kind == "Seq Scan" and relation in WATCHED for kind, relation, _i in scanned
                ):
                    print(f"   sequential: {sql[:400]}")
                found += scanned
            watched = [scan for scan in found if scan[1] in WATCHED]
            sequential = [scan for scan in watched if scan[0] == "Seq Scan"]
            kinds = sorted({f"{kind} {index or relation}" for kind, relation, index in watched})
            print(f"{status} {path}: {len(queries)} queries")
            for kind in kinds:
                print(f"      {kind}")
            if status != 200:
                failures.append(f"{path}: HTTP {status}")
            failures += [
                f"{path}: sequential scan of {relation}" for _k, relation, _i in sequential
            ]
    print("\nindexes on every hot path: " + ("yes" if not failures else "NO"))
    for failure in failures:
        print(f"  {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
