"""Readiness, access, remote and month: facets counted from ``search_facets`` and filters by the
same values, on the site and in the API, on PostgreSQL and SQLite alike (``.ci/run`` runs this
file on SQLite too)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from entries.services import entry_save
from platforms.filters import PlatformFilter
from platforms.models import InnovationPlatform
from tests.factories import PlatformFactory, RegionFactory

pytestmark = pytest.mark.django_db

TERMS = {
    "winter": {"trl_min": 3, "trl_max": 6, "access_model": "free", "delivery": "remote",
               "months": [1, 2]},
    "summer": {"trl_min": 6, "trl_max": 9, "access_model": "commercial", "delivery": "on_site",
               "months": [6, 7]},
    "unknown": {},
    "early": {"trl_min": 1, "trl_max": 2, "access_model": "subsidised", "delivery": "both",
              "months": list(range(1, 13))},
}  # fmt: skip


def add_platform(region, slug, **terms):
    platform = PlatformFactory.build(region=region, slug=slug, **terms)
    return entry_save(entry=platform)


@pytest.fixture
def region():
    region = RegionFactory(code="88")
    for slug, terms in TERMS.items():
        add_platform(region, slug, **terms)
    return region


def found(query):
    data = QueryDict(f"region=88&{query}")
    filterset = PlatformFilter(data, queryset=InnovationPlatform.objects.published())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("slug", flat=True))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("trl=6", {"winter", "summer"}),
        ("trl=1,9", {"early", "summer"}),
        ("trl=7&trl=2", {"early", "summer"}),
        ("access=free,subsidised", {"winter", "early"}),
        ("remote=true", {"winter", "early"}),
        ("month=1", {"winter", "early"}),
        ("month=7", {"summer", "early"}),
        ("trl=6&remote=true", {"winter"}),
        ("", set(TERMS)),
    ],
)
def test_the_filters_select_by_the_facet_values(region, query, expected):
    assert found(query) == expected


def test_what_is_not_known_has_no_value_and_is_never_selected(region):
    unknown = InnovationPlatform.objects.get(slug="unknown")
    terms = ("trl:", "access:", "remote:", "month:")
    assert not [value for value in unknown.search_facets if value.startswith(terms)]


def test_each_facet_is_counted_with_the_other_facets_filters(region):
    counts = PlatformFilter(
        QueryDict("region=88&trl=6"), queryset=InnovationPlatform.objects.published()
    ).facet_counts()
    # The readiness facet ignores its own choice: each level counts every platform serving it.
    assert counts["trl"] == {
        "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 2, "7": 1, "8": 1, "9": 1,
    }  # fmt: skip
    # The other facets count the platforms serving level 6.
    assert counts["access"] == {"free": 1, "commercial": 1}
    assert counts["remote"] == {"true": 1}
    assert counts["month"] == {"1": 1, "2": 1, "6": 1, "7": 1}
    assert counts["region"] == {"88": 2}


def facet_queries(query):
    filterset = PlatformFilter(QueryDict(query), queryset=InnovationPlatform.objects.published())
    with CaptureQueriesContext(connection) as captured:
        filterset.facet_counts()
    return len(captured)


def test_the_facet_queries_do_not_grow_with_the_platforms(region):
    queries = ["", "trl=6", "region=88&trl=6", "trl=6&access=free&remote=true&month=1"]
    before = [facet_queries(query) for query in queries]
    for n in range(20):
        add_platform(region, f"more-{n}", **TERMS["winter" if n % 2 else "summer"])
    assert [facet_queries(query) for query in queries] == before
    # No facet chosen: every facet in one query; one chosen: that one apart, the rest together;
    # four chosen: each apart, the other facets together.
    assert before[:2] == [1, 2]
    assert before[3] == 5


def test_the_api_filters_and_refuses_values_out_of_range_by_name(region, api):
    answer = api.get("/api/v1/platforms/", {"region": "88", "trl": "6", "remote": "true"})
    assert [p["slug"] for p in answer.json()["results"]] == ["winter"]
    for name, value in [("trl", "10"), ("trl", "x"), ("month", "13"), ("remote", "yes"),
                        ("access", "cheap")]:  # fmt: skip
        answer = api.get("/api/v1/platforms/", {name: value})
        assert answer.status_code == 400, (name, value)
        assert name in answer.json(), answer.json()


def test_the_search_page_shows_the_new_facets_once_a_platform_has_them(region, client):
    html = client.get("/en/platforms/?region=88").text
    assert 'id="f-trl-6"' in html
    assert 'id="f-month-1"' in html
    assert "Readiness level (TRL)" in html
    html = client.get("/en/platforms/?region=88&remote=true").text
    assert 'id="f-remote-true" checked' in html


def test_the_real_platforms_have_no_term_invented(client):
    platforms = InnovationPlatform.objects.all()
    assert platforms.count() >= 42
    for platform in platforms:
        assert platform.trl_min is None and platform.access_model == ""
        assert platform.months == [] and platform.user_groups == [] and not platform.offer
    # With nothing known, the search page shows no empty readiness or month lists.
    html = client.get("/en/platforms/").text
    assert "Readiness level (TRL)" not in html
