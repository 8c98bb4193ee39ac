"""Every public page answers in all three languages, in that language, and shows only published."""

import json
import re

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from clusters.models import Cluster
from elmo.i18n import LANGUAGES
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation

from .helpers import every_sitemap

pytestmark = pytest.mark.django_db

# A word of the main menu, which every page has, in each language.
MENU_WORD = {"fi": "Alustat", "sv": "Plattformar", "en": "Platforms"}


def page_urls():
    """One URL of every page type of the public site, in the active language."""
    platform = InnovationPlatform.objects.published().get(slug="fmi-arctic-space-centre")
    return [
        reverse("home"),
        reverse("platform-search"),
        reverse("platform-search") + "?q=akku&region=16&sort=name",
        platform.get_absolute_url(),
        reverse("cluster-list"),
        Cluster.objects.published().get(slug="arctic-smartness").get_absolute_url(),
        reverse("region-detail", args=["kainuu"]),
        reverse("priority-detail", args=["clean-tech"]),
        Organisation.objects.get(slug="university-of-oulu").get_absolute_url(),
        reverse("about"),
        reverse("accessibility"),
        reverse("privacy"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_its_language(client, language):
    with translation.override(language):
        urls = page_urls()
    for url in urls:
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        assert f'<html lang="{language}">' in html, url
        assert MENU_WORD[language] in html, url
        assert re.search(r"<title>[^<]+– [^<]+</title>", html), url
        assert '<meta name="description" content="' in html, url
        for code in LANGUAGES:
            assert f'hreflang="{code}"' in html, url


def test_content_is_shown_in_the_page_language(client):
    fi = client.get("/fi/platforms/fmi-arctic-space-centre/").text
    sv = client.get("/sv/platforms/fmi-arctic-space-centre/").text
    en = client.get("/en/platforms/fmi-arctic-space-centre/").text
    assert "Ilmatieteen laitoksen arktinen avaruuskeskus" in fi
    assert "Meteorologiska institutets arktiska rymdcenter" in sv
    assert "FMI Arctic Space Centre" in en


def test_root_redirects_by_browser_language_finnish_by_default(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9").url == "/sv/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").url == "/fi/"
    assert client.get("/").url == "/fi/"


def test_language_switcher_stays_on_the_same_page_and_query(client):
    html = client.get("/fi/platforms/?region=19&q=testi").text
    assert 'href="/sv/platforms/?region=19&amp;q=testi"' in html
    assert 'href="/en/platforms/?region=19&amp;q=testi"' in html


def test_unpublished_entries_are_nowhere_public(client):
    platform = InnovationPlatform.objects.get(slug="lapland-proving-ground")
    cluster = Cluster.objects.get(slug="arctic-smartness")
    for entry, status in ((platform, Status.DRAFT), (cluster, Status.ARCHIVED)):
        entry.status = status
        entry.save()
    assert client.get(platform.get_absolute_url()).status_code == 404
    assert client.get(cluster.get_absolute_url()).status_code == 404
    pages = [
        client.get("/en/platforms/?region=19").text,
        client.get("/en/").text,
        client.get("/en/regions/lappi/").text,
        client.get("/en/clusters/").text,
        client.get("/en/priorities/ict-digitalisation/").text,
        every_sitemap(client),
    ]
    for html in pages:
        assert "lapland-proving-ground" not in html
        assert "/clusters/arctic-smartness/" not in html


def test_sitemap_lists_every_language_with_alternates(client):
    xml = every_sitemap(client)
    for language in LANGUAGES:
        assert f"/{language}/platforms/fmi-arctic-space-centre/" in xml
    assert 'hreflang="x-default"' in xml
    assert xml.count("<url>") >= 3 * (42 + 12 + 7)


def test_robots_txt_points_to_the_sitemap(client, settings):
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text
    assert f"Sitemap: {settings.PUBLIC_URL}/sitemap.xml" in text


def test_detail_pages_carry_schema_org_json_ld(client):
    html = client.get("/en/platforms/fmi-arctic-space-centre/").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(block)
    assert data["@type"] == "Place"
    assert data["name"] == "FMI Arctic Space Centre (FMI-ARC) and National Satellite Data Centre"
    assert data["containedInPlace"]["name"] == "Lapland"
    assert data["geo"]["latitude"] > 60


def test_not_found_page_is_translated(client):
    response = client.get("/sv/platforms/no-such-platform/")
    assert response.status_code == 404
    assert '<html lang="sv">' in response.text
    assert MENU_WORD["sv"] in response.text


def test_region_boundaries_are_geojson_with_three_names(client):
    data = client.get("/map/regions.geojson").json()
    assert len(data["features"]) == 7
    names = {f["properties"]["code"]: f["properties"] for f in data["features"]}
    assert names["12"]["name_sv"] == "Norra Karelen"


def test_static_pages_show_the_project_facts(client):
    about = client.get("/fi/about/").text
    assert "499&nbsp;620 euroa" in about and "399&nbsp;696 euroa" in about
    assert "8.5.2019–31.12.2021" in about
    assert "Vety" in about  # the hydrogen pilot, from the database
    english = client.get("/en/about/").text
    assert "€499,620" in english
    assert "Lapin liitto" in client.get("/fi/privacy/").text


def test_server_error_page_is_translated_and_plain(rf):
    from django.views.defaults import server_error

    with translation.override("sv"):
        response = server_error(rf.get("/sv/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Traceback" not in html
    assert "/sv/" in html


def test_region_and_organisation_pages_show_the_first_platforms_and_their_number(
    client, monkeypatch
):
    monkeypatch.setattr("elmo.views.LIST_LIMIT", 2)
    html = client.get("/en/regions/lappi/").text
    lapland = InnovationPlatform.objects.published().in_regions("19").count()
    assert f"{lapland} platforms" in html
    assert html.count('class="card__title"') <= 2 + Cluster.objects.published().count()
    organisation = (
        Organisation.objects.filter(platforms__isnull=False)
        .annotate(n=Count("platforms"))
        .filter(n__gt=2)
        .first()
    )
    if organisation is not None:
        page = client.get(organisation.get_absolute_url().replace("/fi/", "/en/")).text
        assert f"The first 2 of {organisation.n} platforms." in page


def test_ping_answers_a_small_json_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.json() == {"pong": True}
    assert "no-cache" in response.headers["Cache-Control"]
