"""The platform search of the public site: filters, facets, sorting, pages, the matrix."""

import re

import pytest
from django.db import connection

from platforms.filters import PlatformFilter
from platforms.models import InnovationPlatform
from priorities.models import Priority, Region
from tests.factories import PlatformFactory, RegionFactory

pytestmark = pytest.mark.django_db


def result_count(html):
    return int(re.search(r'<h2 id="results-heading">(\d+)', html).group(1))


def result_slugs(html):
    return re.findall(r'<h3 class="card__title"><a href="/\w\w/platforms/([\w-]+)/">', html)


def test_without_filters_every_published_platform_is_found(client):
    html = client.get("/en/platforms/").text
    assert result_count(html) == InnovationPlatform.objects.published().count()


def test_keyword_search_finds_across_languages(client):
    # "akku" is Finnish; the English page finds the battery laboratory by its Finnish texts.
    assert "centria-battery-dry-laboratory" in result_slugs(
        client.get("/en/platforms/?q=akku").text
    )
    # An English word on the Swedish page.
    assert "lumi-supercomputer" in result_slugs(client.get("/sv/platforms/?q=supercomputer").text)
    # Entries with every word come first: a town narrows the battery search to Kokkola.
    slugs = result_slugs(client.get("/fi/platforms/?q=akku+kokkola&sort=relevance").text)
    assert len(slugs) >= 2
    assert all(InnovationPlatform.objects.get(slug=s).region.code == "16" for s in slugs[:2])


def test_region_filter_counts_platforms_that_serve_the_region(client):
    served = InnovationPlatform.objects.published().filter(other_regions__code="12")
    html = client.get("/en/platforms/?region=12").text
    slugs = set(result_slugs(html))
    assert {p.slug for p in served} <= slugs
    assert result_count(html) == InnovationPlatform.objects.published().in_regions("12").count()


def test_several_values_of_a_facet_mean_or(client):
    both = result_count(client.get("/en/platforms/?region=19&region=18").text)
    comma = result_count(client.get("/en/platforms/?region=19,18").text)
    lapland = result_count(client.get("/en/platforms/?region=19").text)
    kainuu = result_count(client.get("/en/platforms/?region=18").text)
    assert both == comma == lapland + kainuu


def test_facets_combine_with_and_and_counts_match_results(client):
    html = client.get("/en/platforms/?region=19&type=research_infrastructure").text
    count = result_count(html)
    expected = (
        InnovationPlatform.objects.published()
        .in_regions("19")
        .filter(platform_type="research_infrastructure")
        .count()
    )
    assert count == expected > 0
    # The count shown beside Kainuu is what choosing Kainuu instead of Lapland would give.
    kainuu_count = re.search(
        r'id="f-region-18">\s*<label[^>]*>[^<]*<span class="count">\((\d+)\)', html
    )
    kainuu = client.get("/en/platforms/?region=18&type=research_infrastructure").text
    assert int(kainuu_count.group(1)) == result_count(kainuu)


def test_every_matrix_cell_matches_its_search(client):
    counts = InnovationPlatform.objects.published().region_priority_counts()
    for region in Region.objects.all():
        for priority in Priority.objects.of_current_strategy():
            filterset = PlatformFilter(
                {"region": [region.code], "priority": [priority.slug]},
                queryset=InnovationPlatform.objects.published(),
            )
            assert counts.get((region.code, priority.slug), 0) == filterset.qs.count()
    html = client.get("/fi/").text
    assert "/fi/platforms/?region=19&amp;priority=clean-solutions" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU collations are PostgreSQL's")
def test_sorting_by_name_follows_the_finnish_alphabet(client):
    region = RegionFactory(code="88")
    for name in ("Öljylaboratorio", "zeta-laboratorio", "Ähtärin testirata", "Åvik", "alfa"):
        PlatformFactory(name_fi=name, name_sv=None, region=region)
    html = client.get("/fi/platforms/?region=88&sort=name").text
    names = re.findall(r'<h3 class="card__title"><a [^>]+>([^<]+)</a>', html)
    assert names == ["alfa", "zeta-laboratorio", "Åvik", "Ähtärin testirata", "Öljylaboratorio"]


def test_sort_by_recently_updated_puts_the_latest_first(client):
    platform = InnovationPlatform.objects.get(slug="smear-i-varrio")
    platform.save()  # touches `updated`
    slugs = result_slugs(client.get("/en/platforms/?sort=updated").text)
    assert slugs[0] == "smear-i-varrio"


def test_pages_split_the_results(client):
    first = client.get("/en/platforms/").text
    second = client.get("/en/platforms/?page=2").text
    assert len(result_slugs(first)) == 20
    assert not set(result_slugs(first)) & set(result_slugs(second))
    assert 'rel="next"' in first


def test_map_data_lists_the_platforms_of_the_page(client):
    html = client.get("/en/platforms/?region=18").text
    data = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html).group(1)
    assert data.count('"lat"') == len(result_slugs(html))


def test_a_broad_search_counts_up_to_the_cap_and_says_more(client, monkeypatch):
    monkeypatch.setattr("elmo.paginator.COUNT_CAP", 25)
    published = InnovationPlatform.objects.published().count()
    assert published > 25
    html = client.get("/en/platforms/").text
    assert "More than 25 platforms found" in html
    assert "Page 1 of 2" in html  # 25 at 20 a page
    assert len(result_slugs(client.get("/en/platforms/?page=2").text)) == 5
    fi = client.get("/fi/platforms/").text
    assert "Yli 25 alustaa" in fi


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_platform_types_are_written_the_same_in_the_filters_and_on_the_cards(client, lang):
    html = client.get(f"/{lang}/platforms/?type=laboratory").text
    facet = re.search(r'id="f-type-laboratory"[^>]*>\s*<label[^>]*>([^<]*?) <span', html)
    card = re.search(r'<p class="card__meta">\s*<span>([^<]*)</span>', html)
    assert facet.group(1) == card.group(1)
    assert facet.group(1)[0].isupper()
