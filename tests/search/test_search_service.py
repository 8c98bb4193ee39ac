"""The search service: Finnish forms, typos, safety, currency of the index, the API endpoints.

Each holds on both back ends: the tests run on PostgreSQL, and on SQLite in CI's SQLite step.
"""

import pytest
from django.db import connection

from entries.models import Status
from platforms.models import InnovationPlatform, Organisation
from search import (
    finnish,
    highlight,
    order_by_relevance,
    search_all,
    search_entries,
    suggest,
)

pytestmark = pytest.mark.django_db


def slugs(query, model=InnovationPlatform):
    return list(
        order_by_relevance(search_entries(model.objects.published(), query), "pk").values_list(
            "slug", flat=True
        )
    )


@pytest.mark.skipif(not finnish.available(), reason="Voikko is not installed")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("akku", "centria-battery-dry-laboratory"),  # a compound part
        ("akkulaboratoriossa", "centria-battery-dry-laboratory"),  # inflected compound
        ("supertietokoneella", "lumi-supercomputer"),
        ("Kajaanissa datakeskus", "lumi-supercomputer"),
        ("kiertotaloudessa", "gtk-mintec"),
        ("akkujen testaus", "centria-battery-dry-laboratory"),  # plural genitive, two words
        ("automaattinen ajaminen", "aurora-intelligent-road"),
    ],
)
def test_finnish_forms_and_compound_parts_match(query, expected):
    assert expected in slugs(query)[:5]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("supertietokne", "lumi-supercomputer"),
        ("fotonikka", "uef-institute-of-photonics"),
        ("akkulabratorio", "centria-battery-dry-laboratory"),
    ],
)
def test_typos_are_forgiven(query, expected):
    assert expected in slugs(query)[:5]


def test_last_word_is_a_prefix_and_minus_excludes():
    assert "lumi-supercomputer" in slugs("supertietok")
    with_lumi = slugs("datakeskus")
    assert "lumi-supercomputer" in with_lumi
    assert "lumi-supercomputer" not in slugs("datakeskus -lumi")


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


def test_without_voikko_the_search_still_finds_by_stems_prefixes_and_trigrams(monkeypatch):
    monkeypatch.setattr(finnish, "analyse", lambda word: ((), ()))
    monkeypatch.setattr(finnish, "available", lambda: False)
    assert "centria-battery-dry-laboratory" in slugs("akku")  # the last word is a prefix
    assert "lumi-supercomputer" in slugs("supertietokone")
    assert "lumi-supercomputer" in slugs("supertietokne")  # trigram similarity


def test_a_broad_search_orders_names_then_keywords_and_pages_never_repeat(monkeypatch):
    """Above RANK_ALL matches the order is read from indexes: entries with the words in their
    names, then in keywords and services, then elsewhere, each by quality; any depth gives the
    same first results, so that consecutive pages neither repeat nor skip an entry."""
    monkeypatch.setattr("search.engine.RANK_ALL", 3)
    results = search_entries(InnovationPlatform.objects.published(), "laboratorio")
    matches = set(results.values_list("pk", flat=True))
    assert len(matches) > 9

    def shown(depth, start=0):
        return list(order_by_relevance(results, "pk", depth=depth)[start:depth])

    first = shown(len(matches))
    assert {entry.pk for entry in first} == matches
    places = [entry.search_place for entry in first]
    assert places == sorted(places) and places[0] == 0 and places[-1] > 0
    assert "laborator" in first[0].name_fi.lower()
    for place in set(places):
        qualities = [e.search_quality for e in first if e.search_place == place]
        assert qualities == sorted(qualities, reverse=True)
    pages = shown(3) + shown(6, 3) + shown(9, 6)
    assert [e.pk for e in pages] == [e.pk for e in first[:9]]


