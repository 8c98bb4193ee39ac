"""The cluster list's filters read as the platform search's: names, and counts in brackets that
are the numbers of clusters choosing a value would give."""

import re

import pytest
from django.utils import translation

from clusters.models import Cluster
from priorities.models import Region

pytestmark = pytest.mark.django_db


def region_labels(html):
    return dict(
        re.findall(r'id="f-region-(\d+)"[^>]*>\s*<label[^>]*>([^<]*?) <span class="count">', html)
    )


def region_counts(html):
    return {
        code: int(n)
        for code, n in re.findall(
            r'id="f-region-(\d+)"[^>]*>\s*<label[^>]*>[^<]*<span class="count">\((\d+)\)', html
        )
    }


def result_count(html):
    return int(re.search(r'<h2 id="results-heading">(\d+)', html).group(1))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_regions_show_names_and_counts_of_clusters(client, lang):
    html = client.get(f"/{lang}/clusters/").text
    with translation.override(lang):
        assert region_labels(html)["18"] == Region.objects.get(code="18").name
    assert "(18)" not in html.split('id="f-region-18"')[1].split("</li>")[0].replace("(0)", "")
    counts = region_counts(html)
    for code, count in counts.items():
        assert count == Cluster.objects.published().in_regions(code).count()
        assert count == result_count(client.get(f"/{lang}/clusters/?region={code}").text)


def test_counts_follow_the_other_filters(client):
    html = client.get("/en/clusters/?q=health").text
    counts = region_counts(html)
    for code, count in counts.items():
        assert count == result_count(client.get(f"/en/clusters/?q=health&region={code}").text)
    assert sum(counts.values()) >= 1
