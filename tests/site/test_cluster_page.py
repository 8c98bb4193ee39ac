"""A cluster's page: its labels in the singular or the plural as the facts are one or many, and
the facts beside the description, using the page's width."""

import re

import pytest

from clusters.models import Cluster

pytestmark = pytest.mark.django_db


def labels(html):
    return re.findall(r"<dt>(.*?)</dt>", html) + re.findall(r'<h2 id="h-\w+">(.*?)</h2>', html)


def test_labels_are_singular_or_plural_as_the_facts_are(client):
    cluster = Cluster.objects.published().get(slug="kuopio-health")
    assert cluster.members.count() == 1 and cluster.ecosystems.count() == 1
    assert cluster.partners.count() > 1 and cluster.priorities.count() > 1
    html = client.get("/fi/clusters/kuopio-health/").text
    found = labels(html)
    assert {"Jäsenalusta", "EU:n teollisuusekosysteemi", "Maakunta"} <= set(found)
    assert {"Kumppaniorganisaatiot", "Painopisteet"} <= set(found)
    assert not [label for label in found if "/" in label or "(t)" in label]
    english = labels(client.get("/en/clusters/kuopio-health/").text)
    assert {"Member platform", "Partner organisations", "EU industrial ecosystem"} <= set(english)


def test_the_facts_are_beside_the_description(client):
    html = client.get("/en/clusters/kuopio-health/").text
    main, side = html.split('<aside class="detail-side"')
    assert 'id="h-facts"' in side and 'id="h-members"' in main
