"""The organisation list of the API filters by region, as the platform and cluster lists do."""

import pytest

from platforms.models import Organisation

pytestmark = pytest.mark.django_db


def slugs(api, **query):
    data = api.get("/api/v1/organisations/", {**query, "page_size": 200}).json()
    return {entry["slug"] for entry in data["results"]}


@pytest.mark.parametrize("region", ["19", "lappi"])
def test_organisations_of_a_region_by_code_or_slug(api, region):
    lapland = set(Organisation.objects.filter(region__code="19").values_list("slug", flat=True))
    assert lapland
    assert slugs(api, region=region) == lapland


def test_organisations_of_several_regions(api):
    expected = Organisation.objects.filter(region__code__in=["19", "18"])
    assert slugs(api, region="19,18") == set(expected.values_list("slug", flat=True))


def test_an_unknown_region_is_a_400(api):
    response = api.get("/api/v1/organisations/", {"region": "99"})
    assert response.status_code == 400 and "region" in response.json()
