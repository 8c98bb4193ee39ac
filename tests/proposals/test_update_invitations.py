"""An officer invites a platform; the platform proposes through the signed link; the officer
accepts part of it or returns it; editors' changes of published platforms wait the same way."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.utils import timezone

from accounts import roles
from entries.models import Status
from outbox.delivery import send_due
from platforms.models import InnovationPlatform
from proposals.models import Decision, Invitation, Kind, Proposal
from proposals.services import invitation_send, proposal_accept
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db

SLUG = "lumi-supercomputer"


@pytest.fixture
def platform():
    return InnovationPlatform.objects.get(slug=SLUG)


def staff(django_user_model, name, group, region=None):
    user = django_user_model.objects.create_user(name, f"{name}@council.example", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if region is not None:
        user.regions.add(region)
    return user


@pytest.fixture
def officer(django_user_model, platform):
    return staff(django_user_model, "officer", roles.OFFICER, platform.region)


@pytest.fixture
def other_officer(django_user_model, platform):
    from priorities.models import Region

    other = Region.objects.exclude(pk=platform.region_id).first()
    return staff(django_user_model, "elsewhere", roles.OFFICER, other)


def deliver(mailoutbox):
    send_due()
    return list(mailoutbox)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+/update/\S+/)", message.body).group(1)


def invite(platform, officer, mailoutbox, language="en", email="lab@lumi.example"):
    invitation_send(platform=platform, user=officer, language=language, email=email)
    [message] = deliver(mailoutbox)[-1:]
    return message


FORM = {
    "contact_name": "Liisa Laskija",
    "contact_email": "liisa@lumi.example",
    "trl_min": "5",
    "trl_max": "8",
    "access_model": "subsidised",
    "pricing_note_en": "de minimis aid applies",
    "months": ["1", "2", "3", "12"],
    "offer_en": "Supercomputing time for pilots",
    "proposer_name": "Liisa Laskija",
    "proposer_email": "liisa@lumi.example",
}


def current_form(client, path):
    """The form's fields as the page prefills them, for a POST that changes only what a test
    gives."""
    html = client.get(path).text
    data = {}
    for name, value in re.findall(
        r'<input type="(?:text|email|url|number)" name="([\w.]+)" value="([^"]*)"', html
    ):
        data[name] = value.replace("&amp;", "&")
    for name, value in re.findall(r'<textarea name="([\w.]+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[name] = value.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
    return data


def propose(client, path, **changes):
    data = {**current_form(client, path), **FORM, **changes}
    return client.post(path, data, REMOTE_ADDR="192.0.2.30")


def test_the_invitation_opens_a_prefilled_form_in_the_recipients_language(
    client, platform, officer, mailoutbox
):
    message = invite(platform, officer, mailoutbox, language="sv")
    assert message.to == ["lab@lumi.example"]
    assert platform.name_sv in message.subject or platform.name in message.subject
    path = link_in(message)
    assert path.startswith("/sv/platforms/update/")
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert platform.summary_fi[:40] in page.text
    assert "Skicka förslaget för granskning" in page.text


def test_a_proposal_changes_nothing_until_accepted_and_the_link_is_then_used(
    client, platform, officer, mailoutbox
):
    path = link_in(invite(platform, officer, mailoutbox))
    before = platform.history.count()
    response = propose(client, path)
    assert response.status_code == 302, response.text[:2000]
    proposal = Proposal.objects.get()
    assert proposal.kind == Kind.UPDATE and proposal.decision == Decision.PENDING
    assert proposal.values["trl_min"] == 5 and proposal.values["months"] == [1, 2, 3, 12]
    assert "summary_fi" not in proposal.values  # unchanged columns are not proposed
    platform.refresh_from_db()
    assert platform.trl_min is None and platform.contact_name == ""
    assert platform.history.count() == before
    assert Invitation.objects.get().answered is not None
    again = client.get(path)
    assert again.status_code == 200 and "already been used" in again.text


def test_expired_and_forged_links_get_a_clear_page(client, platform, officer, mailoutbox, settings):
    path = link_in(invite(platform, officer, mailoutbox))
    forged = client.get(path[:-5] + "xxxx/")
    assert forged.status_code == 200 and "not valid" in forged.text
    Invitation.objects.update(sent=timezone.now() - timedelta(days=31))
    token = path.rstrip("/").rsplit("/", 1)[1]
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + timedelta(days=31)
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        expired = client.get(path)
    assert expired.status_code == 200 and "expired" in expired.text
    assert token
    assert not Proposal.objects.exists()


def test_bad_values_are_form_errors_naming_the_field(client, platform, officer, mailoutbox):
    path = link_in(invite(platform, officer, mailoutbox))
    response = propose(client, path, trl_min="7", trl_max="3", months=["13"], booking_url="x")
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    text = response.text
    assert 'href="#id_trl_max"' in text
    assert 'href="#id_months_0"' in text
    assert 'href="#id_booking_url"' in text


def test_the_form_cannot_change_the_status_region_or_name(client, platform, officer, mailoutbox):
    path = link_in(invite(platform, officer, mailoutbox))
    propose(client, path, status="archived", region="10", name_fi="Huijaus", slug="x")
    proposal = Proposal.objects.get()
    assert not {"status", "region", "name_fi", "slug"} & set(proposal.values)


def test_the_officer_accepts_part_and_the_proposer_is_thanked(
    client, platform, officer, mailoutbox
):
    path = link_in(invite(platform, officer, mailoutbox))
    propose(client, path)
    proposal = Proposal.objects.get()
    client.force_login(officer)
    review = client.get(
        f"/admin/proposals/proposal/{proposal.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert review.status_code == 200
    assert 'id="row-trl_min"' in review.text and "Supercomputing time for pilots" in review.text
    accepted = ["contact_name", "contact_email", "trl_min", "trl_max", "months"]
    response = client.post(f"/admin/proposals/proposal/{proposal.pk}/change/", {"accept": accepted})
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.contact_name == "Liisa Laskija"
    assert (platform.trl_min, platform.trl_max, platform.months) == (5, 8, [1, 2, 3, 12])
    assert platform.access_model == "" and not platform.offer_en  # not accepted
    assert platform.last_reviewed == timezone.localdate()
    assert "trl:6" in platform.search_facets and "month:12" in platform.search_facets
    record = platform.history.first()
    assert record.history_change_reason == f"proposal:{proposal.pk}"
    assert record.history_user == officer
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PARTLY and set(proposal.accepted) == set(accepted)
    history = client.get(
        f"/admin/platforms/innovationplatform/{platform.pk}/history/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert 'id="proposals"' in history.text and "Liisa Laskija" in history.text
    assert f"Accepted from proposal #{proposal.pk}" in history.text
    thanks = deliver(mailoutbox)[-1]
    assert thanks.to == ["liisa@lumi.example"] and "accepted" in thanks.subject
    api = client.get(f"/api/v1/platforms/{SLUG}/").json()
    assert api["trl_min"] == 5 and api["access_model"] is None  # an empty text is null


def test_the_officer_returns_it_with_a_comment(client, platform, officer, mailoutbox):
    propose(client, link_in(invite(platform, officer, mailoutbox)))
    proposal = Proposal.objects.get()
    client.force_login(officer)
    url = f"/admin/proposals/proposal/{proposal.pk}/change/"
    client.post(url, {"return": "1", "comment": ""})
    assert Proposal.objects.get().decision == Decision.PENDING  # a comment is needed
    client.post(url, {"return": "1", "comment": "Please give the prices in euros."})
    proposal.refresh_from_db()
    assert proposal.decision == Decision.RETURNED
    message = deliver(mailoutbox)[-1]
    assert "Please give the prices in euros." in message.body
    platform.refresh_from_db()
    assert platform.trl_min is None


def test_an_officer_of_another_region_can_neither_invite_nor_decide(
    client, platform, officer, other_officer, mailoutbox
):
    with pytest.raises(roles.Refusal):
        invitation_send(platform=platform, user=other_officer, language="fi", email="a@b.example")
    propose(client, link_in(invite(platform, officer, mailoutbox)))
    proposal = Proposal.objects.get()
    with pytest.raises(roles.Refusal):
        proposal_accept(proposal=proposal, columns=["trl_min", "trl_max"], user=other_officer)
    client.force_login(other_officer)
    assert client.get(f"/admin/proposals/proposal/{proposal.pk}/change/").status_code == 404


def test_the_same_abuse_limit_as_enquiries(client, platform, officer, mailoutbox, settings):
    settings.ENQUIRY_RATE = "1/hour"
    first = link_in(invite(platform, officer, mailoutbox))
    second = link_in(invite(platform, officer, mailoutbox, email="other@lumi.example"))
    assert propose(client, first).status_code == 302
    response = propose(client, second)
    assert response.status_code == 429 and response["Retry-After"]
    assert Proposal.objects.count() == 1


# --- a platform editor's change of a published platform -------------------------------------


@pytest.fixture
def editor(django_user_model, platform):
    user = staff(django_user_model, "editor", roles.EDITOR)
    user.user_permissions.add(Permission.objects.get(codename="change_innovationplatform"))
    platform.editors.add(user)
    return user


def admin_form(client, platform):
    """The platform's admin form as it is, for a POST that changes one field."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(f"/admin/platforms/innovationplatform/{platform.pk}/change/")
    return page_form_data(page)


