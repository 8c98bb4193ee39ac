"""Writing enquiries: submit, confirm (the fan-out), delete, anonymise. Each is one transaction
with the e-mails it causes (``outbox``), so an enquiry and its e-mails exist together or not at
all."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import roles
from elmo.workdays import working_days_before
from outbox.services import email_enqueue, emails_forget
from priorities.models import Region

from . import emails
from .links import ANSWER, CONFIRM, MANAGE, answer_value
from .models import (
    ANSWERED,
    MAX_RECIPIENTS,
    OPEN,
    Actor,
    Enquiry,
    EnquiryEvent,
    EnquiryRecipient,
    EnquiryTally,
    Event,
    NeedGap,
    Route,
    Status,
)
from .routing import RECIPIENT_LANGUAGE, Delivery, delivery_for, officers_for

# An unconfirmed enquiry is deleted this long after it was written (its link lasts 48 hours).
UNCONFIRMED_KEPT = timedelta(days=3)


class AlreadyConfirmed(Exception):
    """The enquiry was sent already."""


class NotOpen(Exception):
    """The recipient answered already, or the company closed the enquiry."""


def _type_of(entry) -> str:
    return "platform" if entry._meta.model_name == "innovationplatform" else "cluster"


def enquiry_submit(
    *,
    entries: Sequence,
    company_name: str,
    contact_name: str,
    email: str,
    message: str,
    reply_language: str,
    language: str,
    business_id: str = "",
    phone: str = "",
    region: Region | None = None,
) -> Enquiry:
    """Store an enquiry to ``entries`` (1–5 published platforms and clusters) and queue the
    e-mail that asks its sender to confirm the address. Nothing goes to the recipients yet.

    ``enquiry_submit(entries=[lumi], company_name="Oy Esimerkki Ab", contact_name="Maija",
    email="maija@example.fi", message="…", reply_language="fi", language="fi")``
    """
    if not 1 <= len(entries) <= MAX_RECIPIENTS:
        raise ValueError(f"An enquiry goes to 1–{MAX_RECIPIENTS} recipients, not {len(entries)}.")
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            company_name=company_name,
            business_id=business_id,
            contact_name=contact_name,
            email=email,
            phone=phone,
            message=message,
            reply_language=reply_language,
            language=language,
            region=region,
            consented=timezone.now(),
        )
        EnquiryRecipient.objects.bulk_create(
            EnquiryRecipient(enquiry=enquiry, region_id=entry.region_id, **{_type_of(entry): entry})
            for entry in entries
        )
        link = CONFIRM.link(value=str(enquiry.uuid), language=reply_language)
        subject, body = emails.confirmation(enquiry=enquiry, entries=entries, link=link)
        email_enqueue(
            to=email,
            subject=subject,
            body=body,
            language=reply_language,
            reference=f"{enquiry.reference}:confirm",
        )
    return enquiry


def enquiry_confirm(*, enquiry: Enquiry) -> list[tuple[EnquiryRecipient, Delivery]]:
    """Send a confirmed enquiry: one e-mail per recipient address (``routing.delivery_for``) and
    the company's copy listing who received it. Raises ``AlreadyConfirmed`` the second time."""
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=enquiry.pk)
        )
        if enquiry.confirmed:
            raise AlreadyConfirmed(enquiry.pk)
        enquiry.confirmed = timezone.now()
        enquiry.save(update_fields=["confirmed"])
        recipients = list(enquiry.recipients.select_related("platform__region", "cluster__region"))
        sent = []
        for recipient in recipients:
            delivery = delivery_for(recipient.entry)
            recipient.route = delivery.route
            recipient.save(update_fields=["route"])
            others = [r.entry for r in recipients if r is not recipient]
            subject, body = emails.to_recipient(
                enquiry=enquiry,
                entry=recipient.entry,
                delivery=delivery,
                others=others,
                language=RECIPIENT_LANGUAGE,
                answer_link=ANSWER.link(value=answer_value(recipient), language=RECIPIENT_LANGUAGE),
            )
            for address in delivery.addresses:
                email_enqueue(
                    to=address,
                    subject=subject,
                    body=body,
                    reply_to=enquiry.email,
                    language=RECIPIENT_LANGUAGE,
                    reference=recipient.reference,
                )
            sent.append((recipient, delivery))
        EnquiryEvent.objects.bulk_create(
            EnquiryEvent(
                enquiry=enquiry,
                recipient=recipient,
                created=enquiry.confirmed,
                kind=Event.SENT,
                actor=Actor.COMPANY,
            )
            for recipient, _delivery in sent
        )
        manage = MANAGE.link(value=str(enquiry.uuid), language=enquiry.reply_language)
        subject, body = emails.copy(
            enquiry=enquiry,
            sent=[(recipient.entry, delivery) for recipient, delivery in sent],
            manage_link=manage,
        )
        email_enqueue(
            to=enquiry.email,
            subject=subject,
            body=body,
            language=enquiry.reply_language,
            reference=f"{enquiry.reference}:copy",
        )
    return sent


