"""Every list endpoint's query count is the same with 5 and with 50 entries, with and
without ``include``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entries.models import Status
from tests.factories import (
    ClusterFactory,
    EcosystemFactory,
    OrganisationFactory,
    PilotFactory,
    PlatformFactory,
    PriorityFactory,
    RegionFactory,
    ServiceFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

ALL_PLATFORM_INCLUDES = "hosts,regions,priorities,services,clusters,pilots"
ALL_CLUSTER_INCLUDES = "coordinator,partners,members,regions,priorities,ecosystems,pilots"
LISTS = [
    "/api/v1/regions/",
    "/api/v1/strategies/",
    "/api/v1/priorities/",
    "/api/v1/organisations/",
    "/api/v1/services/",
    "/api/v1/platforms/",
    f"/api/v1/platforms/?include={ALL_PLATFORM_INCLUDES}",
    f"/api/v1/platforms/?include={ALL_PLATFORM_INCLUDES}&lang=sv&region=88",
    "/api/v1/platforms/?format=csv",
    "/api/v1/platforms/?format=geojson",
    f"/api/v1/platforms/?format=geojson&include={ALL_PLATFORM_INCLUDES}&lang=sv",
    "/api/v1/platforms/withdrawn/",
    "/api/v1/clusters/",
    f"/api/v1/clusters/?include={ALL_CLUSTER_INCLUDES}",
    "/api/v1/clusters/?format=csv",
    f"/api/v1/clusters/?format=csv&include={ALL_CLUSTER_INCLUDES}",
    "/api/v1/pilots/",
]


def add_entries(count):
    """``count`` of everything, every entry linked, so every list and embedding grows."""
    region = RegionFactory(code="88")
    strategy = StrategyFactory()
    ecosystem = EcosystemFactory()
    for _ in range(count):
        organisation = OrganisationFactory(region=region)
        priority = PriorityFactory(strategy=strategy)
        service = ServiceFactory()
        pilot = PilotFactory()
        platform = PlatformFactory(region=region)
        platform.hosts.add(organisation)
        platform.priorities.add(priority)
        platform.services.add(service)
        platform.other_regions.add(RegionFactory(code="89"))
        pilot.platforms.add(platform)
        withdrawn = PlatformFactory(region=region, status=Status.PUBLISHED)
        withdrawn.status = "archived"
        withdrawn.save()
        cluster = ClusterFactory(region=region, coordinator=organisation)
        cluster.partners.add(organisation)
        cluster.members.add(platform)
        cluster.priorities.add(priority)
        cluster.ecosystems.add(ecosystem)
        cluster.pilots.add(pilot)


def count_queries(api, url):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, {"page_size": 200} if "format=" not in url else {})
        content = response.getvalue()  # an export queries while it is streamed
    assert response.status_code == 200, (url, content[:300])
    return len(captured)


def test_list_query_counts_do_not_grow(api):
    add_entries(5)
    with_5 = {url: count_queries(api, url) for url in LISTS}
    add_entries(45)
    with_50 = {url: count_queries(api, url) for url in LISTS}
    assert with_50 == with_5
