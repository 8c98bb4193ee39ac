"""The sitemap: an index of sitemaps by section and page, each page bounded and cheap, cached
until the content changes; only published entries and the organisations that show them."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import Cluster
from elmo import sitemaps
from elmo.i18n import LANGUAGES
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation
from tests.factories import ClusterFactory, OrganisationFactory, PlatformFactory

from .helpers import every_sitemap, sitemap_locations

pytestmark = pytest.mark.django_db

SECTIONS = ("pages", "platforms", "clusters", "regions", "priorities", "organisations")


def test_the_index_lists_a_sitemap_per_section(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.text
    assert sitemap_locations(index.text) == [f"/sitemap-{section}.xml" for section in SECTIONS]
    for section in SECTIONS:
        page = client.get(f"/sitemap-{section}.xml")
        assert page.status_code == 200 and "<urlset" in page.text
        assert page["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_pages_hold_a_bounded_number_of_entries(client, monkeypatch):
    monkeypatch.setattr(sitemaps.I18nSitemap, "entries_per_page", 10)
    published = InnovationPlatform.objects.published().count()
    pages = -(-published // 10)
    locations = sitemap_locations(client.get("/sitemap.xml").text)
    expected = ["/sitemap-platforms.xml"] + [
        f"/sitemap-platforms.xml?p={n}" for n in range(2, pages + 1)
    ]
    assert [loc for loc in locations if "platforms" in loc] == expected
    seen = []
    for location in expected:
        text = client.get(location).text
        assert text.count("<url>") <= 10 * 3  # ten entries, each in three languages
        seen += [loc for loc in sitemap_locations(text) if loc.startswith("/fi/platforms/")]
    assert len(seen) == len(set(seen)) == published
    assert client.get(f"/sitemap-platforms.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-platforms.xml?p=x").status_code == 404


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


PATHS = ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SECTIONS)]


def test_a_page_costs_the_same_number_of_queries_whatever_the_entries(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    before = {path: queries(client, path) for path in PATHS}
    organisation = OrganisationFactory()
    for _ in range(30):
        PlatformFactory(status=Status.PUBLISHED).hosts.add(organisation)
        ClusterFactory(status=Status.PUBLISHED, coordinator=organisation)
    assert {path: queries(client, path) for path in PATHS} == before
    assert max(before.values()) <= 10


def test_answers_are_cached_until_the_content_changes(client):
    first = client.get("/sitemap-platforms.xml").text
    assert queries(client, "/sitemap-platforms.xml") == 0  # the content token is cached too
    cached = client.get("/sitemap-platforms.xml")
    assert cached.text == first and cached["X-Robots-Tag"] == "noindex, noodp, noarchive"
    platform = PlatformFactory(status=Status.PUBLISHED, slug="brand-new-platform")
    assert f"/fi/platforms/{platform.slug}/" in client.get("/sitemap-platforms.xml").text


def test_organisations_are_listed_when_their_page_shows_a_published_entry(client):
    host_of_draft = OrganisationFactory(slug="hosts-only-a-draft")
    PlatformFactory(status=Status.DRAFT).hosts.add(host_of_draft)
    host = OrganisationFactory(slug="hosts-a-platform")
    PlatformFactory(status=Status.PUBLISHED).hosts.add(host)
    coordinator = OrganisationFactory(slug="coordinates-a-cluster")
    ClusterFactory(status=Status.PUBLISHED, coordinator=coordinator)
    partner = OrganisationFactory(slug="partner-of-a-cluster")
    ClusterFactory(status=Status.PUBLISHED).partners.add(partner)
    draft_partner = OrganisationFactory(slug="partner-of-a-draft")
    ClusterFactory(status=Status.DRAFT).partners.add(draft_partner)

    text = client.get("/sitemap-organisations.xml").text
    listed = {loc.split("/")[3] for loc in sitemap_locations(text) if loc.startswith("/fi/")}
    assert {"hosts-a-platform", "coordinates-a-cluster", "partner-of-a-cluster"} <= listed
    assert not {"hosts-only-a-draft", "partner-of-a-draft"} & listed
    assert listed == set(Organisation.objects.public().values_list("slug", flat=True))


def test_every_page_is_listed_in_every_language_with_alternates(client):
    text = every_sitemap(client)
    for platform in InnovationPlatform.objects.published():
        for language in LANGUAGES:
            assert f"/{language}/platforms/{platform.slug}/" in text
    for cluster in Cluster.objects.published():
        assert f'hreflang="sv" href="{settings.PUBLIC_URL}/sv/clusters/{cluster.slug}/"' in text
    assert 'hreflang="x-default"' in text