def test_an_editors_change_of_a_published_platform_waits_for_review(
    client, platform, editor, officer
):
    assert platform.status == Status.PUBLISHED
    client.force_login(editor)
    data = admin_form(client, platform)
    data.update(contact_name="Uusi Yhteyshenkilö", trl_min=2, trl_max=4)
    response = client.post(f"/admin/platforms/innovationplatform/{platform.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    platform.refresh_from_db()
    assert platform.contact_name == "" and platform.trl_min is None  # not live
    proposal = Proposal.objects.get()
    assert proposal.kind == Kind.EDITOR and proposal.proposed_by == editor
    assert proposal.values == {"contact_name": "Uusi Yhteyshenkilö", "trl_min": 2, "trl_max": 4}
    # The officer reviews it on the same screen and accepts it.
    client.force_login(officer)
    client.post(
        f"/admin/proposals/proposal/{proposal.pk}/change/", {"accept": list(proposal.values)}
    )
    platform.refresh_from_db()
    assert platform.contact_name == "Uusi Yhteyshenkilö" and platform.trl_max == 4


def test_an_editor_cannot_propose_what_the_review_does_not_cover(client, platform, editor):
    client.force_login(editor)
    data = admin_form(client, platform)
    data["name_fi"] = "Uusi nimi"
    response = client.post(f"/admin/platforms/innovationplatform/{platform.pk}/change/", data)
    assert response.status_code == 200
    assert "waits for the officers&#x27; review" in response.text
    assert not Proposal.objects.exists()


def test_an_editor_cannot_skip_the_review_through_the_api(platform, editor):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = api.patch(
        f"/api/v1/platforms/{SLUG}/",
        {"contact_name": "X"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    assert "review" in response.json()["detail"]
    platform.refresh_from_db()
    assert platform.contact_name == ""


def test_an_editors_draft_is_still_saved_at_once(client, platform, editor):
    InnovationPlatform.objects.filter(pk=platform.pk).update(status=Status.DRAFT)
    platform.refresh_from_db()
    client.force_login(editor)
    data = admin_form(client, platform)
    data.update(contact_name="Luonnoksen yhteyshenkilö")
    response = client.post(f"/admin/platforms/innovationplatform/{platform.pk}/change/", data)
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.contact_name == "Luonnoksen yhteyshenkilö"
    assert not Proposal.objects.exists()


# --- a new platform proposed from the public site ---------------------------------------------

NEW = {
    "name_fi": "Pakkaskoeasema",
    "platform_type": "testing_piloting",
    "region": "",
    "summary_fi": "Talvitestausta ajoneuvoille ja laitteille.",
    "trl_min": "4",
    "trl_max": "7",
    "months": ["12", "1", "2", "3"],
    "proposer_name": "Pekka Ehdottaja",
    "proposer_email": "pekka@example.org",
}


def test_anyone_proposes_a_new_platform_which_arrives_as_a_draft(client, officer, platform):
    page = client.get("/en/platforms/propose/")
    assert page.status_code == 200 and "Propose a new platform" in page.text
    assert 'href="/en/platforms/propose/"' in client.get("/en/platforms/").text
    published = InnovationPlatform.objects.published().count()
    data = {**NEW, "region": platform.region.pk}
    response = client.post("/en/platforms/propose/", data, REMOTE_ADDR="192.0.2.40")
    assert response.status_code == 302
    draft = InnovationPlatform.objects.get(name_fi="Pakkaskoeasema")
    assert draft.status == Status.DRAFT and draft.slug == "pakkaskoeasema"
    assert draft.months == [1, 2, 3, 12]
    assert InnovationPlatform.objects.published().count() == published
    assert client.get("/en/platforms/pakkaskoeasema/").status_code == 404
    proposal = Proposal.objects.get()
    assert proposal.kind == Kind.NEW and proposal.region == platform.region
    assert proposal in Proposal.objects.visible_to(officer)
    assert client.get("/en/platforms/update-sent/").status_code == 200


def test_a_new_platform_needs_a_name_type_region_and_summary(client):
    response = client.post("/en/platforms/propose/", {**NEW, "name_fi": "", "summary_fi": ""})
    assert response.status_code == 400
    for field in ("name_fi", "summary_fi", "region"):
        assert f'href="#id_{field}"' in response.text, field
    assert not Proposal.objects.exists()
