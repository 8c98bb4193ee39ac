"""HTTP behaviour partners rely on: caching validators, CORS, gzip, throttling, exports,
filters, languages and the documentation."""

import csv
import io
import json

import pytest
from django.core.cache import cache

from clusters.models import Cluster
from platforms.models import InnovationPlatform

pytestmark = pytest.mark.django_db


def test_root_and_schema_state_the_licence_and_a_contact(api, settings):
    assert api.get("/api/v1/").json()["contact"] is None  # none configured: none invented
    settings.ELMO_CONTACT_EMAIL = "elmo@example.fi"
    root = api.get("/api/v1/").json()
    assert root["licence"]["name"] == "CC BY 4.0"
    assert root["contact"] == "elmo@example.fi"
    assert set(root["endpoints"]) == {
        "regions", "strategies", "priorities", "organisations", "services", "platforms",
        "clusters", "pilots", "ecosystems",
    }  # fmt: skip
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["info"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "url" in schema["info"]["contact"]
    responses = schema["paths"]["/api/v1/platforms/"]["post"]["responses"]
    assert {"400", "401", "403", "404", "429"} <= set(responses)


def test_documentation_is_served_from_static(api):
    page = api.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "https://" not in page.split("<body")[0]


def test_list_and_detail_by_slug_or_id(api, settings):
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    by_slug = api.get("/api/v1/platforms/lumi-supercomputer/").json()
    by_id = api.get(f"/api/v1/platforms/{lumi.pk}/").json()
    assert by_slug == by_id
    assert by_slug["url"] == f"{settings.PUBLIC_URL}/fi/platforms/lumi-supercomputer/"
    assert api.get("/api/v1/regions/kainuu/").json()["code"] == "18"
    assert api.get("/api/v1/platforms/no-such/").status_code == 404


def test_drafts_are_not_public(api):
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    lumi.status = "draft"
    lumi.save()
    assert api.get("/api/v1/platforms/lumi-supercomputer/").status_code == 404
    slugs = {p["slug"] for p in api.get("/api/v1/platforms/?page_size=200").json()["results"]}
    assert "lumi-supercomputer" not in slugs


def test_answers_to_staff_tokens_are_not_cached_for_anonymous_readers(api, staff_api):
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    lumi.status = "draft"
    lumi.save()
    for client, shown in ((staff_api, True), (api, False), (staff_api, True)):
        for path in ("/api/v1/platforms/?page_size=200", "/api/v1/platforms/lumi-supercomputer/"):
            response = client.get(path)
            assert (b'"lumi-supercomputer"' in response.content) is shown, (path, shown)


def test_etag_and_last_modified_give_304(api):
    first = api.get("/api/v1/platforms/lumi-supercomputer/")
    assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    again = api.get(
        "/api/v1/platforms/lumi-supercomputer/", HTTP_IF_NONE_MATCH=first.headers["ETag"]
    )
    assert again.status_code == 304
    since = api.get(
        "/api/v1/platforms/lumi-supercomputer/",
        HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"],
    )
    assert since.status_code == 304
    listed = api.get("/api/v1/platforms/")
    assert (
        api.get("/api/v1/platforms/", HTTP_IF_NONE_MATCH=listed.headers["ETag"]).status_code == 304
    )


def test_cors_is_open_for_reading_only(api):
    response = api.get("/api/v1/platforms/", HTTP_ORIGIN="https://council.example")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        "/api/v1/platforms/",
        HTTP_ORIGIN="https://council.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.headers.get("Access-Control-Allow-Methods", "")
    page = api.get("/fi/", HTTP_ORIGIN="https://council.example")
    assert "Access-Control-Allow-Origin" not in page.headers


def test_api_is_gzipped_pages_are_not(api):
    response = api.get("/api/v1/platforms/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.headers["Content-Encoding"] == "gzip"
    page = api.get("/fi/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in page.headers


def test_anonymous_clients_are_throttled_with_retry_after(api, settings):
    settings.API_ANON_RATE = "3/minute"
    cache.clear()
    statuses = [api.get("/api/v1/services/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    last = api.get("/api/v1/services/")
    assert int(last.headers["Retry-After"]) > 0
    cache.clear()


def test_csv_export_has_every_match_and_a_column_per_language(api):
    response = api.get("/api/v1/platforms/", {"format": "csv", "region": "19"})
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == InnovationPlatform.objects.published().in_regions("19").count()
    assert {"name_fi", "name_sv", "name_en", "summary_fi", "latitude"} <= set(rows[0])
    assert all(row["name_fi"] for row in rows)


def test_geojson_export_has_every_match_as_points(api):
    total = InnovationPlatform.objects.published().count()
    # page_size is ignored by exports: every match is in the file.
    data = json.loads(
        api.get("/api/v1/platforms/", {"format": "geojson", "page_size": 5}).getvalue()
    )
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == total > 5
    point = data["features"][0]["geometry"]
    assert point["type"] == "Point" and 19 < point["coordinates"][0] < 32
    clusters = json.loads(api.get("/api/v1/clusters/", {"format": "geojson"}).getvalue())
    assert len(clusters["features"]) == Cluster.objects.published().count()


def test_the_partner_question_lapland_and_kainuu_circular_economy_in_swedish(api):
    data = api.get(
        "/api/v1/clusters/", {"region": "lappi,18", "priority": "circular-economy", "lang": "sv"}
    ).json()
    assert data["count"] >= 1
    assert all(entry["region"] in ("19", "18") for entry in data["results"])
    assert data["results"][0]["name"].startswith("Klustret för arktisk industri")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "19,18"}, lambda p: p.region.code in ("19", "18")),
        ({"strategy": "elmo-2019-2023"}, lambda p: True),
        (
            {"organisation": "university-of-oulu"},
            lambda p: p.hosts.filter(slug="university-of-oulu").exists(),
        ),
        ({"town": "kajaani"}, lambda p: p.town_fi == "Kajaani"),
        ({"town": "Kajana"}, lambda p: p.town_fi == "Kajaani"),
        ({"bbox": "27,63.5,29,64.5"}, lambda p: 63.5 <= p.latitude <= 64.5),
        ({"q": "supertietokone"}, lambda p: True),
        ({"type": "laboratory", "service": "testing"}, lambda p: p.platform_type == "laboratory"),
    ],
)
def test_filters(api, query, expected):
    data = api.get("/api/v1/platforms/", {**query, "page_size": 200}).json()
    assert data["count"] > 0, query
    for entry in data["results"]:
        assert expected(InnovationPlatform.objects.get(slug=entry["slug"])), (query, entry["slug"])


def test_ordering(api):
    names = [
        p["slug"]
        for p in api.get("/api/v1/platforms/?ordering=-updated&page_size=200").json()["results"]
    ]
    platform = InnovationPlatform.objects.get(slug="sodankyla-geophysical-observatory")
    platform.save()
    assert (
        api.get("/api/v1/platforms/?ordering=-updated").json()["results"][0]["slug"]
        == platform.slug
    )
    assert len(names) == InnovationPlatform.objects.published().count()
