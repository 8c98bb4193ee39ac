"""A company's enquiry from the form to the providers' inboxes: nothing goes out before the
sender confirms the address; then each entry's contact, or its region's officers, get one
plain-text e-mail in Finnish, and the company a copy in its language listing who received it."""

import logging

import pytest
from django.core import signing

from enquiries.models import Enquiry, EnquiryRecipient, Route
from outbox.models import Email
from platforms.models import InnovationPlatform

from .conftest import ENQUIRY, KEYS, deliver, link_in, post_enquiry

pytestmark = pytest.mark.django_db


def confirm(client, mailoutbox):
    """Open the confirmation link of the last e-mail and press the button: the manage page."""
    path = link_in(mailoutbox[-1])
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    return response


def test_nothing_reaches_the_providers_before_the_address_is_confirmed(
    client, entries, officers, mailoutbox
):
    assert post_enquiry(client).headers["Location"] == "/fi/enquiry/sent/"
    enquiry = Enquiry.objects.get()
    assert enquiry.confirmed is None and enquiry.recipients.count() == 3
    [message] = deliver(mailoutbox)
    assert message.to == [ENQUIRY["email"]]
    assert message.subject == "Vahvista yhteydenottosi ELMO-rekisterissä"
    assert "48 tunnin" in message.body
    assert "/fi/enquiry/confirm/" in message.body
    assert Email.objects.count() == 1


def test_a_confirmed_enquiry_reaches_contacts_officers_and_the_company(
    client, entries, officers, mailoutbox
):
    post_enquiry(client, reply_language="sv")
    deliver(mailoutbox)
    response = confirm(client, mailoutbox)
    manage = client.get(response.headers["Location"])
    assert "Din förfrågan har skickats" in manage.text or "Your enquiry was sent" in manage.text
    sent = deliver(mailoutbox)[1:]
    by_address = {address: m for m in sent for address in m.to}
    # The platform and the cluster with a contact: one e-mail each, in Finnish, reply-to company.
    lab = by_address["lab@kylmalabra.example"]
    assert lab.subject == "Yhteydenotto yritykseltä Akkutekniikka Oy ELMO-rekisterin kautta"
    assert lab.reply_to == [ENQUIRY["email"]]
    assert "Akkutekniikka Oy" in lab.body and "1572860-0" in lab.body
    assert ENQUIRY["message"] in lab.body
    assert "Vastausten kieli: ruotsi" in lab.body
    assert "Sama yhteydenotto lähti myös seuraaville:" in lab.body
    assert "cluster@akkuklusteri.example" in by_address
    # The platform without one: both Lapland officers, asked to forward.
    for address in officers["19"]:
        forward = by_address[address]
        assert forward.subject.startswith("Ei yhteyshenkilöä rekisterissä – välitäthän eteenpäin")
        assert "VÄLITÄTHÄN ETEENPÄIN" in forward.body
        assert "/admin/platforms/innovationplatform/" in forward.body
    # Nobody else: not the officers of the other regions.
    assert set(by_address) == {
        "lab@kylmalabra.example",
        "cluster@akkuklusteri.example",
        *officers["19"],
        ENQUIRY["email"],
    }
    copy = by_address[ENQUIRY["email"]]
    assert copy.subject == "Din förfrågan skickades till 3 mottagare"
    assert "till kontaktpersonen i registret" in copy.body
    assert "ingen kontaktperson i registret, så till de regionala handläggarna" in copy.body
    assert "/sv/enquiry/manage/" in copy.body
    routes = dict(EnquiryRecipient.objects.values_list("platform__slug", "route"))
    assert routes["kylmalabra"] == Route.CONTACT and routes["pakkasrata"] == Route.OFFICERS
    for message in sent:
        assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])


def test_on_the_real_data_every_enquiry_goes_to_the_regions_officers(client, officers, mailoutbox):
    keys = [
        "platform:lumi-supercomputer",
        "platform:centria-battery-dry-laboratory",
        "platform:lapland-proving-ground",
    ]
    assert not InnovationPlatform.objects.exclude(contact_email="").exists()
    post_enquiry(client, keys=keys)
    deliver(mailoutbox)
    confirm(client, mailoutbox)
    sent = deliver(mailoutbox)[1:]
    receivers = sorted(address for m in sent for address in m.to if address != ENQUIRY["email"])
    assert receivers == sorted(officers["18"] + officers["16"] + officers["19"])
    assert set(EnquiryRecipient.objects.values_list("route", flat=True)) == {Route.OFFICERS}


def test_without_officers_the_coordinator_forwards(client, mailoutbox, superuser):
    post_enquiry(client, keys=["platform:lumi-supercomputer"])
    deliver(mailoutbox)
    confirm(client, mailoutbox)
    [forward] = [m for m in deliver(mailoutbox) if m.to == [superuser.email]]
    assert "VÄLITÄTHÄN ETEENPÄIN" in forward.body


