"""The translated-text object is the same in and out: create, partial update, missing language."""

import pytest

from platforms.models import InnovationPlatform

pytestmark = pytest.mark.django_db

NEW_PLATFORM = {
    "slug": "talvitestirata",
    "name": {"fi": "Talvitestirata", "sv": "Vintertestbana", "en": "Winter test track"},
    "summary": {"fi": "Jäärata ajoneuvojen talvitestaukseen.", "sv": None},
    "platform_type": "testing_piloting",
    "region": "19",
    "priorities": ["clean-tech"],
    "services": ["testing"],
    "hosts": ["university-of-lapland"],
    "latitude": 67.95,
    "longitude": 23.68,
    "status": "published",
}


def test_create_then_read_back_the_same_objects(staff_api, api):
    created = staff_api.post("/api/v1/platforms/", NEW_PLATFORM, format="json")
    assert created.status_code == 201, created.json()
    read = api.get("/api/v1/platforms/talvitestirata/").json()
    assert read["name"] == NEW_PLATFORM["name"]
    # A language that was not given, or given as null, reads back as null.
    assert read["summary"] == {
        "fi": "Jäärata ajoneuvojen talvitestaukseen.",
        "sv": None,
        "en": None,
    }
    assert read["keywords"] == {"fi": None, "sv": None, "en": None}
    assert created.json()["name"] == read["name"]


def test_partial_update_changes_only_the_languages_given(staff_api, api):
    staff_api.post("/api/v1/platforms/", NEW_PLATFORM, format="json")
    response = staff_api.patch(
        "/api/v1/platforms/talvitestirata/", {"name": {"en": "Winter testing track"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert api.get("/api/v1/platforms/talvitestirata/").json()["name"] == {
        "fi": "Talvitestirata",
        "sv": "Vintertestbana",
        "en": "Winter testing track",
    }
    staff_api.patch("/api/v1/platforms/talvitestirata/", {"name": {"sv": None}}, format="json")
    name = api.get("/api/v1/platforms/talvitestirata/").json()["name"]
    assert name["sv"] is None
    # Read in Swedish, the missing text falls back to Finnish.
    flat = api.get("/api/v1/platforms/talvitestirata/?lang=sv").json()
    assert flat["name"] == "Talvitestirata"
    assert (
        api.get("/api/v1/platforms/talvitestirata/?lang=en").json()["name"]
        == "Winter testing track"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Talvitestirata", "Expected an object"),
        (["Talvitestirata"], "Expected an object"),
        ({"de": "Wintertestbahn"}, "Unknown language de"),
        ({"fi": 5}, "must be a string or null"),
        ({"fi": "x" * 201}, "longer than 200"),
        ({"sv": "Bara svenska"}, "The Finnish text (fi) is required."),
        ({"fi": None, "en": "Only English"}, "The Finnish text (fi) is required."),
    ],
)
def test_objects_that_cannot_be_texts_get_a_400_on_the_field(staff_api, value, message):
    response = staff_api.post(
        "/api/v1/platforms/",
        {**NEW_PLATFORM, "name": value},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["name"])
    assert not InnovationPlatform.objects.filter(slug="talvitestirata").exists()


def test_the_finnish_text_cannot_be_cleared(staff_api):
    staff_api.post("/api/v1/platforms/", NEW_PLATFORM, format="json")
    response = staff_api.patch(
        "/api/v1/platforms/talvitestirata/", {"name": {"fi": ""}}, format="json"
    )
    assert response.status_code == 400
    assert InnovationPlatform.objects.get(slug="talvitestirata").name_fi == "Talvitestirata"
