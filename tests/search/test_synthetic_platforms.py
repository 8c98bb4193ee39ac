"""The benchmark's synthetic platforms are indexed and found like real ones, on both back ends."""

import os

import pytest
from django.core.management import call_command

from platforms.models import InnovationPlatform
from search import order_by_relevance, search_entries
from search.models import SearchWord

pytestmark = pytest.mark.django_db


def test_generated_platforms_are_indexed_and_found():
    with open(os.devnull, "w") as quiet:
        call_command("generate_synthetic", platforms=30, batch=10, stdout=quiet)
    synthetic = InnovationPlatform.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 30
    for platform in synthetic[:5]:
        for name in (platform.name_fi, platform.name_sv, platform.name_en):
            results = search_entries(InnovationPlatform.objects.published(), name)
            found = order_by_relevance(results, "pk").values_list("slug", flat=True)
            assert platform.slug in list(found[:5]), name
    town = synthetic.first().town_fi.lower()
    assert SearchWord.objects.filter(word=town).exists()
