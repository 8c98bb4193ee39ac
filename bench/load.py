"""Load benchmark of the production server at growing sizes: `make bench`.

For each size of ``--sizes`` (default 10 000 and 100 000 platforms):

1. Brings a database to that many synthetic platforms (``bench/synthetic.py``): the largest
   size in ``DATABASE_URL``'s database, each smaller one in a database of its own named after
   it (``elmo_bench_10000``), migrated and loaded with the IP-area data first.
2. Starts gunicorn in production mode (DEBUG off, whitenoise, gunicorn.conf.py) on loopback,
   as production is deployed: with ``REDIS_URL`` set, every worker sharing one Redis cache
   (``redis://127.0.0.1:6379/13`` unless the environment gives one; emptied first).
3. Drives each endpoint with wrk at fixed concurrency for ``--seconds``, after a warm-up, and
   measures in the same run two floors: a minimal Django view answering a small JSON
   (``/ping``, through all the middleware) and a static file served by whitenoise.

Then prints, per size, requests per second, p50/p95/p99 latency and each endpoint's throughput
as a share of the minimal view's; checks the targets (``TARGETS``) at the largest size and the
growth of every computed endpoint between the smallest and the largest (``GROWTH_LIMIT``);
prints "targets met" or what missed; writes everything to ``bench/results.json``.

Run through `make bench`, which sets the production environment and the database (``BENCH_DB``,
default elmo_bench).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402

from bench.search import QUERIES, machine  # noqa: E402
from bench.synthetic import SLUG_PREFIX, generate  # noqa: E402
from platforms.models import InnovationPlatform  # noqa: E402

# (name, path template, kind) — kind is "floor", "cached" (the same address every time) or
# "computed" (a different answer each time: never served from the cache). The placeholders
# are filled by bench/wrk.lua per request; ``_`` is the cache-buster that browser clients send.
ENDPOINTS = [
    ("floor: minimal view", "/ping", "floor"),
    ("floor: static file", "/static/css/site.css", "floor"),
    ("home page", "/fi/", "cached"),
    ("API list", "/api/v1/platforms/", "cached"),
    ("search page", "/fi/platforms/?q={q}&_={nonce}", "computed"),
    ("API search", "/api/v1/search/?q={q}&_={nonce}", "computed"),
    ("platform page", "/fi/platforms/{slug}/?_={nonce}", "computed"),
    ("API detail", "/api/v1/platforms/{slug}/?_={nonce}", "computed"),
    (
        "API sync page of 100",
        "/api/v1/platforms/changes/?page_size=100&modified_after={time}&_={nonce}",
        "computed",
    ),
]
FLOOR = "floor: minimal view"
# endpoint -> (least share of the floor's requests per second, most p95 in ms) at the largest
# size, 16 connections.
TARGETS = {
    "home page": (0.60, None),
    "API list": (0.60, None),
    "search page": (0.05, 150),
    "API search": (0.08, 100),
    "platform page": (0.15, 60),
    "API detail": (0.20, 50),
    "API sync page of 100": (0.10, 200),
}
# A computed endpoint may be at most this many times slower (req/s) at the largest size than at
# the smallest.
GROWTH_LIMIT = 3.0
BENCH_REDIS_URL = "redis://127.0.0.1:6379/13"


def database_url(base, size, largest):
    """The database of ``size``: ``base`` for the largest, else ``<name>_<size>`` beside it."""
    if size == largest:
        return base
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path}_{size}"))


def run(*args, env):
    subprocess.run(args, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 (this project's tools)


def prepare(url, size):
    """The database of ``url`` created, migrated, loaded and at ``size`` synthetic platforms;
    returns what the benchmark needs to know of it (in a process of its own: Django is set up
    for one database at a time)."""
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone()
    if not exists:
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, "manage.py"]
    run(*manage, "migrate", "--noinput", "-v0", env=env)
    run(*manage, "load_ip_area", env=env)
    result = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, "--prepare", str(size)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare_here(size):
    """``--prepare``: this process's database at ``size`` synthetic platforms, vacuumed; prints
    the number of platforms and the span of their change times as JSON."""
    have = InnovationPlatform.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if have < size:
        generate(platforms=size - have, stdout=OutputWrapper(sys.stderr))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    span = InnovationPlatform.objects.aggregate(
        total=Count("pk"), first=Min("updated"), last=Max("updated")
    )
    total, first, last = span["total"], span["first"].timestamp(), span["last"].timestamp()
    print(json.dumps({"platforms": total, "updated_from": float(first), "updated_to": float(last)}))


def start_server(port, workers, env):
    env = {**env, "BIND": f"127.0.0.1:{port}"}
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
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /ping within 20 s")


def wrk(port, template, *, seconds, connections, data):
    env = {
        **os.environ,
        "PATH_TEMPLATE": template,
        "PLATFORMS": str(data["synthetic"]),
        "UPDATED_FROM": str(int(data["updated_from"])),
        "UPDATED_TO": str(int(data["updated_to"]) + 1),
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


def clear_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def measure(args, size, url, data, redis_url):
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url}
    clear_redis(redis_url)
    server = start_server(args.port, args.workers, env)
    rows = []
    try:
        for name, template, kind in ENDPOINTS:
            options = {"connections": args.connections, "data": data}
            wrk(args.port, template, seconds=args.warmup, **options)
            figures = wrk(args.port, template, seconds=args.seconds, **options)
            rows.append({"endpoint": name, "path": template, "kind": kind, **figures})
            print(f"  {size} platforms: {name:22} {figures['rps']:8.0f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = next(row for row in rows if row["endpoint"] == FLOOR)["rps"]
    for row in rows:
        row["share_of_floor"] = row["rps"] / floor
        row["errors"] = row["non_2xx"] + row["socket_errors"]
    return rows


def print_table(size, data, rows):
    print(f"\n{data['platforms']} platforms ({size} synthetic):")
    print(
        f"{'endpoint':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'vs floor':>9} {'errors':>7}  target"
    )
    for row in rows:
        p50, p95, p99 = (row[f"{p}_us"] / 1000 for p in ("p50", "p95", "p99"))
        share, most = TARGETS.get(row["endpoint"], (None, None))
        target = " ".join(
            part
            for part in (
                f"≥ {share:.0%}" if share else "",
                f"p95 ≤ {most} ms" if most else "",
            )
            if part
        )
        print(
            f"{row['endpoint']:22} {row['rps']:8.0f} {p50:8.1f} {p95:8.1f} {p99:8.1f} "
            f"{row['share_of_floor']:8.1%} {row['errors']:7d}  {target}"
        )


def failures_of(results, sizes):
    failures = []
    largest = results[sizes[-1]]
    for row in largest:
        if row["kind"] == "floor":
            continue
        share, most = TARGETS[row["endpoint"]]
        p95 = row["p95_us"] / 1000
        if share and row["share_of_floor"] < share:
            failures.append(
                f"{row['endpoint']}: {row['share_of_floor']:.1%} of the floor < {share:.0%}"
            )
        if most and p95 > most:
            failures.append(f"{row['endpoint']}: p95 {p95:.0f} ms > {most} ms")
        if row["errors"]:
            failures.append(f"{row['endpoint']}: {row['errors']} failed requests")
    if len(sizes) > 1:
        smallest = {row["endpoint"]: row for row in results[sizes[0]]}
        print(f"\ngrowth, {sizes[0]} → {sizes[-1]} platforms (req/s at the smaller size ÷ larger):")
        for row in largest:
            if row["kind"] != "computed":
                continue
            growth = smallest[row["endpoint"]]["rps"] / max(row["rps"], 1e-9)
            row["growth"] = growth
            print(f"  {row['endpoint']:22} {growth:5.2f}×  (at most {GROWTH_LIMIT:.0f}×)")
            if growth > GROWTH_LIMIT:
                failures.append(f"{row['endpoint']}: {growth:.1f}× slower at {sizes[-1]}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="synthetic platforms, e.g. 1000")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0, help="default: gunicorn.conf.py's")
    parser.add_argument("--port", type=int, default=8877)
    parser.add_argument("--output", default=str(BASE_DIR / "bench" / "results.json"))
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        prepare_here(args.prepare)
        return

    sizes = sorted(int(size) for size in args.sizes.split(","))
    base = os.environ["DATABASE_URL"]
    redis_url = os.environ.get("REDIS_URL") or BENCH_REDIS_URL
    about = machine()
    print(
        f"machine: {about}\ncache: Redis at {redis_url}, shared by every gunicorn worker "
        f"(emptied before each size); wrk {args.connections} connections, {args.seconds} s "
        "per endpoint after a warm-up\nfacet counts: exact for every query (no count is bounded)"
    )
    results, about_sizes = {}, {}
    for size in sizes:
        url = database_url(base, size, sizes[-1])
        data = {**prepare(url, size), "synthetic": size}
        connection.close()
        about_sizes[size] = data
        results[size] = measure(args, size, url, data, redis_url)
    for size in sizes:
        print_table(size, about_sizes[size], results[size])
    failures = failures_of(results, sizes)
    missed = "targets NOT met:\n  " + "\n  ".join(failures)
    print("\n" + ("targets met" if not failures else missed))
    Path(args.output).write_text(
        json.dumps(
            {
                "measured": time.strftime("%Y-%m-%d %H:%M %Z"),
                "machine": about,
                "python": platform.python_version(),
                "cache": redis_url,
                "connections": args.connections,
                "seconds": args.seconds,
                "sizes": {
                    str(size): {**about_sizes[size], "results": results[size]} for size in sizes
                },
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
