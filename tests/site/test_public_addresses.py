"""Absolute addresses come from PUBLIC_URL, never from the request: a Host header with another
port, or a path that looks like another site, changes no link — nor a cached answer."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import Cluster

pytestmark = pytest.mark.django_db

# ALLOWED_HOSTS checks the host name only, so any port of an allowed name gets through.
HOSTILE_HOST = "localhost:6666"
ANSWERS = [
    "/api/v1/",
    "/api/v1/platforms/?page_size=5&page=2",
    "/api/v1/platforms/lumi-supercomputer/",
    "/api/v1/clusters/",
    "/api/v1/search/?q=lumi",
    "/api/v1/search/autocomplete/?q=lum",
    "/en/",
    "/en/platforms/lumi-supercomputer/",
    "/en/regions/lappi/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("url", ANSWERS)
def test_a_hostile_host_port_shows_in_no_answer(client, settings, url):
    response = client.get(url, HTTP_HOST=HOSTILE_HOST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "6666" not in text
    assert settings.PUBLIC_URL in text


def test_the_cluster_page_links_to_the_public_address(client, settings):
    cluster = Cluster.objects.published().first()
    html = client.get(cluster.get_absolute_url(), HTTP_HOST=HOSTILE_HOST).text
    assert "6666" not in html
    assert f'"url": "{settings.PUBLIC_URL}{cluster.get_absolute_url()}"' in html


@pytest.mark.parametrize("url", ["/en/", "/api/v1/platforms/?page_size=5&page=2"])
def test_an_answer_cached_with_a_hostile_host_does_not_carry_it(client, url):
    client.get(url, HTTP_HOST=HOSTILE_HOST)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) == 0  # from the cache
    assert "6666" not in response.content.decode()


OFF_SITE_PATHS = ["//evil.example/x", "///evil.example/x", "/\\evil.example/x"]


@pytest.mark.parametrize("path", OFF_SITE_PATHS)
def test_no_page_links_off_site_from_its_path(client, settings, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    links = re.findall(r'href="([^"]*)"', response.text)
    assert links
    for link in links:
        on_site = link.startswith((settings.PUBLIC_URL + "/", "#")) or re.match(r"/[^/\\]", link)
        assert on_site or link == "https://creativecommons.org/licenses/by/4.0/", link
