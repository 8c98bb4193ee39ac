"""Who reads enquiries: the recipients' regional officers and the coordinator in the admin,
nobody in the public API; and the open matching endpoint /api/v1/match/."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from accounts import roles
from enquiries.models import Enquiry, EnquiryTally
from outbox.models import Email
from priorities.models import Region

from .conftest import submitted

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the ranking is PostgreSQL's"
)


def enquiry_to(*slugs, company="Oy Testi Ab"):
    return submitted(*slugs, company_name=company)


def staff(django_user_model, name, group, regions=()):
    user = django_user_model.objects.create_user(name, f"{name}@example.fi", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    user.regions.set(regions)
    return user


def test_officers_see_the_enquiries_of_their_regions_only(client, django_user_model, superuser):
    kainuu = enquiry_to("lumi-supercomputer", company="Kainuuseen Oy")
    both = enquiry_to("lumi-supercomputer", "lapland-proving-ground", company="Molempiin Oy")
    lapland = enquiry_to("lapland-proving-ground", company="Lappiin Oy")
    kainuu_region = Region.objects.filter(code="18")
    officer = staff(django_user_model, "kainuu-officer", roles.OFFICER, regions=kainuu_region)
    editor = staff(django_user_model, "editor", roles.EDITOR)
    assert set(Enquiry.objects.visible_to(officer)) == {kainuu, both}
    assert set(Enquiry.objects.visible_to(superuser)) == {kainuu, both, lapland}
    assert not Enquiry.objects.visible_to(editor).exists()

    changelist = reverse("admin:enquiries_enquiry_changelist")
    client.force_login(officer)
    page = client.get(changelist)
    assert page.status_code == 200
    assert "Kainuuseen Oy" in page.text and "Molempiin Oy" in page.text
    assert "Lappiin Oy" not in page.text
    hidden = reverse("admin:enquiries_enquiry_change", args=[lapland.pk])
    assert client.get(hidden).status_code == 302  # Django: "does not exist", to the index
    delete = reverse("admin:enquiries_enquiry_delete", args=[kainuu.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.force_login(editor)
    assert client.get(changelist).status_code == 403
    client.force_login(superuser)
    assert "Lappiin Oy" in client.get(changelist).text


def test_the_coordinator_deletes_through_the_same_service(client, superuser):
    enquiry = enquiry_to("lumi-supercomputer")
    client.force_login(superuser)
    url = reverse("admin:enquiries_enquiry_delete", args=[enquiry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Enquiry.objects.exists()
    assert not Email.objects.exists()
    assert EnquiryTally.objects.get().recipients == 1


def test_enquiries_are_never_in_the_public_api(api):
    """Only their aggregate counts are (``/api/v1/statistics/enquiries/``)."""
    enquiry_to("lumi-supercomputer")
    root = api.get("/api/v1/").json()
    assert "enquir" not in str(root).lower()
    schema = api.get("/api/v1/schema/?format=json").json()
    about = [path for path in schema["paths"] if "enquir" in path.lower()]
    assert about == ["/api/v1/statistics/enquiries/"]
    row = schema["components"]["schemas"]["StatisticsRow"]["properties"]
    assert set(row) == {"month", "region", "priority", "enquiries"}
    assert "testi@example.fi" not in str(schema)
    assert api.get("/api/v1/enquiries/").status_code == 404


@postgresql_only
def test_the_match_endpoint_ranks_with_the_reasons(api):
    response = api.get(
        "/api/v1/match/",
        {"need": "We need to test battery cells and recycle them", "lang": "en", "region": "18"},
    )
    assert response.status_code == 200
    first = response.json()[0]
    assert first["slug"] == "centria-battery-dry-laboratory"
    assert first["region"] == {"code": "16", "name": "Central Ostrobothnia"}
    assert first["url"].startswith("http") and first["url"].endswith(
        "/en/platforms/centria-battery-dry-laboratory/"
    )
    assert "battery" in first["reasons"]["words"]
    assert {"name": "Testing", "matched": True} in first["reasons"]["services"]
    assert "battery cell" in first["reasons"]["keywords"]
    assert first["in_region"] is False
    swedish = api.get("/api/v1/match/", {"need": "testa battericeller", "lang": "sv"}).json()
    assert swedish[0]["region"]["name"] == "Mellersta Österbotten"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "need"),
        ({"need": "akku"}, "need"),
        ({"need": "a" * 2001}, "need"),
        ({"need": "akkujen testaus", "lang": "de"}, "lang"),
        ({"need": "akkujen testaus", "region": "99"}, "region"),
        ({"need": "akkujen testaus", "service": "flying"}, "service"),
    ],
)
def test_bad_match_parameters_are_a_400_naming_the_field(api, params, field):
    response = api.get("/api/v1/match/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_the_match_endpoint_is_throttled_like_the_rest(api, settings):
    settings.API_ANON_RATE = "2/minute"
    codes = [api.get("/api/v1/match/", {"need": "akkujen testaus"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
