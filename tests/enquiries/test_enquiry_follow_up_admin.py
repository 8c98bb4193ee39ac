"""Officers follow enquiries up in the admin: each recipient's answer in the list, the
enquiries waiting for one and those routed to them for lack of a contact, forwarding or
answering on an entry's behalf (their regions only), and the history of every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from enquiries.models import Actor, EnquiryEvent, EnquiryRecipient, Route, Status
from priorities.models import Region

from .conftest import deliver, submitted
from .test_enquiry_admin_and_api import staff

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/enquiries/enquiry/"


@pytest.fixture
def lapland_officer(django_user_model):
    return staff(
        django_user_model, "lappi", roles.OFFICER, regions=Region.objects.filter(code="19")
    )


@pytest.fixture
def kainuu_officer(django_user_model):
    return staff(
        django_user_model, "kainuu", roles.OFFICER, regions=Region.objects.filter(code="18")
    )


def answer_url(recipient):
    return reverse("admin:enquiries_enquiry_answer", args=[recipient.enquiry_id, recipient.pk])


def test_the_officer_forwards_a_contactless_enquiry_and_it_is_recorded(
    client, lapland_officer, kainuu_officer, mailoutbox
):
    enquiry = submitted("lumi-supercomputer", "lapland-proving-ground", company_name="Molempiin Oy")
    lapland = EnquiryRecipient.objects.get(enquiry=enquiry, platform__slug="lapland-proving-ground")
    kainuu = EnquiryRecipient.objects.get(enquiry=enquiry, platform__slug="lumi-supercomputer")
    assert lapland.route == Route.OFFICERS  # the real data has no contacts
    client.force_login(lapland_officer)
    listed = client.get(CHANGELIST + "?follow_up=to_forward", HTTP_ACCEPT_LANGUAGE="en")
    assert "Molempiin Oy" in listed.text and "no answer yet" in listed.text
    page = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    assert answer_url(lapland) in page.text
    assert answer_url(kainuu) not in page.text  # not one of Lapland's
    assert client.get(answer_url(kainuu)).status_code == 403
    assert client.get(answer_url(lapland)).status_code == 200
    deliver(mailoutbox)
    mailoutbox.clear()
    response = client.post(
        answer_url(lapland),
        {"answer": "forwarded", "forward_to": "testaus@proving.example", "message": "Heille."},
    )
    assert response.status_code == 302
    lapland.refresh_from_db()
    assert (lapland.status, lapland.forwarded_to) == (Status.FORWARDED, "testaus@proving.example")
    event = EnquiryEvent.objects.exclude(kind="sent").get(recipient=lapland)
    assert (event.actor, event.user) == (Actor.STAFF, lapland_officer)
    arrived = {m.to[0] for m in deliver(mailoutbox)}
    assert arrived == {"testaus@proving.example", "testi@example.fi"}
    history = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    assert "lappi" in history.text and "testaus@proving.example" in history.text
    # Done: the enquiry is no longer "routed to the officers, not answered" … but still open.
    assert "Molempiin Oy" not in client.get(CHANGELIST + "?follow_up=to_forward").text
    assert "Molempiin Oy" in client.get(CHANGELIST + "?follow_up=open").text
    # The Kainuu officer answers for Kainuu's platform on its behalf.
    client.force_login(kainuu_officer)
    client.post(answer_url(kainuu), {"answer": "yes"})
    assert EnquiryRecipient.objects.get(pk=kainuu.pk).status == Status.YES
    assert client.get(answer_url(kainuu)).status_code == 403  # answered: nothing left to do


def test_a_bad_forward_address_is_a_form_error(client, lapland_officer):
    enquiry = submitted("lapland-proving-ground")
    recipient = enquiry.recipients.get()
    client.force_login(lapland_officer)
    response = client.post(answer_url(recipient), {"answer": "forwarded", "forward_to": "x@"})
    assert response.status_code == 400 and "errorlist" in response.text
    assert EnquiryRecipient.objects.get(pk=recipient.pk).status == Status.WAITING


def test_an_editor_cannot_follow_up(client, django_user_model, lapland_officer):
    recipient = submitted("lapland-proving-ground").recipients.get()
    editor = staff(django_user_model, "editor", roles.EDITOR)
    client.force_login(editor)
    assert client.post(answer_url(recipient), {"answer": "yes"}).status_code in (302, 403, 404)
    assert EnquiryRecipient.objects.get(pk=recipient.pk).status == Status.WAITING


def test_the_list_takes_the_same_queries_with_more_enquiries(client, lapland_officer):
    submitted("lapland-proving-ground")
    client.force_login(lapland_officer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CHANGELIST).status_code == 200
        return len(queries)

    before = count()
    for _ in range(4):
        submitted("lapland-proving-ground", "lumi-supercomputer")
    assert count() == before