def test_with_nobody_to_send_to_the_copy_says_so_and_an_error_is_logged(
    client, mailoutbox, settings, caplog
):
    settings.ELMO_ADMIN_CONTACT_EMAIL = ""
    post_enquiry(client, keys=["platform:lumi-supercomputer"], reply_language="en")
    deliver(mailoutbox)
    with caplog.at_level(logging.ERROR, logger="enquiries"):
        confirm(client, mailoutbox)
    assert "reached nobody" in caplog.text
    [copy] = deliver(mailoutbox)[1:]
    assert "not delivered: the registry has no address for it" in copy.body
    assert "https://kainuunliitto.fi" in copy.body or "kainuu" in copy.body.lower()
    assert EnquiryRecipient.objects.get().route == Route.NOBODY


def test_a_confirmation_link_works_once(client, entries, officers, mailoutbox):
    post_enquiry(client)
    deliver(mailoutbox)
    path = link_in(mailoutbox[0])
    confirm(client, mailoutbox)
    for method in (client.get, client.post):
        again = method(path)
        assert again.status_code == 200
        assert "Linkkiä on jo käytetty" in again.text
    sent = deliver(mailoutbox)
    assert len([m for m in sent if m.to == ["lab@kylmalabra.example"]]) == 1


def test_an_expired_or_forged_confirmation_link_sends_nothing(
    client, entries, officers, mailoutbox, monkeypatch
):
    post_enquiry(client)
    enquiry = Enquiry.objects.get()
    from enquiries.links import CONFIRM

    then = signing.time.time() - 49 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: then)
        old = CONFIRM.token(value=str(enquiry.uuid))
    expired = client.post(f"/en/enquiry/confirm/{old}/")
    assert expired.status_code == 200 and "This link has expired" in expired.text
    forged = client.post(f"/sv/enquiry/confirm/{old[:-2]}xx/")
    assert "Länken är inte giltig" in forged.text
    enquiry.refresh_from_db()
    assert enquiry.confirmed is None


def test_the_honeypot_gets_the_normal_answer_and_nothing_is_stored(client, entries):
    response = post_enquiry(client, website="http://spam.example")
    assert response.status_code == 302 and response.headers["Location"] == "/fi/enquiry/sent/"
    assert not Enquiry.objects.exists() and not Email.objects.exists()


def test_more_than_five_recipients_is_an_error_that_keeps_everything(client, entries):
    keys = [*KEYS, "platform:lumi-supercomputer", "platform:cemis", "cluster:kuopio-health"]
    page = client.get("/en/enquiry/", {"entry": keys, "need": "Akut"})
    assert "Choose at most five recipients" in page.text
    response = post_enquiry(client, keys=keys, language="en")
    assert response.status_code == 400
    assert "Choose at most 5 recipients; you chose 6. Untick one." in response.text
    assert ENQUIRY["message"] in response.text and ENQUIRY["company_name"] in response.text
    assert response.text.count('name="entries"') == 6
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("business_id", "1572860-1", "Y-tunnuksen 1572860-1 tarkistusmerkki on väärä."),
        ("email", "maija@", "Syötä kelvollinen sähköpostiosoite."),
        ("message", "lyhyt", "vähintään 10 merkkiä"),
        ("consent", "", "Yhteydenoton voi lähettää vain, jos hyväksyt tietojen käsittelyn."),
        ("phone", "<b>soita</b>", "Anna puhelinnumero"),
    ],
)
def test_a_bad_field_says_what_to_fix_and_keeps_what_was_typed(
    client, entries, field, value, error
):
    response = post_enquiry(client, **{field: value})
    assert response.status_code == 400
    assert error in response.text
    assert "Korjaa seuraavat kohdat; kaikki kirjoittamasi säilyy:" in response.text
    for name in ("company_name", "contact_name", "email", "message"):
        if name != field:
            assert f'value="{ENQUIRY[name]}"' in response.text or ENQUIRY[name] in response.text
    if value:
        assert value.replace("<", "&lt;").replace(">", "&gt;") in response.text
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("field", ["company_name", "contact_name"])
@pytest.mark.parametrize(
    "value",
    ["Oy\r\nBcc: victim@example.org", "Oy\nSubject: spam", "Oy\rX-Injected: 1", "Oy\u2028Bcc: x"],
)
def test_no_header_injection_through_names(client, entries, field, value):
    response = post_enquiry(client, **{field: value})
    assert response.status_code == 400
    assert "Kirjoita tämä yhdelle riville" in response.text
    assert not Enquiry.objects.exists() and not Email.objects.exists()


def test_markup_in_every_field_stays_text_on_the_pages_and_in_the_emails(
    client, entries, officers, mailoutbox
):
    marker = '<script>alert("x1")</script>'
    post_enquiry(
        client,
        company_name=f"Yritys {marker}",
        contact_name='Maija "><img src=x onerror=alert("x2")>',
        message=f"Viesti {marker} https://evil.example/x",
    )
    deliver(mailoutbox)
    path = link_in(mailoutbox[0])
    page = client.get(path)
    assert marker not in page.text and "&lt;script&gt;" in page.text
    assert 'href="https://evil.example' not in page.text
    client.post(path)
    for message in deliver(mailoutbox):
        assert message.content_subtype == "plain"
        assert "&lt;" not in message.body  # plain text is not HTML-escaped …
        assert "\n" not in message.subject and "\r" not in message.subject
        assert not message.extra_headers.keys() - {
            "Message-ID",
            "Auto-Submitted",
            "Content-Language",
        }
