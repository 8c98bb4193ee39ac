"""A recipient answers by the signed link of its e-mail — we can help, not for us, or forward —
without an account and on any device; the company gets each answer by e-mail in its language,
sees every recipient's status on its own link's page, and can close the enquiry."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client

from enquiries.links import ANSWER, answer_value
from enquiries.models import Actor, Enquiry, EnquiryEvent, EnquiryRecipient, Event, Status

from .conftest import ENQUIRY, KEYS, deliver, link_in, post_enquiry

pytestmark = pytest.mark.django_db
ANSWER_LINK = re.compile(r"https?://[^/\s]+(/fi/enquiry/answer/\S+)")


def sent(client, mailoutbox, reply_language="sv"):
    """Send and confirm the conftest's enquiry; the e-mails sent and the manage page's path."""
    post_enquiry(client, reply_language=reply_language)
    confirmation = deliver(mailoutbox)[-1]
    manage = client.post(link_in(confirmation)).headers["Location"]
    return deliver(mailoutbox)[1:], manage


def answer_link(messages, address):
    [message] = [m for m in messages if address in m.to]
    return ANSWER_LINK.search(message.body).group(1)


def test_a_provider_answers_we_can_help_and_the_company_is_told_in_its_language(
    client, entries, officers, mailoutbox
):
    messages, manage = sent(client, mailoutbox)
    link = answer_link(messages, "lab@kylmalabra.example")
    # Another device: no session, no account.
    phone = Client()
    page = phone.get(link)
    assert page.status_code == 200 and "Akkutekniikka Oy" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    assert "Voimme auttaa" in page.text and "Välitä toiseen sähköpostiosoitteeseen" in page.text
    mailoutbox.clear()
    response = phone.post(link, {"answer": "yes", "message": "Soitamme huomenna."})
    assert response.status_code == 302
    [told] = deliver(mailoutbox)
    assert told.to == [ENQUIRY["email"]]
    assert told.subject == f"{entries['with_contact'].name_sv} kan hjälpa till med din förfrågan"
    assert "Soitamme huomenna." in told.body
    assert told.reply_to == ["lab@kylmalabra.example"]
    recipient = EnquiryRecipient.objects.get(platform=entries["with_contact"])
    assert recipient.status == Status.YES and recipient.answered is not None
    [sent_event, event] = EnquiryEvent.objects.filter(recipient=recipient)
    assert (sent_event.kind, sent_event.actor) == (Event.SENT, Actor.COMPANY)
    assert (event.kind, event.actor, event.message) == (
        Event.YES,
        Actor.PROVIDER,
        "Soitamme huomenna.",
    )
    # The link shows the answer from now on and changes nothing.
    again = phone.get(link)
    assert "Vastattu" in again.text and "<form" not in again.text.split('id="h-answer"')[1]
    phone.post(link, {"answer": "no"})
    assert EnquiryRecipient.objects.get(pk=recipient.pk).status == Status.YES
    assert deliver(mailoutbox) == [told]
    # The company's page: per recipient, answered or not.
    status = client.get(manage, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Svar: vi kan hjälpa till" in status and "Soitamme huomenna." in status
    assert status.count("Inget svar ännu") == 2


def test_not_for_us_is_told_to_the_company(client, entries, officers, mailoutbox):
    messages, _manage = sent(client, mailoutbox, reply_language="en")
    link = answer_link(messages, "cluster@akkuklusteri.example")
    mailoutbox.clear()
    Client().post(link, {"answer": "no"})
    [told] = deliver(mailoutbox)
    assert told.subject == "Battery cluster: your enquiry is not for us"  # name_en
    assert EnquiryRecipient.objects.get(cluster=entries["cluster"]).status == Status.NO


def test_a_forward_sends_the_enquiry_on_and_the_new_address_answers(
    client, entries, officers, mailoutbox
):
    messages, _manage = sent(client, mailoutbox)
    # The platform without a contact: its officers got it, and forward it.
    link = answer_link(messages, officers["19"][0])
    mailoutbox.clear()
    response = Client().post(
        link, {"answer": "forwarded", "forward_to": "tutkija@pakkasrata.example", "message": ""}
    )
    assert response.status_code == 302
    arrived = {m.to[0]: m for m in deliver(mailoutbox)}
    forwarded = arrived["tutkija@pakkasrata.example"]
    assert forwarded.subject.startswith("Välitetty: Yhteydenotto yritykseltä Akkutekniikka Oy")
    assert forwarded.reply_to == [ENQUIRY["email"]] and ENQUIRY["message"] in forwarded.body
    assert arrived[ENQUIRY["email"]].subject == (
        f"{entries['without'].name_sv} vidarebefordrade din förfrågan"
    )
    recipient = EnquiryRecipient.objects.get(platform=entries["without"])
    assert (recipient.status, recipient.forwarded_to) == (
        Status.FORWARDED,
        "tutkija@pakkasrata.example",
    )
    assert recipient.answered is None  # a forward is not yet an answer
    mailoutbox.clear()
    Client().post(ANSWER_LINK.search(forwarded.body).group(1), {"answer": "yes"})
    assert EnquiryRecipient.objects.get(pk=recipient.pk).status == Status.YES
    kinds = list(EnquiryEvent.objects.filter(recipient=recipient).values_list("kind", flat=True))
    assert kinds == [Event.SENT, Event.FORWARDED, Event.YES]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"answer": "forwarded", "forward_to": ""}, "forward_to"),
        ({"answer": "forwarded", "forward_to": "not an address"}, "forward_to"),
        ({"answer": "forwarded", "forward_to": "a@b.example\r\nBcc: x@y.example"}, "forward_to"),
        ({"answer": "maybe"}, "answer"),
        ({}, "answer"),
        ({"answer": "yes", "message": "x" * 2001}, "message"),
    ],
)
def test_a_bad_answer_is_a_form_error_naming_the_field(
    client, entries, officers, mailoutbox, data, field
):
    messages, _manage = sent(client, mailoutbox)
    link = answer_link(messages, "lab@kylmalabra.example")
    response = Client().post(link, data)
    assert response.status_code == 400
    assert f'href="#id_{field}' in response.text
    assert EnquiryRecipient.objects.get(platform=entries["with_contact"]).status == Status.WAITING


def test_the_company_closes_its_enquiry_and_the_links_say_so(client, entries, officers, mailoutbox):
    messages, manage = sent(client, mailoutbox)
    link = answer_link(messages, "lab@kylmalabra.example")
    assert client.get(manage + "close/").status_code == 405
    assert client.post(manage + "close/").status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.closed is not None
    assert EnquiryEvent.objects.get(kind=Event.CLOSED).actor == Actor.COMPANY
    page = Client().get(link)
    assert "Yritys on sulkenut tämän yhteydenoton" in page.text
    mailoutbox.clear()
    Client().post(link, {"answer": "yes"})
    assert deliver(mailoutbox) == []
    assert EnquiryRecipient.objects.get(platform=entries["with_contact"]).status == Status.WAITING
    assert "Stäng förfrågan" not in client.get(manage).text


def test_an_answer_link_lasts_30_days_and_ends_with_the_enquiry(
    client, entries, officers, mailoutbox, monkeypatch
):
    messages, manage = sent(client, mailoutbox)
    recipient = EnquiryRecipient.objects.get(platform=entries["with_contact"])
    then = time.time() - timedelta(days=31).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        old = ANSWER.token(value=answer_value(recipient))
    assert "vanhentunut" in Client().get(f"/fi/enquiry/answer/{old}/").text
    forged = Client().get(f"/fi/enquiry/answer/{old[:-2]}xx/")
    assert "<form" not in forged.text.split("<main")[1]
    link = answer_link(messages, "lab@kylmalabra.example")
    client.post(manage + "delete/")
    gone = Client().post(link, {"answer": "yes"})
    assert gone.status_code == 200 and "<form" not in gone.text.split("<main")[1]


def test_the_manage_page_shows_each_state(client, entries, officers, mailoutbox):
    _messages, manage = sent(client, mailoutbox, reply_language="en")
    assert client.get(manage).text.count("No answer yet") == len(KEYS)
