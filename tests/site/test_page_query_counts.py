"""The number of SQL queries of every page does not grow with the number of entries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    PlatformFactory,
    PriorityFactory,
    RegionFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/fi/",
    "/fi/platforms/",
    "/fi/platforms/?q=testi&region=88&priority=qc-priority&service=qc-service&type=laboratory"
    "&host_kind=university&sort=relevance",
    "/sv/platforms/?region=88&sort=updated",
    # Only some of the words in the region: results apart, and the count of the rest of the area.
    "/en/platforms/?q=testilaboratorio+zzyzx&region=88",
    "/fi/platforms/qc-platform/",
    "/fi/clusters/",
    "/fi/clusters/?region=88&priority=qc-priority",
    "/fi/clusters/qc-cluster/",
    "/fi/regions/qc-region/",
    "/fi/priorities/qc-priority/",
    "/fi/organisations/qc-organisation/",
    "/fi/about/",
    "/fi/accessibility/",
    "/sitemap.xml",
    "/sitemap-platforms.xml",
    "/sitemap-clusters.xml",
    "/sitemap-organisations.xml",
]


def add_entries(count, region, priority, service, organisation):
    """``count`` platforms and clusters, all linked, so every list on every page grows."""
    for _ in range(count):
        platform = PlatformFactory(region=region, name_fi="Testilaboratorio")
        platform.priorities.add(priority)
        platform.services.add(service)
        platform.hosts.add(organisation)
        platform.other_regions.add(RegionFactory(code="89"))
        cluster = ClusterFactory(region=region, name_fi="Testiklusteri", coordinator=organisation)
        cluster.priorities.add(priority)
        cluster.members.add(platform)
        cluster.partners.add(organisation)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_query_counts_are_the_same_with_5_and_50_entries(client):
    region = RegionFactory(code="88", slug="qc-region")
    priority = PriorityFactory(slug="qc-priority")
    service = ServiceFactory(slug="qc-service")
    organisation = OrganisationFactory(slug="qc-organisation", kind="university")
    PlatformFactory(slug="qc-platform", region=region).priorities.add(priority)
    ClusterFactory(slug="qc-cluster", region=region).members.add(PlatformFactory(region=region))
    add_entries(5, region, priority, service, organisation)
    for url in PAGES:  # once unmeasured: lookups done once per process (the search's index kind)
        client.get(url)
    cache.clear()  # measured without the cache of public answers
    with_5 = {url: queries(client, url) for url in PAGES}
    add_entries(45, region, priority, service, organisation)
    cache.clear()
    with_50 = {url: queries(client, url) for url in PAGES}
    assert with_50 == with_5
