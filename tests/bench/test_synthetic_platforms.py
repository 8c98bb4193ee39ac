"""The benchmark tools work: their synthetic platforms are indexed and found like real ones, on
both back ends, the search benchmark measures them and the rebuild benchmark rebuilds them."""

import pytest
from django.apps import apps
from django.db import connection

from bench import rebuild as rebuild_benchmark
from bench import search as search_benchmark
from bench.synthetic import generate
from platforms.models import InnovationPlatform
from search import order_by_relevance, search_entries
from search.document import TYPES
from search.models import SearchWord

pytestmark = pytest.mark.django_db


def test_generated_platforms_are_indexed_and_found():
    generate(platforms=30, batch=10)
    synthetic = InnovationPlatform.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 30
    for platform in synthetic[:5]:
        for name in (platform.name_fi, platform.name_sv, platform.name_en):
            results = search_entries(InnovationPlatform.objects.published(), name)
            found = order_by_relevance(results, "pk").values_list("slug", flat=True)
            assert platform.slug in list(found[:5]), name
    town = synthetic.first().town_fi.lower()
    assert SearchWord.objects.filter(word=town).exists()


def test_the_search_benchmark_measures_a_small_registry():
    generate(platforms=20)
    p50, p95, nonsense = search_benchmark.measure(20, repeat=1)
    assert 0 < p50 <= p95 and nonsense > 0
    assert search_benchmark.time_query("akku") > 0


def test_the_rebuild_benchmark_rebuilds_stale_documents():
    generate(platforms=20)
    rebuild_benchmark.make_stale()
    platform = InnovationPlatform.objects.filter(slug__startswith="synthetic-").first()
    assert not search_entries(InnovationPlatform.objects.all(), platform.name_fi).exists()
    documents, seconds, cpu, database_cpu = rebuild_benchmark.rebuild()
    assert documents == sum(apps.get_model(*model).objects.count() for model in TYPES.values())
    assert seconds > 0 and cpu > 0
    if connection.vendor == "postgresql":  # the server runs on this machine here
        assert database_cpu is not None and database_cpu >= 0
    found = search_entries(InnovationPlatform.objects.all(), platform.name_fi)
    assert platform.pk in set(found.values_list("pk", flat=True))
