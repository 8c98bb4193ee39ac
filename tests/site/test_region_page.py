"""A region's page: an introduction, a map of the region with its platforms, the population in
the page's language with its year, and no empty cluster section."""

import json
import re

import pytest

from clusters.models import Cluster
from platforms.models import InnovationPlatform
from priorities.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "population"),
    [("fi", "71\xa0664 (vuonna 2020)"), ("sv", "71\xa0664 (år 2020)"), ("en", "71,664 (in 2020)")],
)
def test_population_in_the_pages_language_with_its_year(client, lang, population):
    region = Region.objects.get(code="18")
    assert region.population == 71664 and region.population_date.year == 2020
    html = client.get(f"/{lang}/regions/kainuu/").text
    assert f"<dd>{population}</dd>" in html


def test_a_region_page_has_an_introduction_and_a_map_of_its_platforms(client):
    html = client.get("/en/regions/kainuu/").text
    assert re.search(r'<p class="lead">Kainuu, with its regional centre Kajaani, is one', html)
    assert 'data-map-region="18"' in html
    places = json.loads(
        re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html).group(1)
    )
    located = InnovationPlatform.objects.published().in_regions("18").filter(latitude__isnull=False)
    assert {p["url"] for p in places} == {p.get_absolute_url() for p in located}


def test_no_empty_cluster_section(client):
    assert not Cluster.objects.published().in_regions("18").exists()
    assert 'id="h-clusters"' not in client.get("/en/regions/kainuu/").text
    assert Cluster.objects.published().in_regions("19").exists()
    assert 'id="h-clusters"' in client.get("/en/regions/lappi/").text
