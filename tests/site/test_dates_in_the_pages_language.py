"""Dates in the page's language: an English page does not say "4.12.2026"."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/{lang}/", "/{lang}/platforms/lumi-supercomputer/", "/{lang}/clusters/kuopio-health/"]


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_write_dates_in_english(client, path):
    html = client.get(path.format(lang="en")).text
    assert not re.search(r"\b\d{1,2}\.\d{1,2}\.20\d\d\b", html)
    assert re.search(
        r"\b(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, 20\d\d", html
    )


def test_finnish_pages_write_dates_in_finnish(client):
    html = client.get("/fi/clusters/kuopio-health/").text
    assert re.search(r"\b\d{1,2}\. \w+kuuta 20\d\d\b", html)
