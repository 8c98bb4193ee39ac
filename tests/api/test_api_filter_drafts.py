"""A filter naming a platform or cluster accepts only the entries the reader's list shows: an
anonymous reader gets for a draft's slug exactly the answer of an unknown slug; staff, who see
drafts in the list, may filter by them."""

import pytest
from django.db.models import Count

from clusters.models import Cluster
from entries.models import Status

pytestmark = pytest.mark.django_db


def cluster_with_members():
    """A published cluster with at least two member platforms."""
    clusters = Cluster.objects.published().annotate(n=Count("members")).filter(n__gte=2)
    return clusters.order_by("pk").first()


@pytest.fixture
def draft_member():
    """A published cluster with a member platform that is a draft."""
    cluster = cluster_with_members()
    platform = cluster.members.order_by("pk").first()
    platform.status = Status.DRAFT
    platform.save()
    return cluster, platform


@pytest.fixture
def draft_cluster():
    """A draft cluster with a published member platform."""
    cluster = cluster_with_members()
    cluster.status = Status.DRAFT
    cluster.save()
    return cluster, cluster.members.published().order_by("pk").first()


def answer(client, path, parameter, slug):
    """Status and body of a filtered list, the slug replaced so that answers can be compared."""
    response = client.get(path, {parameter: slug})
    return response.status_code, response.content.decode().replace(slug, "SLUG")


@pytest.mark.parametrize(
    ("path", "parameter", "entries"),
    [
        ("/api/v1/clusters/", "platform", "draft_member"),
        ("/api/v1/platforms/", "cluster", "draft_cluster"),
    ],
)
def test_a_draft_slug_answers_as_an_unknown_one_for_anonymous_readers(
    api, request, path, parameter, entries
):
    cluster, platform = request.getfixturevalue(entries)
    draft = platform if parameter == "platform" else cluster
    unknown = answer(api, path, parameter, "no-such-entry")
    assert unknown[0] == 400
    assert answer(api, path, parameter, draft.slug) == unknown


def test_staff_filter_clusters_by_a_draft_member(staff_api, draft_member):
    cluster, platform = draft_member
    response = staff_api.get("/api/v1/clusters/", {"platform": platform.slug})
    assert response.status_code == 200
    assert cluster.slug in {entry["slug"] for entry in response.json()["results"]}


def test_staff_filter_platforms_by_a_draft_cluster(staff_api, draft_cluster):
    cluster, platform = draft_cluster
    response = staff_api.get("/api/v1/platforms/", {"cluster": cluster.slug})
    assert response.status_code == 200
    assert platform.slug in {entry["slug"] for entry in response.json()["results"]}


def test_published_slugs_still_filter_for_everyone(api, draft_member):
    cluster, _draft = draft_member
    member = cluster.members.published().order_by("pk").first()
    clusters = api.get("/api/v1/clusters/", {"platform": member.slug}).json()["results"]
    assert cluster.slug in {entry["slug"] for entry in clusters}
    platforms = api.get("/api/v1/platforms/", {"cluster": cluster.slug}).json()["results"]
    assert member.slug in {entry["slug"] for entry in platforms}
