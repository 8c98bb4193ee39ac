"""Writing needs a staff token with the model's rights; bad bodies are 4xx and write nothing."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from platforms.models import InnovationPlatform

from .test_translated_field_round_trip import NEW_PLATFORM

pytestmark = pytest.mark.django_db


def test_anonymous_writes_get_401(api):
    response = api.post("/api/v1/platforms/", NEW_PLATFORM, format="json")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert api.patch("/api/v1/platforms/lumi-supercomputer/", {}, format="json").status_code == 401


def test_a_user_without_rights_gets_403(django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-1234!x", is_staff=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = client.post("/api/v1/platforms/", NEW_PLATFORM, format="json")
    assert response.status_code == 403
    assert not InnovationPlatform.objects.filter(slug="talvitestirata").exists()


def test_non_staff_users_cannot_write_even_with_rights(django_user_model):
    user = django_user_model.objects.create_superuser("su", password="pw-1234!x")
    user.is_staff = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    assert client.post("/api/v1/platforms/", NEW_PLATFORM, format="json").status_code == 403


def test_there_is_no_delete(staff_api):
    response = staff_api.delete("/api/v1/platforms/lumi-supercomputer/")
    assert response.status_code == 405
    assert InnovationPlatform.objects.filter(slug="lumi-supercomputer").exists()


def test_update_of_links_is_saved_and_bumps_updated(staff_api):
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    before = platform.updated
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/",
        {"services": ["data-computing", "rd-partnership"]},
        format="json",
    )
    assert response.status_code == 200
    platform.refresh_from_db()
    assert sorted(platform.services.values_list("slug", flat=True)) == [
        "data-computing",
        "rd-partnership",
    ]
    assert platform.updated > before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"latitude": 52.5, "longitude": 13.4}, "latitude"),
        ({"latitude": 65.0, "longitude": None}, "longitude"),
        ({"latitude": "north"}, "latitude"),
        ({"region": "99"}, "region"),
        ({"priorities": ["no-such-priority"]}, "priorities"),
        ({"hosts": "university-of-oulu"}, "hosts"),
        ({"slug": "has space"}, "slug"),
        ({"platform_type": "spaceship"}, "platform_type"),
        ({"sources": ["not a url"]}, "sources"),
        ({"sources": "https://example.org"}, "sources"),
        ({"contact_email": "nobody"}, "contact_email"),
        ({"status": "deleted"}, "status"),
    ],
)
def test_invalid_bodies_get_a_400_per_field_and_write_nothing(staff_api, body, field):
    count = InnovationPlatform.objects.count()
    response = staff_api.post("/api/v1/platforms/", {**NEW_PLATFORM, **body}, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert InnovationPlatform.objects.count() == count


def test_a_slug_taken_already_is_a_conflict(staff_api):
    body = {**NEW_PLATFORM, "slug": "fmi-arctic-space-centre"}
    response = staff_api.post("/api/v1/platforms/", body, format="json")
    assert response.status_code == 409
    assert response.json()["slug"] and response.json()["detail"]


@pytest.mark.parametrize("text", ["Lumi\x0e", "Lumi\x1b[31m", "Lu\x85mi", "Lumi\x7f"])
def test_control_characters_are_refused_in_every_text(staff_api, text):
    for body, field in (
        ({"name": {"fi": text}}, "name"),
        ({"summary": {"fi": "Tiivistelmä", "en": text}}, "summary"),
        ({"contact_name": text}, "contact_name"),
    ):
        response = staff_api.patch("/api/v1/platforms/lumi-supercomputer/", body, format="json")
        assert response.status_code == 400, body
        assert field in response.json()
    response = staff_api.patch(
        "/api/v1/organisations/university-of-oulu/", {"name": {"fi": text}}, format="json"
    )
    assert response.status_code == 400
    # Tabs and line breaks are text.
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/",
        {"description": {"fi": "Rivi\n\trivi\r\n"}},
        format="json",
    )
    assert response.status_code == 200, response.json()


def test_an_unknown_field_is_refused_by_name(staff_api):
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/", {"nmae": {"fi": "Lumi"}}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()["nmae"][0]
    # What the API answered may be sent back as it is: read-only fields are ignored.
    current = staff_api.get("/api/v1/platforms/lumi-supercomputer/").json()
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/", {**current, "embedded": {}}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_an_invalid_link_in_an_update_leaves_the_entry_unchanged(staff_api):
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    services = sorted(platform.services.values_list("slug", flat=True))
    response = staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/",
        {"name": {"en": "Changed"}, "services": ["testing"], "latitude": 40.0},
        format="json",
    )
    assert response.status_code == 400
    platform.refresh_from_db()
    assert platform.name_en != "Changed"
    assert sorted(platform.services.values_list("slug", flat=True)) == services


def test_malformed_json_and_wrong_content_types_are_refused(staff_api):
    malformed = staff_api.generic(
        "POST", "/api/v1/platforms/", '{"slug": "x",', content_type="application/json"
    )
    assert malformed.status_code == 400
    assert "detail" in malformed.json()
    form = staff_api.post("/api/v1/platforms/", {"slug": "x"})  # multipart form data
    assert form.status_code == 415
    deep = "[" * 5000 + "]" * 5000
    nested = staff_api.generic("POST", "/api/v1/platforms/", deep, content_type="application/json")
    assert nested.status_code == 400


def test_clusters_are_written_with_their_links(staff_api, api):
    body = {
        "slug": "uusi-klusteri",
        "name": {"fi": "Uusi klusteri"},
        "summary": {"fi": "Testiklusteri."},
        "region": "18",
        "other_regions": ["17"],
        "coordinator": None,
        "members": ["lumi-supercomputer"],
        "ecosystems": ["digital"],
        "status": "published",
    }
    response = staff_api.post("/api/v1/clusters/", body, format="json")
    assert response.status_code == 201, response.json()
    read = api.get("/api/v1/clusters/uusi-klusteri/").json()
    assert read["members"] == ["lumi-supercomputer"]
    assert read["other_regions"] == ["17"]
