"""What a company gets of each of a platform's services: a translated text on the link of the
platform and the service, written through the one write path by the admin, the API and an
accepted proposal, and shown on the public page, in the API and its exports, and in the
history."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from entries import history
from entries.models import Status
from entries.services import entry_save
from platforms.models import InnovationPlatform, PlatformService, Service
from proposals.models import Decision, Proposal, offer_key
from proposals.services import invitation_send, proposal_accept
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db

SLUG = "lumi-supercomputer"


@pytest.fixture
def platform():
    platform = InnovationPlatform.objects.get(slug=SLUG)
    testing = Service.objects.get(slug="testing")
    piloting = Service.objects.get(slug="piloting")
    entry_save(
        entry=platform,
        links={
            "services": {
                testing: {"offer_text_fi": "Laskenta-aikaa testeihin"},
                piloting: {},
            }
        },
    )
    return platform


def offers_of(platform):
    rows = PlatformService.objects.filter(platform=platform).select_related("service")
    return {
        row.service.slug: (row.offer_text_fi or None, row.offer_text_en or None) for row in rows
    }


def test_the_api_shows_each_service_with_its_offer_and_takes_new_texts(platform, api, staff_api):
    shown = api.get(f"/api/v1/platforms/{SLUG}/").json()
    assert shown["service_offers"] == [
        {"service": "testing", "offer": {"fi": "Laskenta-aikaa testeihin", "sv": None, "en": None}},
        {"service": "piloting", "offer": {"fi": None, "sv": None, "en": None}},
    ]
    versions = platform.history.count()
    answer = staff_api.patch(
        f"/api/v1/platforms/{SLUG}/",
        {"service_offers": [{"service": "piloting", "offer": {"en": "Pilot runs at scale"}}]},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    # A service left out keeps its text; the services stay as they were.
    assert offers_of(platform) == {
        "testing": ("Laskenta-aikaa testeihin", None),
        "piloting": (None, "Pilot runs at scale"),
    }
    assert platform.history.count() == versions + 1
    latest, previous = platform.history.all()[:2]
    history.annotate_changes(InnovationPlatform, [latest], previous)
    assert [change["name"] for change in latest.changes] == ["services.offer_text_en"]
    assert "Pilot runs at scale" in latest.changes[0]["new"]
    # With ?lang= the text of that language, else Finnish.
    swedish = api.get(f"/api/v1/platforms/{SLUG}/?lang=sv").json()["service_offers"]
    assert swedish[0] == {"service": "testing", "offer": "Laskenta-aikaa testeihin"}


def test_the_list_and_its_exports_carry_the_offers(platform, api):
    listed = api.get("/api/v1/platforms/?service=testing").json()["results"]
    [entry] = [e for e in listed if e["slug"] == SLUG]
    assert entry["service_offers"][0]["offer"]["fi"] == "Laskenta-aikaa testeihin"
    exported = api.get("/api/v1/platforms/?service=testing&format=geojson")
    body = b"".join(exported.streaming_content) if exported.streaming else exported.content
    assert "Laskenta-aikaa testeihin" in body.decode()
    exported = api.get("/api/v1/platforms/?service=testing&format=csv")
    body = b"".join(exported.streaming_content) if exported.streaming else exported.content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    [row] = [r for r in rows if r["slug"] == SLUG]
    assert "Laskenta-aikaa testeihin" in row["service_offers"]


@pytest.mark.parametrize(
    ("offers", "message"),
    [
        ([{"service": "piloting"}, {"service": "piloting"}], "given twice"),
        ([{"service": "nonexistent"}], "does not exist"),
        ([{"service": "testing", "offer": {"de": "Prüfung"}}], "Unknown language"),
        ([{"service": "testing", "offer": {"fi": "a\x0eb"}}], "control"),
    ],
)
def test_a_bad_offer_is_a_400_naming_the_field(platform, staff_api, offers, message):
    answer = staff_api.patch(
        f"/api/v1/platforms/{SLUG}/", {"service_offers": offers}, format="json"
    )
    assert answer.status_code == 400
    assert "service_offers" in answer.json()
    assert message in str(answer.json())
    assert offers_of(platform)["testing"] == ("Laskenta-aikaa testeihin", None)


def test_an_offer_for_a_service_the_platform_has_not_is_refused(platform, staff_api):
    answer = staff_api.patch(
        f"/api/v1/platforms/{SLUG}/",
        {"service_offers": [{"service": "prototyping", "offer": {"fi": "Prototyyppejä"}}]},
        format="json",
    )
    assert answer.status_code == 400
    assert "not among the platform's services" in str(answer.json()["service_offers"])
    # Given together with the service, it is taken.
    answer = staff_api.patch(
        f"/api/v1/platforms/{SLUG}/",
        {
            "services": ["testing", "prototyping"],
            "service_offers": [{"service": "prototyping", "offer": {"fi": "Prototyyppejä"}}],
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert offers_of(platform) == {
        "testing": ("Laskenta-aikaa testeihin", None),
        "prototyping": ("Prototyyppejä", None),
    }


def test_the_search_finds_a_platform_by_what_it_offers(platform, api):
    from search import search_entries

    def found(words):
        published = InnovationPlatform.objects.published()
        return set(search_entries(published, words).values_list("slug", flat=True))

    assert SLUG in found("laskenta-aikaa testeihin")
    entry_save(
        entry=platform,
        links={"services": {Service.objects.get(slug="piloting"): {"offer_text_en": "Cryostat"}}},
    )
    platform.offer_en = "Quantum annealing"
    entry_save(entry=platform)
    assert SLUG in found("cryostat") and SLUG in found("annealing")


def test_the_public_page_shows_the_offers_with_the_finnish_fallback(platform, client):
    page = client.get(f"/sv/platforms/{SLUG}/")
    assert page.status_code == 200
    offers = re.search(r'<dl class="facts service-offers">(.*?)</dl>', page.text, re.S).group(1)
    assert "Laskenta-aikaa testeihin" in offers
    assert "Pilotointi" not in offers  # a service without a text is listed only with services


def test_the_admin_edits_offers_beside_the_services_and_restores_them(platform, admin_client_fi):
    url = f"/admin/platforms/innovationplatform/{platform.pk}/change/"
    page = admin_client_fi.get(url)
    data = page_form_data(page)
    [testing_row] = [k for k, v in data.items() if k.endswith("-offer_text_fi") and v]
    data[testing_row] = "Uusi teksti"
    data[testing_row.replace("_fi", "_en")] = "New text"
    versions = platform.history.count()
    response = admin_client_fi.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert offers_of(platform)["testing"] == ("Uusi teksti", "New text")
    assert platform.history.count() == versions + 1
    # The version before comes back with its texts.
    old = platform.history.all()[1]
    version_url = f"/admin/platforms/innovationplatform/{platform.pk}/history/{old.history_id}/"
    restored = admin_client_fi.post(version_url, page_form_data(admin_client_fi.get(version_url)))
    assert restored.status_code == 302
    assert offers_of(platform)["testing"] == ("Laskenta-aikaa testeihin", None)


def test_the_admin_removes_a_service_with_its_offer(platform, admin_client_fi):
    url = f"/admin/platforms/innovationplatform/{platform.pk}/change/"
    data = page_form_data(admin_client_fi.get(url))
    [delete] = [
        k.replace("-service", "-DELETE")
        for k, v in data.items()
        if k.endswith("-service") and v == platform.services.get(slug="testing").pk
    ]
    data[delete] = "on"
    response = admin_client_fi.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert offers_of(platform) == {"piloting": (None, None)}


def test_a_provider_proposes_an_offer_and_the_officer_accepts_it(
    platform, client, django_user_model, mailoutbox
):
    from outbox.services import send_due

    officer = django_user_model.objects.create_user("officer", "o@council.example", is_staff=True)
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    officer.regions.add(platform.region)
    invitation_send(platform=platform, user=officer, language="en", email="lab@lumi.example")
    send_due()
    path = re.search(r"https?://[^/\s]+(/\S+/update/\S+/)", mailoutbox[-1].body).group(1)
    form = client.get(path)
    key = offer_key("testing", "offer_text_fi")
    assert f'name="{key}"' in form.text and "Laskenta-aikaa testeihin" in form.text
    response = client.post(
        path,
        {
            "summary_fi": platform.summary_fi,
            key: "Laskenta-aikaa testeihin ja pilotteihin",
            offer_key("piloting", "offer_text_en"): "Pilot runs",
            "proposer_name": "Liisa",
            "proposer_email": "liisa@lumi.example",
        },
        REMOTE_ADDR="192.0.2.40",
    )
    assert response.status_code == 302, response.text[:2000]
    proposal = Proposal.objects.get()
    assert proposal.values[key] == "Laskenta-aikaa testeihin ja pilotteihin"
    assert proposal.before[key] == "Laskenta-aikaa testeihin"
    client.force_login(officer)
    review = client.get(f"/admin/proposals/proposal/{proposal.pk}/change/")
    assert "Pilot runs" in review.text and "Laskenta-aikaa testeihin" in review.text
    proposal_accept(proposal=proposal, columns=[key], user=officer)
    assert offers_of(platform) == {
        "testing": ("Laskenta-aikaa testeihin ja pilotteihin", None),
        "piloting": (None, None),  # not accepted
    }
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PARTLY
    assert platform.history.first().history_change_reason == f"proposal:{proposal.pk}"


def test_an_editors_offer_of_a_published_platform_waits_for_review(
    platform, client, django_user_model
):
    from django.contrib.auth.models import Permission

    assert platform.status == Status.PUBLISHED
    editor = django_user_model.objects.create_user("editor", "e@lumi.example", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    editor.user_permissions.add(Permission.objects.get(codename="change_innovationplatform"))
    platform.editors.add(editor)
    client.force_login(editor)
    url = f"/admin/platforms/innovationplatform/{platform.pk}/change/"
    page = client.get(url)
    assert "-DELETE" not in page.text  # the rows are the officers' to change
    data = page_form_data(page)
    [row] = [k for k, v in data.items() if k.endswith("-offer_text_fi") and v]
    data[row] = "Editorin ehdotus"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert offers_of(platform)["testing"][0] == "Laskenta-aikaa testeihin"  # not live
    proposal = Proposal.objects.get()
    assert proposal.values == {offer_key("testing", "offer_text_fi"): "Editorin ehdotus"}
