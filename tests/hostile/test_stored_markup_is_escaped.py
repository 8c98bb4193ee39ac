"""Markup saved through the API as an entry's texts is shown as text on every page that shows
the entry, in the admin, in search snippets and in the exports."""

import json

import pytest

from .corpus import HTML_FRAGMENTS, MARKERS, XSS, XSS_ATTR, XSS_CLOSE, XSS_SVG

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "slug": "markup-organisation",
    "name": {"fi": XSS_ATTR + " alertorganisaatio", "sv": XSS, "en": XSS_SVG},
    "kind": "company",
    "website": "https://example.org/",
    "region": "19",
}
PLATFORM = {
    "slug": "markup-platform",
    "name": {"fi": XSS + " alertalusta", "sv": XSS_ATTR, "en": XSS_SVG},
    "summary": {"fi": XSS_CLOSE + " akku alertalusta " + XSS_ATTR, "sv": XSS, "en": XSS},
    "description": {"fi": XSS_CLOSE, "sv": XSS_SVG},
    "keywords": {"fi": XSS_ATTR},
    "town": {"fi": XSS_ATTR, "sv": XSS},
    "equipment": {"fi": XSS},
    "access_terms": {"fi": XSS_SVG},
    "contact_role": {"fi": XSS},
    "contact_name": XSS_ATTR[:150],
    "platform_type": "laboratory",
    "region": "19",
    "priorities": ["clean-tech"],
    "hosts": ["markup-organisation"],
    "latitude": 66.5,
    "longitude": 25.7,
    "status": "published",
}


@pytest.fixture
def stored(staff_api):
    for endpoint, body in (("organisations", ORGANISATION), ("platforms", PLATFORM)):
        response = staff_api.post(f"/api/v1/{endpoint}/", body, format="json")
        assert response.status_code == 201, response.json()


def assert_no_live_markup(response, shown=b"alert("):
    assert response.status_code == 200
    content = response.getvalue()  # exports are streamed
    assert shown in content, "the stored entry is not on the page"
    for marker in MARKERS:
        assert marker.encode() not in content, (response.request["PATH_INFO"], marker)
    if response["Content-Type"].startswith("text/html"):
        for fragment in HTML_FRAGMENTS:
            assert fragment.encode() not in content, fragment
    else:
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/fi/",
        "/sv/platforms/markup-platform/",
        "/en/platforms/markup-platform/",
        "/fi/platforms/?q=alertalusta",
        "/fi/platforms/?region=19&sort=updated",
        "/sv/regions/lappi/",
        "/fi/priorities/clean-tech/",
        "/en/organisations/markup-organisation/",
        "/sitemap-platforms.xml",
        "/sitemap-organisations.xml",
        "/api/v1/platforms/markup-platform/?include=hosts",
        "/api/v1/platforms/?q=alertalusta&format=csv",
        "/api/v1/platforms/?q=alertalusta&format=geojson&lang=sv",
        "/api/v1/search/autocomplete/?q=alertalu",
    ],
)
def test_stored_markup_is_shown_as_text(client, stored, path):
    page = client.get(path)
    assert_no_live_markup(page, b"markup-" if path.startswith("/sitemap") else b"alert(")
    if path.startswith(("/fi/platforms/?q", "/sv/platforms/markup")):
        assert "&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;" in page.text


def test_search_snippets_are_html_without_the_stored_markup(api, stored):
    hits = api.get("/api/v1/search/", {"q": "alertalusta akku", "lang": "fi"}).json()
    snippet = next(hit["snippet"] for hit in hits if hit["slug"] == "markup-platform")
    assert "<mark>alertalusta</mark>" in snippet
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")


def test_the_admin_shows_stored_markup_as_text(admin_client_fi, stored):
    for path in (
        "/admin/",
        "/admin/platforms/innovationplatform/?q=alertalusta",
        "/admin/platforms/organisation/?q=alertorganisaatio",
    ):
        assert_no_live_markup(admin_client_fi.get(path))
    platform_id = json.loads(admin_client_fi.get("/api/v1/platforms/markup-platform/").content)[
        "id"
    ]
    assert_no_live_markup(
        admin_client_fi.get(f"/admin/platforms/innovationplatform/{platform_id}/change/")
    )
