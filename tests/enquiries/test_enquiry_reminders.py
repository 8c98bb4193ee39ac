"""No enquiry is left unanswered silently: after ENQUIRY_REMIND_WORKING_DAYS working days
(Finnish holidays respected) the region's officers get one reminder of the open recipients;
after twice that the company is told, with whom to ask. Running the command again sends
nothing twice."""

from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from enquiries.models import Actor, Enquiry, EnquiryEvent, EnquiryRecipient, Event
from enquiries.services import enquiry_close, recipient_answer

from .conftest import deliver, submitted

pytestmark = pytest.mark.django_db


def sent_on(day: str, *slugs, **fields) -> Enquiry:
    """An enquiry sent at 10:00 on ``day`` (YYYY-MM-DD)."""
    enquiry = submitted(*slugs, **fields)
    moment = timezone.make_aware(datetime.fromisoformat(f"{day}T10:00"))
    Enquiry.objects.filter(pk=enquiry.pk).update(confirmed=moment)
    return Enquiry.objects.get(pk=enquiry.pk)


def remind(today, mailoutbox):
    """Run the command as of ``today``; the e-mails it sent."""
    deliver(mailoutbox)  # what went before
    mailoutbox.clear()
    call_command("remind_enquiries", today=today)
    return deliver(mailoutbox)


def test_officers_are_reminded_once_and_the_company_told_once(entries, officers, mailoutbox):
    enquiry = sent_on("2026-12-03", "kylmalabra", "pakkasrata")  # a Thursday
    recipient = EnquiryRecipient.objects.get(enquiry=enquiry, platform__slug="kylmalabra")
    recipient_answer(recipient=recipient, answer="yes")
    # Fri 4, Mon 7, Tue 8, Wed 9: four working days (Independence Day is a Sunday).
    assert remind("2026-12-09", mailoutbox) == []
    reminders = remind("2026-12-10", mailoutbox)
    assert sorted(m.to[0] for m in reminders) == sorted(officers["19"])  # Lapland's only
    assert reminders[0].subject == "1 yhteydenottoon alueella Lappi ei ole vastattu"
    assert "Oy Testi Ab" in reminders[0].body and "3.12.2026" in reminders[0].body
    assert "/admin/enquiries/enquiry/" in reminders[0].body
    assert remind("2026-12-10", mailoutbox) == []  # the same day again: nothing
    assert remind("2026-12-16", mailoutbox) == []  # reminded already; 9 working days
    [told] = remind("2026-12-17", mailoutbox)  # 10 working days
    assert told.to == ["testi@example.fi"]
    assert told.subject == "1 vastaanottaja ei ole vastannut yhteydenottoosi"
    assert "officer-19@council.example" in told.body and "officer-19b@council.example" in told.body
    assert "/fi/enquiry/manage/" in told.body
    assert entries["with_contact"].name_fi not in told.body.split("Lappi")[0]
    assert remind("2026-12-17", mailoutbox) == []
    assert remind("2027-01-29", mailoutbox) == []
    kinds = EnquiryEvent.objects.filter(actor=Actor.SYSTEM).values_list("kind", flat=True)
    assert sorted(kinds) == [Event.COMPANY_TOLD, Event.REMINDED]


def test_christmas_holidays_are_not_working_days(entries, officers, mailoutbox):
    sent_on("2026-12-22", "pakkasrata")  # Tue; 24, 25 Dec are off, 26–27 a weekend
    assert remind("2026-12-30", mailoutbox) == []  # 23, 28, 29, 30: four
    assert len(remind("2026-12-31", mailoutbox)) == len(officers["19"])


def test_one_reminder_per_officer_lists_every_open_recipient_of_the_region(
    entries, officers, mailoutbox
):
    sent_on("2026-12-01", "pakkasrata", company_name="Ensimmäinen Oy")
    sent_on("2026-12-02", "pakkasrata", company_name="Toinen Oy")
    reminders = remind("2026-12-10", mailoutbox)
    assert len(reminders) == len(officers["19"])
    assert "Ensimmäinen Oy" in reminders[0].body and "Toinen Oy" in reminders[0].body
    assert reminders[0].subject.startswith("2 yhteydenottoon")


def test_closed_and_answered_enquiries_are_left_alone(entries, officers, mailoutbox):
    closed = sent_on("2026-11-02", "pakkasrata")
    enquiry_close(enquiry=closed)
    forwarded = sent_on("2026-11-02", "kylmalabra")
    recipient_answer(
        recipient=forwarded.recipients.get(), answer="no", message="", actor=Actor.PROVIDER
    )
    assert remind("2026-12-10", mailoutbox) == []


def test_a_forwarded_recipient_still_waits_for_an_answer(entries, officers, mailoutbox):
    enquiry = sent_on("2026-12-03", "kylmalabra")
    recipient_answer(
        recipient=enquiry.recipients.get(), answer="forwarded", forward_to="x@lab.example"
    )
    [reminder] = remind("2026-12-10", mailoutbox)
    assert reminder.to == officers["18"] and "välitetty" in reminder.body


def test_a_bad_day_is_an_error_of_the_command(db):
    with pytest.raises(CommandError, match="--today"):
        call_command("remind_enquiries", today="31.12.2026")