def recipient_answer(
    *,
    recipient: EnquiryRecipient,
    answer: str,
    message: str = "",
    forward_to: str = "",
    actor: Actor = Actor.PROVIDER,
    user=None,
    now: datetime | None = None,
) -> EnquiryEvent:
    """Record a recipient's answer — ``"yes"`` (we can help), ``"no"`` (not for us) or
    ``"forwarded"`` to ``forward_to`` — and send the company an e-mail about it in its language;
    a forward also sends the enquiry, with its own answer link, to ``forward_to``.

    The recipient answers by its link (``actor=Actor.PROVIDER``) or an officer does on its
    behalf in the admin (``actor=Actor.STAFF, user=request.user``). Raises ``NotOpen`` once it
    has answered yes or no, or once the company has closed the enquiry.

    ``recipient_answer(recipient=r, answer="forwarded", forward_to="lab@example.fi")``
    """
    if answer not in (Status.YES, Status.NO, Status.FORWARDED):
        raise ValueError(f"Not an answer: {answer!r}")
    if answer == Status.FORWARDED:
        validate_email(forward_to)
    now = now or timezone.now()
    with transaction.atomic():
        recipient = (
            EnquiryRecipient.objects.select_for_update(of=("self",))
            .select_related("enquiry__region", "platform__region", "cluster__region")
            .get(pk=recipient.pk)
        )
        enquiry = recipient.enquiry
        if enquiry.closed or recipient.status in ANSWERED:
            raise NotOpen(recipient.pk)
        recipient.status = answer
        if answer == Status.FORWARDED:
            recipient.forwarded_to = forward_to
        elif recipient.answered is None:
            recipient.answered = now
        recipient.save(update_fields=["status", "forwarded_to", "answered"])
        event = EnquiryEvent.objects.create(
            enquiry=enquiry,
            recipient=recipient,
            created=now,
            kind=answer,
            actor=actor,
            user=user,
            message=message,
            forwarded_to=forward_to if answer == Status.FORWARDED else "",
        )
        if answer == Status.FORWARDED:
            _forward(recipient, forward_to)
        subject, body = emails.answer(
            enquiry=enquiry, entry=recipient.entry, kind=answer, message=message
        )
        email_enqueue(
            to=enquiry.email,
            subject=subject,
            body=body,
            reply_to=recipient.entry.contact_email or "",
            language=enquiry.reply_language,
            reference=f"{recipient.reference}:answer",
        )
    return event


def _forward(recipient: EnquiryRecipient, address: str) -> None:
    """Send the enquiry on to ``address``, with the recipient's answer link."""
    enquiry = recipient.enquiry
    others = [
        r.entry
        for r in enquiry.recipients.select_related("platform__region", "cluster__region")
        if r.pk != recipient.pk
    ]
    subject, body = emails.to_recipient(
        enquiry=enquiry,
        entry=recipient.entry,
        delivery=Delivery(Route.CONTACT, (address,)),
        others=others,
        language=RECIPIENT_LANGUAGE,
        answer_link=ANSWER.link(value=answer_value(recipient), language=RECIPIENT_LANGUAGE),
        forwarded=True,
    )
    email_enqueue(
        to=address,
        subject=subject,
        body=body,
        reply_to=enquiry.email,
        language=RECIPIENT_LANGUAGE,
        reference=f"{recipient.reference}:forward",
    )


def enquiry_close(*, enquiry: Enquiry, now: datetime | None = None) -> bool:
    """The company found what it needed: no more answers, reminders or notices. True if it
    was open."""
    now = now or timezone.now()
    with transaction.atomic():
        closed = Enquiry.objects.filter(pk=enquiry.pk, closed__isnull=True).update(closed=now)
        if closed:
            EnquiryEvent.objects.create(
                enquiry=enquiry, created=now, kind=Event.CLOSED, actor=Actor.COMPANY
            )
    return bool(closed)


