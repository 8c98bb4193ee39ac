"""The search's map holds every match, not only the page's; a platform's map shows its region."""

import json
import re

import pytest

from platforms.models import InnovationPlatform

pytestmark = pytest.mark.django_db


def map_data(html):
    return json.loads(
        re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html).group(1)
    )


def test_the_search_map_shows_every_match_with_its_list(client):
    html = client.get("/en/platforms/").text
    located = InnovationPlatform.objects.published().filter(latitude__isnull=False)
    assert len(re.findall(r'<h3 class="card__title">', html)) == 20
    places = map_data(html)
    assert len(places) == located.count() > 20
    listed = re.findall(r'<details class="map-list">.*?</details>', html, re.S)[0]
    assert len(re.findall(r"<li>", listed)) == len(places)
    assert f"Map of all {len(places)} places" in html


def test_a_platform_map_is_fitted_to_its_region_and_speaks_of_no_hidden_address(client):
    platform = (
        InnovationPlatform.objects.published()
        .filter(latitude__isnull=False, street_address="")
        .first()
    )
    html = client.get(f"/en/platforms/{platform.slug}/").text
    assert f'data-map-region="{platform.region.code}"' in html
    assert "street address" not in html
    assert f"The map shows where {platform.town or platform.region.name} lies in" in html
