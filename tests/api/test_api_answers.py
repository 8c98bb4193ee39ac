"""What a partner notices in the API's answers: page addresses in the language asked for, null
for an empty text, English errors unless asked otherwise, one error shape, times with their
offset, and headers a browser may read."""

import pytest
from django.test import override_settings

from platforms.models import InnovationPlatform, Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_an_entry_url_points_at_the_page_in_the_language_asked_for(api, lang, settings):
    settings.PUBLIC_URL = "https://elmo.example.fi"
    detail = api.get("/api/v1/platforms/lumi-supercomputer/", {"lang": lang}).json()
    assert detail["url"] == f"https://elmo.example.fi/{lang}/platforms/lumi-supercomputer/"
    listed = api.get("/api/v1/clusters/", {"lang": lang, "page_size": 1}).json()["results"][0]
    assert listed["url"].startswith(f"https://elmo.example.fi/{lang}/clusters/")
    exported = api.get("/api/v1/platforms/", {"lang": lang, "format": "geojson"})
    first = b"".join(exported.streaming_content).decode()
    assert f"https://elmo.example.fi/{lang}/platforms/" in first
    assert f"/{'sv' if lang != 'sv' else 'en'}/platforms/" not in first


def test_without_lang_the_url_follows_accept_language_else_finnish(api):
    path = "/api/v1/platforms/lumi-supercomputer/"
    assert "/fi/platforms/" in api.get(path).json()["url"]
    assert "/sv/platforms/" in api.get(path, HTTP_ACCEPT_LANGUAGE="sv").json()["url"]


def test_an_empty_text_is_null_in_lists_details_and_exports(api):
    InnovationPlatform.objects.filter(slug="lumi-supercomputer").update(
        contact_name="", contact_phone="", description_sv=""
    )
    detail = api.get("/api/v1/platforms/lumi-supercomputer/").json()
    assert detail["contact_name"] is None and detail["contact_phone"] is None
    assert detail["description"]["sv"] is None
    listed = api.get("/api/v1/platforms/", {"page_size": 200}).json()["results"]
    assert "" not in [value for entry in listed for value in entry.values()]
    organisation = Organisation.objects.filter(business_id="").first()
    if organisation:
        assert api.get(f"/api/v1/organisations/{organisation.slug}/").json()["business_id"] is None


def test_errors_are_english_unless_accept_language_asks(api):
    english = api.get("/api/v1/platforms/", {"lang": "de"}).json()
    assert english == {"detail": "Invalid input.", "lang": ["Choose fi, sv or en."]}
    swedish = api.get("/api/v1/platforms/", {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="sv").json()
    assert swedish["lang"] != english["lang"]
    missing = api.get("/api/v1/platforms/no-such-platform/")
    assert missing.status_code == 404 and set(missing.json()) == {"detail"}


@pytest.mark.parametrize("value", ["", "xml"])
def test_an_empty_or_unknown_format_or_lang_is_a_400(api, value):
    for name in ("format", "lang"):
        answer = api.get("/api/v1/platforms/", {name: value})
        assert answer.status_code == 400
        assert name in answer.json()


def test_modified_after_needs_a_time_zone_offset(api):
    answer = api.get("/api/v1/platforms/", {"modified_after": "2026-01-31T12:00:00"})
    assert answer.status_code == 400
    assert "offset" in answer.json()["modified_after"][0]
    for value in ("2026-01-31T12:00:00Z", "2026-01-31T14:00:00+02:00", "0001-01-01T00:00:00Z"):
        assert api.get("/api/v1/platforms/", {"modified_after": value}).status_code == 200
    withdrawn = api.get("/api/v1/platforms/withdrawn/", {"modified_after": "2026-01-31"})
    assert withdrawn.status_code == 400


def test_a_too_long_address_is_a_json_414(api):
    answer = api.get("/api/v1/platforms/", {"q": "x" * 5000})
    assert answer.status_code == 414
    assert answer["Content-Type"] == "application/json"
    assert set(answer.json()) == {"detail"}


@override_settings(CORS_ALLOW_ALL_ORIGINS=True)
def test_a_browser_may_read_the_caching_headers(api):
    answer = api.get("/api/v1/platforms/lumi-supercomputer/", HTTP_ORIGIN="https://partner.fi")
    exposed = {h.strip().lower() for h in answer["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "retry-after", "x-request-id"} <= exposed
    preflight = api.options(
        "/api/v1/platforms/",
        HTTP_ORIGIN="https://partner.fi",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"].lower()


def test_details_with_a_time_of_change_send_last_modified(api):
    for path in (
        "/api/v1/platforms/lumi-supercomputer/",
        "/api/v1/clusters/ouluhealth/",
        "/api/v1/organisations/university-of-oulu/",
    ):
        assert api.get(path).has_header("Last-Modified"), path


def test_priorities_filter_by_strategy_and_ecosystems_are_listed(api):
    priorities = api.get("/api/v1/priorities/", {"strategy": "ip-area-2024"}).json()
    assert priorities["count"] > 0
    assert all(p["strategy"] == "ip-area-2024" for p in priorities["results"])
    assert api.get("/api/v1/priorities/", {"strategy": "no-such"}).status_code == 400
    ecosystems = api.get("/api/v1/ecosystems/").json()
    assert ecosystems["count"] == 14
    assert api.get("/api/v1/ecosystems/digital/").json()["slug"] == "digital"