def test_nonsense_words_cost_a_bounded_number_of_queries_and_lookups():
    """Each word that finds nothing is compared with the vocabulary, not with every entry, and
    at most three of them: eight nonsense words cost what three do."""
    from django.test.utils import CaptureQueriesContext

    words = "qwzrtk blorpvex snargle vrumble plinkot zebruff kwantix dorbul"
    with CaptureQueriesContext(connection) as three:
        assert slugs(" ".join(words.split()[:3])) == []
    with CaptureQueriesContext(connection) as eight:
        assert slugs(words) == []
    assert len(eight) == len(three)
    lookups = [q["sql"] for q in eight if "search_searchword" in q["sql"]]
    assert len(lookups) == 1 and lookups[0].count("'") <= 2 * 3
    assert not any(
        "%>" in sql or "<%" in sql for sql in (q["sql"] for q in eight) if sql not in lookups
    )


def test_a_typo_finds_the_closest_words_of_names_and_keywords():
    from search.engine import near_words

    assert "supertietokone" in near_words(["supertietokne"])["supertietokne"]
    assert near_words(["qwzxv"]) == {}
    # A word of a draft's name is in the vocabulary, but the search still shows only the public.
    assert slugs("supertietokne")[:1] == ["lumi-supercomputer"]


def test_a_cluster_is_not_found_by_the_name_of_an_unpublished_member():
    from clusters.models import Cluster
    from search import reindex_for

    cluster = Cluster.objects.published().filter(members__isnull=False).first()
    member = cluster.members.first()
    member.name_fi = "Quokkatron-laboratorio"
    member.status = "draft"
    member.save()
    reindex_for(member)
    assert slugs("quokkatron", Cluster) == []
    member.status = Status.PUBLISHED
    member.save()
    reindex_for(member)
    assert set(slugs("quokkatron", Cluster)) == set(member.clusters.values_list("slug", flat=True))
    assert cluster.slug in slugs("quokkatron", Cluster)


def test_a_page_takes_the_count_the_search_made_and_shows_the_same(monkeypatch):
    """The search counts its matches up to RANK_ALL + 1, as a page does: the page takes that
    count instead of counting again, unless something was filtered after the search."""
    from django.test.utils import CaptureQueriesContext

    from elmo.paginator import COUNT_CAP, CappedPaginator
    from search import known_count
    from search.engine import RANK_ALL

    assert COUNT_CAP == RANK_ALL  # the same cap, or the count could not be taken
    monkeypatch.setattr("search.engine.RANK_ALL", 3)
    results = search_entries(InnovationPlatform.objects.published(), "laboratorio")
    assert known_count(results) == 4  # more than 3: counted up to 4
    assert known_count(results.filter(region__code="19")) is None

    def page(take_count):
        found = search_entries(InnovationPlatform.objects.published(), "laboratorio")
        counted = known_count(found) if take_count else None

        def order(depth):
            return order_by_relevance(found, "pk", depth=depth)

        with CaptureQueriesContext(connection) as queries:
            shown = CappedPaginator(found, 2, cap=3, order=order, counted=counted).page(1)
            shown = (shown.paginator.count, shown.paginator.more, [e.pk for e in shown])
        return shown, len(queries)

    (counted, fewer), (recounted, more) = page(True), page(False)
    assert counted == recounted and counted[:2] == (3, True)
    assert fewer == more - 1


def test_a_broad_search_finds_its_sparse_places_once_for_the_page_and_the_map(monkeypatch):
    """The page and its map order the same search at two depths: which places are few is read
    once, and each depth gives the same first entries."""
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("search.engine.RANK_ALL", 3)
    results = search_entries(InnovationPlatform.objects.published(), "laboratorio")

    def first(depth):
        with CaptureQueriesContext(connection) as queries:
            pks = list(order_by_relevance(results, "pk", depth=depth)[:depth].values_list("pk"))
        return pks, len(queries)

    (page, page_queries), (map_, map_queries) = first(2), first(6)
    assert map_[:2] == page and map_queries == 1 < page_queries
