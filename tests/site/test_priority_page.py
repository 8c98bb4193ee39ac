"""A priority's page: compact lists grouped by region in the site's alphabetical order of
regions, a region without platforms saying so."""

import re

import pytest
from django.utils import translation

from platforms.models import InnovationPlatform
from priorities.models import Priority, Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_platforms_are_grouped_by_region_in_alphabetical_order(client, lang):
    priority = Priority.objects.get(slug="clean-tech")
    html = client.get(f"/{lang}/priorities/clean-tech/").text
    platforms = html.split('id="h-platforms"')[1].split('id="h-clusters"')[0]
    headings = re.findall(r'<h3 id="h-p-(\d+)">', platforms)
    with translation.override(lang):
        assert headings == [region.code for region in Region.objects.all()]
    published = InnovationPlatform.objects.published().filter(priorities=priority)
    for region in Region.objects.all():
        part = platforms.split(f'id="h-p-{region.code}"')[1].split("</section>")[0]
        slugs = set(re.findall(r'href="/\w\w/platforms/([\w-]+)/"', part))
        assert slugs == {p.slug for p in published if p.region_id == region.pk}
        if not slugs:
            assert (
                "has this priority yet" in part or "tämän painopisteen" in part or "denna" in part
            )
    # A compact list, not full cards.
    assert 'class="card"' not in platforms


def test_a_region_without_platforms_says_so(client):
    priority = Priority.objects.get(slug="sustainable-service-production")
    empty = [
        region
        for region in Region.objects.all()
        if not InnovationPlatform.objects.published().filter(priorities=priority, region=region)
    ]
    assert empty, "the real data have regions without such platforms"
    html = client.get(f"/en/priorities/{priority.slug}/").text
    for region in empty:
        assert f"No published platform of {region.name} has this priority yet." in html
