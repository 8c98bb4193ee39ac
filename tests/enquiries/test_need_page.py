"""The need page: a company's need in its own words gives platforms and clusters of the whole
area with the reasons; the company's region raises results slightly and hides none; bad input
is a form error; the page is linked from the home and search pages; its queries do not grow
with the number of results."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platforms.models import InnovationPlatform
from priorities.models import Region
from search import rebuild_index
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the ranking is PostgreSQL's"
)
BATTERY = (
    "We make battery packs for forest machines and need to test them at −40 °C and find a "
    "partner for recycling the cells."
)


def results(response):
    """(slug, region name) of the results, in order."""
    html = response.text
    slugs = re.findall(r'name="entry" value="(?:platform|cluster):([\w-]+)"', html)
    regions = re.findall(r"<span>(?:Region|Maakunta|Landskap): ([^<(]+?)[ <]", html)
    return list(zip(slugs, regions, strict=True))


@postgresql_only
def test_the_issues_example_finds_battery_platforms_not_sport_and_games(client):
    response = client.get("/fi/need/", {"need": "akkujen testaus", "region": "18"})
    assert response.status_code == 200
    found = [slug for slug, _region in results(response)]
    assert found[:2] == ["centria-battery-dry-laboratory", "gtk-mintec"]
    for kainuu in ("sports-technology-unit-vuokatti", "kajak-game-development-lab"):
        assert found.index(kainuu) > 4


@postgresql_only
def test_results_come_from_several_regions_with_the_reasons(client):
    response = client.get("/en/need/", {"need": BATTERY})
    found = results(response)
    assert found[0][0] == "centria-battery-dry-laboratory"
    assert len({region for _slug, region in found}) >= 3
    assert len(found) >= 5
    html = response.text
    assert "Why it matches – your words it has:" in html
    assert "<mark>battery</mark>" in html and "<mark>battery cell</mark>" in html
    assert "<mark>Testing</mark>" in html  # the service, highlighted
    assert re.search(r"<h2 id=\"results-heading\">\d+ platforms and clusters match", html)


@postgresql_only
def test_the_companys_region_raises_results_but_hides_none(client):
    elsewhere = results(client.get("/en/need/", {"need": "akkujen testaus"}))
    kainuu = results(client.get("/en/need/", {"need": "akkujen testaus", "region": "18"}))
    assert sorted(kainuu) == sorted(elsewhere)
    own = [n for n, (_slug, region) in enumerate(kainuu) if region == "Kainuu"]
    before = [n for n, (_slug, region) in enumerate(elsewhere) if region == "Kainuu"]
    assert own and sum(own) <= sum(before)
    assert kainuu[0][1] != "Kainuu"  # a better match of another region stays first
    html = client.get("/en/need/", {"need": "akkujen testaus", "region": "18"}).text
    assert "(your region)" in html


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("fi", "Kuvaile tarpeesi", "Etsi alustat ja klusterit"),
        ("sv", "Beskriv ditt behov", "Hitta plattformar och kluster"),
        ("en", "Describe your need", "Find platforms and clusters"),
    ],
)
def test_the_page_speaks_the_language_of_its_address(client, language, heading, button):
    response = client.get(f"/{language}/need/")
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.text and button in response.text
    assert "<script" not in response.text.split("<main", 1)[1]  # no JavaScript needed


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"need": "akku"}, "need"),
        ({"need": "a" * 2001}, "need"),
        ({"need": "akkujen testaus", "region": "99"}, "region"),
        ({"need": "akkujen testaus", "service": "<b>x</b>"}, "service"),
        ({"need": ""}, "need"),
    ],
)
def test_bad_input_is_a_form_error_that_keeps_the_text(client, params, field):
    response = client.get("/en/need/", params)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.text
    assert f'href="#id_{field}' in response.text
    if params["need"] and len(params["need"]) < 100:
        assert params["need"] in response.text


@pytest.mark.parametrize(
    "path", ["/fi/", "/fi/platforms/", "/fi/platforms/?q=akku", "/sv/clusters/"]
)
def test_linked_from_the_home_and_every_search_page(client, path):
    html = client.get(path).text
    assert 'href="/' + path.split("/")[1] + '/need/"' in html


@postgresql_only
def test_the_number_of_queries_does_not_grow_with_the_results(client):
    region = Region.objects.get(code="12")

    def queries(count):
        InnovationPlatform.objects.filter(slug__startswith="kvanttimuisti").delete()
        for n in range(count):
            PlatformFactory(
                region=region, slug=f"kvanttimuisti-{n}", keywords_en="quantum memory testing"
            )
        rebuild_index(InnovationPlatform.objects.filter(slug__startswith="kvanttimuisti"))
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/need/", {"need": "quantum memory testing for our chips"})
        assert response.text.count("kvanttimuisti-") >= count
        return len(captured)

    assert queries(3) == queries(15)
