"""Deleting a thing that entries still use is refused; nothing cascades over other entries."""

import pytest
from django.db.models import ProtectedError

from clusters.models import Cluster
from platforms.models import InnovationPlatform
from tests.factories import (
    ClusterFactory,
    EcosystemFactory,
    OrganisationFactory,
    PilotFactory,
    PlatformFactory,
    PriorityFactory,
    RegionFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def refuses_delete(obj):
    with pytest.raises(ProtectedError):
        obj.delete()
    obj.refresh_from_db()  # still there


def test_region_in_use_as_primary_region_cannot_be_deleted():
    platform = PlatformFactory()
    refuses_delete(platform.region)


def test_region_in_use_as_other_region_cannot_be_deleted():
    other = RegionFactory(code="77")
    platform = PlatformFactory()
    platform.other_regions.add(other)
    refuses_delete(other)
    assert list(platform.other_regions.all()) == [other]


def test_organisation_hosting_a_platform_cannot_be_deleted():
    organisation = OrganisationFactory()
    PlatformFactory().hosts.add(organisation)
    refuses_delete(organisation)


def test_organisation_coordinating_a_cluster_cannot_be_deleted():
    organisation = OrganisationFactory()
    ClusterFactory(coordinator=organisation)
    refuses_delete(organisation)


def test_priority_and_its_strategy_in_use_cannot_be_deleted():
    priority = PriorityFactory()
    PlatformFactory().priorities.add(priority)
    refuses_delete(priority)
    refuses_delete(priority.strategy)


def test_service_in_use_cannot_be_deleted():
    service = ServiceFactory()
    PlatformFactory().services.add(service)
    refuses_delete(service)


def test_platform_that_is_a_cluster_member_cannot_be_deleted():
    platform = PlatformFactory()
    ClusterFactory().members.add(platform)
    refuses_delete(platform)


def test_ecosystem_and_pilot_in_use_cannot_be_deleted():
    ecosystem, pilot = EcosystemFactory(), PilotFactory()
    cluster = ClusterFactory()
    cluster.ecosystems.add(ecosystem)
    cluster.pilots.add(pilot)
    refuses_delete(ecosystem)
    refuses_delete(pilot)


def test_deleting_an_unused_organisation_works():
    organisation = OrganisationFactory()
    organisation.delete()
    assert not type(organisation).objects.filter(pk=organisation.pk).exists()


def test_deleting_a_platform_removes_only_its_own_links():
    organisation, priority = OrganisationFactory(), PriorityFactory()
    platform, neighbour = PlatformFactory(), PlatformFactory()
    for p in (platform, neighbour):
        p.hosts.add(organisation)
        p.priorities.add(priority)
    platform.delete()
    assert not InnovationPlatform.objects.filter(pk=platform.pk).exists()
    assert list(neighbour.hosts.all()) == [organisation]
    assert list(neighbour.priorities.all()) == [priority]


def test_deleting_a_cluster_keeps_its_member_platforms():
    platform = PlatformFactory()
    cluster = ClusterFactory()
    cluster.members.add(platform)
    cluster.delete()
    assert not Cluster.objects.filter(pk=cluster.pk).exists()
    platform.refresh_from_db()
