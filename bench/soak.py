"""Soak of the search under writes: `make bench-soak`, and the last step of `make bench`.

For ``--seconds`` (default 60), ``--searchers`` processes run random searches as the site, the
API search and autocomplete run them — typical queries, and words of entries being added and
removed at that moment, alone and with ``OR`` — while one editor process adds batches of entries
that carry a new rare word, indexes them, deletes them in one statement (as an undone import
does), edits and re-indexes existing entries, and runs ``VACUUM`` on the platforms table.

A connection opened before the soak watches the database server: if the server restarts (a
crashed backend makes PostgreSQL end every connection and recover), that connection is gone and
``pg_postmaster_start_time()`` changes. Prints searches, failed searches, edits, entries added and
removed, vacuums and restarts; exits 1 unless there were no restarts and no failed searches.
"""

import argparse
import multiprocessing as mp
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.db import connection, connections  # noqa: E402

from bench.search import QUERIES  # noqa: E402
from elmo.paginator import CappedPaginator  # noqa: E402
from entries.models import Status  # noqa: E402
from platforms.models import InnovationPlatform, PlatformType  # noqa: E402
from priorities.models import Region  # noqa: E402
from search import order_by_relevance, rebuild_index, search_all, search_entries, suggest  # noqa: E402

SOAK_PREFIX = "soak-"
BATCH = 2000


def rare_word(number):
    """A word no real text has, different for each batch: ``zorvaq17``-like, letters only."""
    letters = "bcdfghjklmnpqrstvwxz"
    word, number = "", number + 20**3
    while number:
        number, digit = divmod(number, len(letters))
        word += letters[digit] + "aeiou"[digit % 5]
    return "sk" + word


def watcher():
    """A connection of its own to the database in use: a server crash ends it."""
    settings = connection.settings_dict
    watch = psycopg2.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )
    watch.autocommit = True
    return watch


def started(watch):
    """When the database server last started."""
    with watch.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()")
        return cursor.fetchone()[0]


def search_once(rng, words):
    """One random search as a visitor or a partner would run it."""
    word = rng.choice(words) if words and rng.random() < 0.5 else None
    query = rng.choice(
        [rng.choice(QUERIES)] if word is None else [word, f"{word} OR akku", f"akku OR {word}"]
    )
    kind = rng.randrange(3)
    if kind == 0:  # the site's search page: the count and the first page
        results = search_entries(InnovationPlatform.objects.published(), query)

        def order(depth):
            return order_by_relevance(results, "pk", depth=depth).values_list("pk", flat=True)

        list(CappedPaginator(results, 20, order=order).page(1))
    elif kind == 1:  # the API's search
        search_all(query, limit=50)
    else:  # autocomplete, with the last word cut short
        suggest(query[: max(2, len(query) - rng.randrange(4))])


def searcher(seed, stop_at, words, counts):
    connections.close_all()
    rng = random.Random(seed)
    done = failed = 0
    while time.monotonic() < stop_at:
        try:
            search_once(rng, list(words))
            done += 1
        except Exception:  # any failure of the database is counted, the soak goes on
            failed += 1
            connections.close_all()
    counts.put(("searches", done))
    counts.put(("failed searches", failed))


def editor(stop_at, words, counts):
    connections.close_all()
    region = Region.objects.get(code="18")
    table = InnovationPlatform._meta.db_table
    rng = random.Random(7)
    tally = dict.fromkeys(["added", "removed", "edits", "vacuums"], 0)
    number = 0
    while time.monotonic() < stop_at:
        word = rare_word(number)
        number += 1
        words.append(word)
        InnovationPlatform.objects.bulk_create(
            InnovationPlatform(
                slug=f"{SOAK_PREFIX}{word}-{n}",
                name_fi=f"{word.capitalize()}-testilaboratorio",
                summary_fi=f"Laboratorio, jossa testataan {word}-akkuja.",
                keywords_fi=f"{word}, akku",
                region=region,
                platform_type=PlatformType.LABORATORY,
                status=Status.PUBLISHED,
            )
            for n in range(BATCH)
        )
        tally["added"] += rebuild_index(
            InnovationPlatform.objects.filter(slug__startswith=f"{SOAK_PREFIX}{word}-")
        )
        existing = list(
            InnovationPlatform.objects.filter(slug__startswith="synthetic-").values_list(
                "pk", flat=True
            )[: 10_000 : rng.randrange(50, 500)]
        )
        InnovationPlatform.objects.filter(pk__in=existing).update(keywords_en=f"soak {word}")
        rebuild_index(InnovationPlatform.objects.filter(pk__in=existing))
        tally["edits"] += len(existing)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE slug LIKE %s", [f"{SOAK_PREFIX}{word}-%"])
            tally["removed"] += cursor.rowcount
            cursor.execute(f"VACUUM {table}")
            tally["vacuums"] += 1
        words.remove(word)
    for name, value in tally.items():
        counts.put((name, value))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--searchers", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("The soak measures PostgreSQL: set DATABASE_URL.")
    watch = watcher()
    first_start = started(watch)
    connection.close()
    context = mp.get_context("fork")
    manager = context.Manager()
    words, counts = manager.list(), manager.Queue()
    stop_at = time.monotonic() + args.seconds
    workers = [context.Process(target=editor, args=(stop_at, words, counts))] + [
        context.Process(target=searcher, args=(seed, stop_at, words, counts))
        for seed in range(args.searchers)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    totals = {}
    while not counts.empty():
        name, value = counts.get()
        totals[name] = totals.get(name, 0) + value
    try:
        restarts = int(started(watch) != first_start)
    except psycopg2.Error:  # the watching connection was ended: the server restarted
        restarts = 1
    with connection.cursor() as cursor:  # nothing of the soak is left behind
        cursor.execute(
            f"DELETE FROM {InnovationPlatform._meta.db_table} WHERE slug LIKE %s",
            [f"{SOAK_PREFIX}%"],
        )
    totals["server restarts"] = restarts
    print(f"soak of {args.seconds} s with {args.searchers} searching processes and one editor:")
    for name in ("searches", "failed searches", "added", "removed", "edits", "vacuums"):
        print(f"  {name:16} {totals.get(name, 0):>8}")
    print(f"  {'server restarts':16} {restarts:>8}")
    ok = restarts == 0 and totals.get("failed searches", 0) == 0 and totals.get("searches", 0)
    print("soak: " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
