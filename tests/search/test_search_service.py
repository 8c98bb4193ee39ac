"""The search service: Finnish forms, typos, safety, currency of the index, the API endpoints."""

import os

import pytest
from django.db import connection

from platforms.models import InnovationPlatform, Organisation
from search import (
    finnish,
    highlight,
    order_by_relevance,
    search_all,
    search_entries,
    suggest,
)
from search.engine import has_rank_index

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text search is PostgreSQL's"
)


def slugs(query, model=InnovationPlatform):
    return list(
        order_by_relevance(search_entries(model.objects.published(), query), "pk").values_list(
            "slug", flat=True
        )
    )


@postgresql_only
@pytest.mark.skipif(not finnish.available(), reason="Voikko is not installed")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("akku", "centria-battery-dry-laboratory"),  # a compound part
        ("akkulaboratoriossa", "centria-battery-dry-laboratory"),  # inflected compound
        ("supertietokoneella", "lumi-supercomputer"),
        ("Kajaanissa datakeskus", "lumi-supercomputer"),
        ("kiertotaloudessa", "gtk-mintec"),
    ],
)
def test_finnish_forms_and_compound_parts_match(query, expected):
    assert expected in slugs(query)[:5]


@postgresql_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [("supertietokne", "lumi-supercomputer"), ("fotonikka", "uef-institute-of-photonics")],
)
def test_typos_are_forgiven(query, expected):
    assert expected in slugs(query)[:5]


@postgresql_only
def test_last_word_is_a_prefix_and_minus_excludes():
    assert "lumi-supercomputer" in slugs("supertietok")
    with_lumi = slugs("datakeskus")
    assert "lumi-supercomputer" in with_lumi
    assert "lumi-supercomputer" not in slugs("datakeskus -lumi")


@postgresql_only
def test_or_means_either():
    both = set(slugs("fotoniikka OR akkulaboratorio"))
    assert "uef-institute-of-photonics" in both and "centria-battery-dry-laboratory" in both


@pytest.mark.parametrize(
    "query",
    [
        "",
        "a",
        "x" * 10000,
        "'; DROP TABLE platforms_innovationplatform; --",
        "akku & | ! : * ( ) < > <-> \\\\",
        "<script>alert(1)</script>",
        "🔋🧪",
        "!!!???...",
        "\ufffd\ufffd",
        '"akku" OR -',
        "OR OR OR",
        "-akku",
        "\u00b2\U000a43e3\n<",  # signs no language keeps as a word
        "the of and",  # only stop words
    ],
)
def test_anything_typed_gives_a_normal_result(query):
    results = slugs(query)
    assert isinstance(results, list)
    assert isinstance(search_all(query), list)
    assert isinstance(suggest(query), list)


@postgresql_only
def test_the_index_follows_changes_of_links_and_names(staff_api):
    # A new host organisation's name becomes searchable on the platform through the API.
    organisation = Organisation.objects.create(
        slug="zyklotron-oy", name_fi="Zyklotron Oy", kind="company"
    )
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/", {"hosts": ["zyklotron-oy"]}, format="json"
    )
    assert response.status_code == 200
    assert slugs("zyklotron") == ["lumi-supercomputer"]
    # Renaming the organisation in the admin rewrites the platform's document too.
    from search import reindex_for

    organisation.name_fi = "Quarkotron Oy"
    organisation.save()
    reindex_for(organisation)
    assert slugs("quarkotron") == ["lumi-supercomputer"]
    assert slugs("zyklotron") == []


def test_highlight_escapes_and_marks():
    html = str(highlight("Akkulaboratorio <b>Kokkolassa</b> & muualla", "kokkola"))
    assert "&lt;b&gt;" in html and "&amp;" in html
    if finnish.available():
        assert "<mark>Kokkolassa</mark>" in html


def test_search_api_ranks_types_together_with_snippets(api):
    hits = api.get("/api/v1/search/", {"q": "akku", "lang": "en"}).json()
    assert hits and {"type", "slug", "name", "url", "rank", "snippet"} <= set(hits[0])
    platforms = api.get("/api/v1/search/", {"q": "oulu", "type": "organisation"}).json()
    assert platforms and all(hit["type"] == "organisation" for hit in platforms)
    assert api.get("/api/v1/search/", {"q": "x", "type": "people"}).status_code == 400
    assert api.get("/api/v1/search/", {"q": "x" * 201}).status_code == 400


def test_autocomplete_suggests_names_while_typing(api):
    suggestions = api.get("/api/v1/search/autocomplete/", {"q": "supertieto", "lang": "fi"}).json()
    assert any(s["slug"] == "lumi-supercomputer" for s in suggestions)
    assert len(suggestions) <= 8


def test_the_site_and_the_api_use_the_same_search(client, api):
    site = client.get("/en/platforms/", {"q": "akku", "sort": "relevance"}).text
    api_slugs = [p["slug"] for p in api.get("/api/v1/platforms/", {"q": "akku"}).json()["results"]]
    assert api_slugs and all(f"/en/platforms/{slug}/" in site for slug in api_slugs)


@postgresql_only
def test_without_voikko_the_search_still_finds_by_stems_prefixes_and_trigrams(monkeypatch):
    monkeypatch.setattr(finnish, "analyse", lambda word: ((), ()))
    monkeypatch.setattr(finnish, "available", lambda: False)
    assert "centria-battery-dry-laboratory" in slugs("akku")  # the last word is a prefix
    assert "lumi-supercomputer" in slugs("supertietokone")
    assert "lumi-supercomputer" in slugs("supertietokne")  # trigram similarity


@postgresql_only
def test_broad_searches_come_best_first_from_the_rank_index(monkeypatch):
    if not has_rank_index(InnovationPlatform):
        if os.environ.get("ELMO_REQUIRE_POSTGRESQL"):
            pytest.fail("PostgreSQL lacks the rum extension: run `make rum` before migrating.")
        pytest.skip("PostgreSQL has no rum extension here")
    results = order_by_relevance(
        search_entries(InnovationPlatform.objects.published(), "laboratorio"), "pk"
    )
    with connection.cursor() as cursor:
        # 54 entries fit in one page, where a plain scan is cheaper; at 100 000 the planner
        # picks the index by itself (see `make bench-search`).
        cursor.execute("SET LOCAL enable_sort = off")
        plan = results[:20].explain()
        ranks = [entry.rank for entry in results]
    assert "search_rum" in plan and "Order By" in plan, plan
    assert len(ranks) >= 5
    assert ranks == sorted(ranks, reverse=True)
    # Without the index the same ranking is computed with ts_rank: the same order.
    monkeypatch.setattr("search.engine.has_rank_index", lambda model: False)
    fallback = order_by_relevance(
        search_entries(InnovationPlatform.objects.published(), "laboratorio"), "pk"
    )
    assert [entry.rank for entry in fallback] == pytest.approx(ranks)
