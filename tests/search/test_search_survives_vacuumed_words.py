"""No search may bring the database server down.

A third-party index once on the search's path (RUM) crashed PostgreSQL when a query asked for a
word whose index entries had all been deleted and vacuumed away: every connection of every
database was dropped while the server recovered. The search now uses only what PostgreSQL
ships, and the same sequence runs here against every search the public can reach; a connection
opened before must still answer afterwards, and the server must not have restarted.
"""

import os

import pytest
from django.core.management import call_command
from django.db import connection

from bench.soak import started, watcher
from entries.models import Status
from platforms.models import InnovationPlatform, PlatformType
from priorities.models import Region
from search import rebuild_index

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search documents and VACUUM are PostgreSQL's"
)

WORD = "zorblaxium"
# What PostgreSQL itself ships: the only extensions and index types the search may rely on.
SHIPPED_EXTENSIONS = {"plpgsql", "pg_trgm", "unaccent"}
SHIPPED_INDEX_TYPES = {"btree", "gin", "gist", "hash", "brin", "spgist"}
COUNT = 6000


def add_and_remove_entries_with_a_rare_word():
    """Many entries carry WORD in name and keywords, are indexed, deleted and vacuumed away."""
    region = Region.objects.get(code="18")
    InnovationPlatform.objects.bulk_create(
        InnovationPlatform(
            slug=f"{WORD}-{number}",
            name_fi=f"{WORD.capitalize()}-testilaboratorio",
            summary_fi=f"Laboratorio, jossa testataan {WORD}-akkuja.",
            keywords_fi=f"{WORD}, akku",
            region=region,
            platform_type=PlatformType.LABORATORY,
            status=Status.PUBLISHED,
        )
        for number in range(COUNT)
    )
    added = InnovationPlatform.objects.filter(slug__startswith=f"{WORD}-")
    assert rebuild_index(added) == COUNT
    # Removed as an undone import removes them: in one statement, without per-row signals.
    table = InnovationPlatform._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE slug LIKE %s", [f"{WORD}-%"])  # noqa: S608
        cursor.execute(f"VACUUM {table}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_searches_for_a_vacuumed_word_leave_the_server_up(client):
    with open(os.devnull, "w") as quiet:
        call_command("load_ip_area", stdout=quiet)
    watch = watcher()
    first_start = started(watch)
    add_and_remove_entries_with_a_rare_word()
    addresses = [
        f"/{language}/platforms/?{query}"
        for language in ("fi", "en")
        for query in (f"q={WORD}", f"q={WORD}+OR+akku", f"q=akku+OR+{WORD}&sort=relevance")
    ] + [
        f"/api/v1/search/?q={WORD}",
        f"/api/v1/search/?q={WORD}+OR+akku",
        f"/api/v1/search/autocomplete/?q={WORD}",
        f"/api/v1/search/autocomplete/?q=akku+OR+{WORD[:5]}",
        f"/api/v1/platforms/?q={WORD}",
        f"/api/v1/platforms/?q={WORD}+OR+akku",
        f"/api/v1/clusters/?q={WORD}+OR+akku",
    ]
    statuses = {address: client.get(address).status_code for address in addresses}
    assert all(status < 500 for status in statuses.values()), statuses
    assert client.get(f"/fi/platforms/?q={WORD}+OR+akku").status_code == 200
    # The connection opened before the searches still answers, and the server never restarted.
    assert started(watch) == first_start
    with watch.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    watch.close()


@pytest.mark.django_db
def test_the_search_relies_only_on_what_postgresql_ships():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {name for (name,) in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema()"
        )
        index_types = {name for (name,) in cursor.fetchall()}
    assert extensions <= SHIPPED_EXTENSIONS, extensions - SHIPPED_EXTENSIONS
    assert index_types <= SHIPPED_INDEX_TYPES, index_types - SHIPPED_INDEX_TYPES
