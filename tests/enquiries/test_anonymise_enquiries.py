"""anonymise_enquiries, meant to run daily: enquiries sent longer ago than the retention lose
their personal data (the enquiry and its e-mails are deleted) and only monthly figures remain;
unconfirmed ones go after a few days; recent ones are untouched; running it again changes
nothing."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryTally, Route
from enquiries.services import months_before
from outbox.models import Email
from priorities.models import Region

from .conftest import submitted

pytestmark = pytest.mark.django_db


def enquiry(*, sent_ago=None, written_ago=timedelta(0), company="Oy Vanha Ab"):
    made = submitted(
        "lumi-supercomputer",
        "cemis",
        confirmed=sent_ago is not None,
        company_name=company,
        contact_name="Vanha Asiakas",
        email="vanha@example.fi",
        phone="+358 40 765 4321",
        message="Henkilötietoja sisältävä viesti.",
        region=Region.objects.get(code="19"),
    )
    if sent_ago is not None:
        Enquiry.objects.filter(pk=made.pk).update(confirmed=timezone.now() - sent_ago)
    Enquiry.objects.filter(pk=made.pk).update(created=timezone.now() - written_ago)
    return made


def run():
    out = io.StringIO()
    call_command("anonymise_enquiries", stdout=out)
    return out.getvalue()


def test_old_enquiries_leave_only_monthly_figures(superuser):
    old = enquiry(sent_ago=timedelta(days=400), written_ago=timedelta(days=400))
    recent = enquiry(sent_ago=timedelta(days=30), company="Oy Tuore Ab")
    unconfirmed_old = enquiry(written_ago=timedelta(days=4), company="Oy Vahvistamaton Ab")
    unconfirmed_new = enquiry(written_ago=timedelta(hours=20), company="Oy Odottava Ab")
    assert Email.objects.about(old.reference).exists()

    assert run() == (
        "enquiries anonymised: 1; unconfirmed enquiries deleted: 1; words of needs deleted: 0\n"
    )
    remaining = set(Enquiry.objects.values_list("company_name", flat=True))
    assert remaining == {"Oy Tuore Ab", "Oy Odottava Ab"}
    assert not Email.objects.about(old.reference).exists()
    assert not Email.objects.about(unconfirmed_old.reference).exists()
    assert Email.objects.about(recent.reference).exists()
    assert Email.objects.about(unconfirmed_new.reference).exists()
    # What is left of the old one: figures without a name, address or message in them.
    figures = list(EnquiryTally.objects.values_list("region__code", "sender_region__code", "route"))
    assert sorted(figures) == [("18", "19", Route.OFFICERS)]
    assert EnquiryTally.objects.get().recipients == 2
    month = timezone.localtime(timezone.now() - timedelta(days=400)).date().replace(day=1)
    assert EnquiryTally.objects.get().month == month
    assert not any(
        "Vanha" in str(value) or "vanha@" in str(value)
        for row in EnquiryTally.objects.values()
        for value in row.values()
    )
    assert run() == (
        "enquiries anonymised: 0; unconfirmed enquiries deleted: 0; words of needs deleted: 0\n"
    )


def test_the_retention_is_a_setting(settings, superuser):
    enquiry(sent_ago=timedelta(days=70))
    settings.ENQUIRY_RETENTION_MONTHS = 3
    assert run().startswith("enquiries anonymised: 0")
    settings.ENQUIRY_RETENTION_MONTHS = 2
    assert run().startswith("enquiries anonymised: 1")


def test_figures_of_one_month_add_up(superuser):
    for _ in range(3):
        enquiry(sent_ago=timedelta(days=500))
    run()
    assert EnquiryTally.objects.get().recipients == 6


def test_months_before_is_calendar_months():
    moment = datetime(2026, 3, 31, 12, 0)
    assert months_before(moment, 12) == datetime(2025, 3, 31, 12, 0)
    assert months_before(moment, 13) == datetime(2025, 2, 28, 12, 0)
    assert months_before(datetime(2026, 1, 5), 1) == datetime(2025, 12, 5)
