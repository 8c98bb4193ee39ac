"""Load benchmark of the production server at 100 000 platforms: `make bench`.

1. Adds synthetic platforms (``bench/synthetic.py``) until there are ``--platforms`` of them.
2. Starts gunicorn in production mode (DEBUG off, whitenoise, gunicorn.conf.py) on loopback.
3. Drives each endpoint with wrk at fixed concurrency for ``--seconds``, after a warm-up, and
   measures in the same run two floors: a minimal Django view answering a small JSON
   (``/ping``, through all the middleware) and a static file served by whitenoise.
4. Prints requests per second, p50/p95/p99 latency and each endpoint's throughput as a share
   of the minimal view's, checks the targets and writes everything to ``bench/results.json``.

Run through `make bench`, which sets the production environment and the database
(``BENCH_DB``, default elmo_bench). Targets on a 2-core machine: p95 ≤ 100 ms everywhere,
every endpoint ≥ 25 % of the floor's throughput, the cached home page and API list ≥ 60 %.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.search import QUERIES, machine  # noqa: E402
from bench.synthetic import generate  # noqa: E402
from platforms.models import InnovationPlatform  # noqa: E402

# (name, path template, cached?) — placeholders are filled by bench/wrk.lua per request.
ENDPOINTS = [
    ("floor: minimal view", "/ping", None),
    ("floor: static file", "/static/css/site.css", None),
    ("home page", "/fi/", True),
    ("search page", "/fi/platforms/?q={q}&nonce={nonce}", False),
    ("platform page", "/fi/platforms/{slug}/", False),
    ("API list", "/api/v1/platforms/", True),
    ("API search", "/api/v1/search/?q={q}&nonce={nonce}", False),
    ("API detail", "/api/v1/platforms/{slug}/", False),
]
FLOOR = "floor: minimal view"
FLOOR_PATH = ENDPOINTS[0][1]
TARGET_P95_MS = 100
TARGET_SHARE = 0.25
TARGET_CACHED_SHARE = 0.60


def ensure_platforms(count):
    have = InnovationPlatform.objects.filter(slug__startswith="synthetic-").count()
    if have < count:
        generate(platforms=count - have)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def start_server(port, workers):
    env = {**os.environ, "BIND": f"127.0.0.1:{port}"}
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    server = subprocess.Popen(  # noqa: S603 (this project's gunicorn)
        [str(Path(sys.executable).parent / "gunicorn"), "elmo.wsgi", "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{FLOOR_PATH}", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 20 s")


def wrk(port, template, *, seconds, connections, platforms):
    env = {
        **os.environ,
        "PATH_TEMPLATE": template,
        "PLATFORMS": str(platforms),
        "QUERIES": "|".join(urllib.request.quote(q) for q in QUERIES),
    }
    result = subprocess.run(  # noqa: S603 (wrk from the system)
        [
            shutil.which("wrk") or "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(BASE_DIR / "bench" / "wrk.lua"),
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platforms", type=int, default=100000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0, help="default: gunicorn.conf.py's")
    parser.add_argument("--port", type=int, default=8877)
    parser.add_argument("--output", default=str(BASE_DIR / "bench" / "results.json"))
    args = parser.parse_args()

    ensure_platforms(args.platforms)
    total = InnovationPlatform.objects.count()
    about = machine()
    connection.close()
    server = start_server(args.port, args.workers)
    rows = []
    try:
        for name, template, cached in ENDPOINTS:
            options = {"connections": args.connections, "platforms": args.platforms}
            wrk(args.port, template, seconds=args.warmup, **options)
            figures = wrk(args.port, template, seconds=args.seconds, **options)
            rows.append({"endpoint": name, "path": template, "cached": cached, **figures})
            print(f"  {name:22} {figures['rps']:8.0f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    floor = next(row for row in rows if row["endpoint"] == FLOOR)["rps"]
    failures = []
    print(
        f"\nmachine: {about}; {total} platforms; wrk {args.connections} connections, "
        f"{args.seconds} s per endpoint\n"
    )
    print(
        f"{'endpoint':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'vs floor':>9} {'errors':>7}"
    )
    for row in rows:
        row["share_of_floor"] = row["rps"] / floor
        p50, p95, p99 = (row[f"{p}_us"] / 1000 for p in ("p50", "p95", "p99"))
        errors = row["non_2xx"] + row["socket_errors"]
        print(
            f"{row['endpoint']:22} {row['rps']:8.0f} {p50:8.1f} {p95:8.1f} {p99:8.1f} "
            f"{row['share_of_floor']:8.0%} {errors:7d}"
        )
        if row["endpoint"].startswith("floor"):
            continue
        needed = TARGET_CACHED_SHARE if row["cached"] else TARGET_SHARE
        if p95 > TARGET_P95_MS:
            failures.append(f"{row['endpoint']}: p95 {p95:.0f} ms > {TARGET_P95_MS} ms")
        if row["share_of_floor"] < needed:
            failures.append(
                f"{row['endpoint']}: {row['share_of_floor']:.0%} of the floor < {needed:.0%}"
            )
        if errors:
            failures.append(f"{row['endpoint']}: {errors} failed requests")
    print("\ntargets: " + ("all met" if not failures else "NOT met:\n  " + "\n  ".join(failures)))
    Path(args.output).write_text(
        json.dumps(
            {
                "measured": time.strftime("%Y-%m-%d %H:%M %Z"),
                "machine": about,
                "python": platform.python_version(),
                "platforms": total,
                "connections": args.connections,
                "seconds": args.seconds,
                "results": rows,
                "targets_met": not failures,
                "failures": failures,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
