"""/healthz says the process answers; /readyz says whether the database and the cache do."""

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

from elmo.faults import database_outage
from elmo.health import cache_outage
from tests.site.helpers import every_sitemap

BROKEN_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(autouse=True)
def fresh_outage_logs():
    database_outage.reset()
    cache_outage.reset()
    yield
    database_outage.reset()
    cache_outage.reset()


def assert_plain_and_uncached(response):
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert not response.has_header("Vary")
    assert not response.has_header("Content-Language")


# No database fixture: any query would fail the test. The cache is one that stores nothing.
@override_settings(CACHES=BROKEN_CACHE)
def test_healthz_needs_neither_database_nor_cache(client):
    client.cookies["sessionid"] = "a" * 32  # a signed-in browser must not make it read a session
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_plain_and_uncached(response)
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_health_answers_a_probe_by_ip_address(client):
    # Load balancers probe the backend by its address, which ALLOWED_HOSTS need not list.
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/fi/about/", HTTP_HOST="10.0.0.7").status_code == 400


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert_plain_and_uncached(response)


@pytest.mark.django_db
@override_settings(CACHES=BROKEN_CACHE)
def test_readyz_names_a_cache_that_does_not_answer(client, caplog):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert [r.getMessage() for r in caplog.records if r.name == "elmo.faults"] == [
        "Cache unavailable (GET /readyz): LookupError: a value just stored was not returned"
    ]


@pytest.mark.django_db
def test_readyz_names_a_database_that_does_not_answer(client, caplog):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    assert not [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_health_addresses_are_not_in_the_sitemap(client):
    sitemap = every_sitemap(client)
    assert "/fi/about/" in sitemap
    assert "healthz" not in sitemap and "readyz" not in sitemap