def _month(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _tally(enquiry: Enquiry) -> None:
    """Add a sent enquiry to the monthly figures."""
    for recipient in enquiry.recipients.all():
        tally, _created = EnquiryTally.objects.get_or_create(
            month=_month(enquiry.confirmed),
            region_id=recipient.region_id,
            sender_region_id=enquiry.region_id,
            entry_type="platform" if recipient.platform_id else "cluster",
            route=recipient.route,
        )
        EnquiryTally.objects.filter(pk=tally.pk).update(recipients=F("recipients") + 1)


def enquiry_delete(*, enquiry: Enquiry) -> None:
    """Delete an enquiry and its e-mails (sent or waiting); a sent one is kept in the monthly
    figures. Its links read as used from then on."""
    with transaction.atomic():
        if enquiry.confirmed:
            _tally(enquiry)
        emails_forget(reference=enquiry.reference)
        for purpose in (CONFIRM, MANAGE):
            purpose.end(value=str(enquiry.uuid))
        enquiry.delete()


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` so many calendar months earlier (the last day of a shorter month).

    >>> months_before(datetime(2026, 3, 31, 12), 1), months_before(datetime(2026, 1, 15), 12)
    (datetime.datetime(2026, 2, 28, 12, 0), datetime.datetime(2025, 1, 15, 0, 0))
    """
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise ValueError(moment)


@dataclass
class Anonymised:
    sent: int = 0
    unconfirmed: int = 0
    gaps: int = 0  # words of needs with few matches, by month


def enquiries_anonymise(*, now: datetime | None = None) -> Anonymised:
    """Delete the personal data of enquiries sent more than ``ENQUIRY_RETENTION_MONTHS`` ago,
    keeping them in the monthly figures, the enquiries never confirmed after
    ``UNCONFIRMED_KEPT``, and the words of needs with few matches (``NeedGap``) of months
    older than the retention. Run daily (``manage.py anonymise_enquiries``)."""
    now = now or timezone.now()
    done = Anonymised()
    expired = Enquiry.objects.confirmed().filter(
        confirmed__lt=months_before(now, settings.ENQUIRY_RETENTION_MONTHS)
    )
    for enquiry in expired.prefetch_related("recipients"):
        enquiry_delete(enquiry=enquiry)
        done.sent += 1
    for enquiry in Enquiry.objects.unconfirmed().filter(created__lt=now - UNCONFIRMED_KEPT):
        enquiry_delete(enquiry=enquiry)
        done.unconfirmed += 1
    # The words of needs go after as long: companies typed them.
    oldest = _month(months_before(now, settings.ENQUIRY_RETENTION_MONTHS))
    done.gaps, _kinds = NeedGap.objects.filter(month__lt=oldest).delete()
    return done


@dataclass
class Reminded:
    officers: int = 0  # reminder e-mails to officers
    recipients: int = 0  # recipients reminded of
    companies: int = 0  # companies told which recipients have not answered


def _waiting(today: date, days: int):
    """The recipients of sent, open enquiries without an answer that have waited at least
    ``days`` working days on ``today`` (``ENQUIRY_REMIND_WORKING_DAYS``)."""
    latest = working_days_before(today, days)
    sent_before = timezone.make_aware(datetime.combine(latest + timedelta(days=1), time.min))
    return EnquiryRecipient.objects.filter(
        status__in=OPEN,
        company_told__isnull=True,
        enquiry__confirmed__lt=sent_before,
        enquiry__closed__isnull=True,
    ).exclude(route=Route.NOBODY)


def _contact(region) -> dict:
    """Whom a company may ask about the recipients of ``region``: its officers (name and
    address), or its council's website when it has none."""
    people = [
        f"{user.get_full_name() or user.get_username()} <{user.email}>"
        for user in roles.officers_of(region).exclude(email="").order_by("pk")
    ]
    return {"region": region.name, "people": people, "council": region.council_website}


def enquiries_remind(*, now: datetime | None = None) -> Reminded:
    """The daily follow-up of unanswered enquiries (``manage.py remind_enquiries``).

    A recipient without a yes or no ``ENQUIRY_REMIND_WORKING_DAYS`` (5) working days after
    the enquiry was sent — Finnish public holidays respected (``elmo.workdays``) — gets its
    region's officers one reminder: one e-mail per officer listing the region's open
    recipients. After twice as many the company is told which recipients have not answered
    and whom to ask instead. Each is recorded on the recipient (``reminded``,
    ``company_told``) in the transaction of its e-mail, so a second run the same day, or a
    run that overlaps another, sends nothing twice.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = settings.ENQUIRY_REMIND_WORKING_DAYS
    done = Reminded()
    # The officers, per region.
    due = _waiting(today, days).filter(reminded__isnull=True)
    for region_id in sorted(set(due.values_list("region", flat=True))):
        with transaction.atomic():
            recipients = list(
                due.filter(region_id=region_id)
                .select_for_update(of=("self",), skip_locked=True)
                .select_related("enquiry", "region", "platform__region", "cluster__region")
                .order_by("enquiry__confirmed", "pk")
            )
            if not recipients:
                continue
            region = recipients[0].region
            subject, body = emails.reminder(
                region=region, recipients=recipients, days=days, language=RECIPIENT_LANGUAGE
            )
            for address in officers_for(region_id):
                email_enqueue(
                    to=address,
                    subject=subject,
                    body=body,
                    language=RECIPIENT_LANGUAGE,
                    reference=f"enquiries:reminder:{region.code}",
                )
                done.officers += 1
            EnquiryRecipient.objects.filter(pk__in=[r.pk for r in recipients]).update(reminded=now)
            EnquiryEvent.objects.bulk_create(
                EnquiryEvent(
                    enquiry_id=recipient.enquiry_id,
                    recipient=recipient,
                    created=now,
                    kind=Event.REMINDED,
                    actor=Actor.SYSTEM,
                )
                for recipient in recipients
            )
            done.recipients += len(recipients)
    # The companies, per enquiry.
    # Read at once, then each enquiry's recipients locked and checked again in its own
    # transaction: a catch-up of thousands costs one wide query, not one per enquiry.
    told = (
        _waiting(today, 2 * days)
        .select_related("enquiry", "region", "platform__region", "cluster__region")
        .order_by("enquiry_id", "pk")
    )
    contacts: dict[int, dict] = {}  # per region, once per run
    for _enquiry_id, group in groupby(told, key=attrgetter("enquiry_id")):
        group = list(group)
        with transaction.atomic():
            still = set(
                EnquiryRecipient.objects.select_for_update(skip_locked=True)
                .filter(pk__in=[r.pk for r in group], company_told__isnull=True)
                .values_list("pk", flat=True)
            )
            recipients = [r for r in group if r.pk in still]
            if not recipients:
                continue
            enquiry = recipients[0].enquiry
            regions = sorted({r.region for r in recipients}, key=lambda region: region.name)
            for region in regions:
                if region.pk not in contacts:
                    contacts[region.pk] = _contact(region)
            subject, body = emails.no_answer(
                enquiry=enquiry,
                recipients=recipients,
                contacts=[contacts[region.pk] for region in regions],
                manage_link=MANAGE.link(value=str(enquiry.uuid), language=enquiry.reply_language),
                days=2 * days,
            )
            email_enqueue(
                to=enquiry.email,
                subject=subject,
                body=body,
                language=enquiry.reply_language,
                reference=f"{enquiry.reference}:no-answer",
            )
            EnquiryRecipient.objects.filter(pk__in=[r.pk for r in recipients]).update(
                company_told=now
            )
            EnquiryEvent.objects.bulk_create(
                EnquiryEvent(
                    enquiry=enquiry,
                    recipient=recipient,
                    created=now,
                    kind=Event.COMPANY_TOLD,
                    actor=Actor.SYSTEM,
                )
                for recipient in recipients
            )
            done.companies += 1
    return done


# A need with fewer results than this on the need page is a gap in the registry.
FEW_MATCHES = 3
GAP_WORDS = 10


def need_gaps_record(
    *, words: Sequence[str], region: Region | None = None, now: datetime | None = None
) -> int:
    """Count the ``words`` of a need that found few matches (``FEW_MATCHES``) in this month's
    gaps, for the company's ``region`` if given: single words, lower-case, at most
    ``GAP_WORDS``, never the need's text. Returns how many were counted.

    ``need_gaps_record(words=["fotoniikka"], region=kainuu)``
    """
    month = _month(now or timezone.now())
    kept = [w.lower() for w in dict.fromkeys(words) if 3 <= len(w) <= 60][:GAP_WORDS]
    with transaction.atomic():
        for word in kept:
            gap, _created = NeedGap.objects.get_or_create(month=month, word=word, region=region)
            NeedGap.objects.filter(pk=gap.pk).update(needs=F("needs") + 1)
    return len(kept)
