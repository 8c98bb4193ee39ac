"""The pages of a need and an enquiry: describe the need and see the matches; write the
enquiry; confirm the e-mail address; view or delete the enquiry. None needs JavaScript."""

import math
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db import connection, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elmo.cache import cached_page
from elmo.ratelimit import client_address, over_limit
from outbox.models import Email
from priorities.models import Region
from search.needs import match_need, need_terms
from signedlinks.links import Reading, State
from signedlinks.views import link_page, refused_page

from .forms import AnswerForm, EnquiryForm, NeedForm, entry_key
from .links import ANSWER, CONFIRM, MANAGE
from .models import MAX_RECIPIENTS, Actor, Enquiry, EnquiryRecipient, Route
from .services import (
    FEW_MATCHES,
    AlreadyConfirmed,
    NotOpen,
    enquiry_close,
    enquiry_confirm,
    enquiry_delete,
    enquiry_submit,
    need_gaps_record,
    recipient_answer,
)


@cached_page
def need(request):
    """The need form and, once a need is given, the platforms and clusters that match it."""
    form = NeedForm(request.GET if "need" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        matches = match_need(data["need"], region=data["region"], services=data["service"])
        results = [(entry_key(match.type, match.entry), match) for match in matches]
        if len(matches) < FEW_MATCHES:
            _record_gap(data["need"], data["region"], matches)
    return render(
        request,
        "enquiries/need.html",
        {"form": form, "results": results, "most": MAX_RECIPIENTS},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _record_gap(need: str, region_code: str, matches) -> None:
    """Count the words of a need that found few matches that no match has (the registry's
    gaps, on the admin dashboard). Each distinct need counts once per cached page."""
    if connection.vendor != "postgresql":
        return  # the terms are PostgreSQL's; SQLite (make run) keeps no gaps
    found = {word for match in matches for word in match.reasons.words}
    words = [t.words[0] for t in need_terms(need) if t.weight == 1 and t.words[0] not in found]
    if words:
        need_gaps_record(words=words, region=_region(region_code))


def _region(code: str) -> Region | None:
    return Region.objects.filter(code=code).first() if code else None


def _form_page(request, form, *, status=200):
    return render(
        request,
        "enquiries/enquiry_form.html",
        {"form": form, "most": MAX_RECIPIENTS, "too_many": len(form.chosen) > MAX_RECIPIENTS},
        status=status,
    )


def _too_many(request, form, wait: int):
    """The form with what was typed and when to send it: 429 with Retry-After."""
    minutes = math.ceil(wait / 60)
    form.add_error(
        None,
        ngettext(
            "Several enquiries have been sent from here or to this e-mail address in a short "
            "time. Please send this one again in %(minutes)d minute; what you wrote is kept "
            "below.",
            "Several enquiries have been sent from here or to this e-mail address in a short "
            "time. Please send this one again in %(minutes)d minutes; what you wrote is kept "
            "below.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response = _form_page(request, form, status=429)
    response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def enquiry_new(request):
    """The enquiry form for the results ticked on the need page (``entry``); on POST, the
    enquiry is stored and the sender asked to confirm the address.

    A filled honeypot gets the same "check your e-mail" answer and stores nothing. Each client
    address may send ``ENQUIRY_RATE`` enquiries and each e-mail address receive
    ``ENQUIRY_EMAIL_RATE`` confirmations, counted in the shared cache.
    """
    if request.method == "GET":
        need_text = request.GET.get("need", "")[:2000]
        form = EnquiryForm(keys=request.GET.getlist("entry"))
        form.initial = {
            "entries": list(form.chosen),
            "message": need_text,
            "need": need_text,
            "region": request.GET.get("region", ""),
            "reply_language": get_language(),
        }
        return _form_page(request, form)
    if request.POST.get("website"):
        return redirect("enquiry-sent")
    form = EnquiryForm(request.POST, keys=request.POST.getlist("offered"))
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    wait = over_limit(f"enquiry:{client_address(request)}", settings.ENQUIRY_RATE) or over_limit(
        f"enquiry-email:{data['email'].lower()}", settings.ENQUIRY_EMAIL_RATE
    )
    if wait:
        return _too_many(request, form, wait)
    enquiry_submit(
        entries=data["entries"],
        company_name=data["company_name"],
        business_id=data["business_id"],
        contact_name=data["contact_name"],
        email=data["email"],
        phone=data["phone"],
        message=data["message"],
        reply_language=data["reply_language"],
        language=get_language(),
        region=_region(data["region"]),
    )
    return redirect("enquiry-sent")


def enquiry_sent(request):
    return render(request, "enquiries/sent.html")


def _refused(request, reading: Reading):
    """The page of a link that is expired, forged or used, with the way to start again."""
    return refused_page(
        request,
        reading,
        again_url=reverse("need"),
        again_text=_("Describe a need and write a new enquiry"),
    )


class Refused(Exception):
    """A link that opens nothing; ``reading`` says why."""

    def __init__(self, reading: Reading):
        self.reading = reading


def _enquiry_of(reading: Reading) -> Enquiry | None:
    """The enquiry a link's value names (its uuid)."""
    return Enquiry.objects.select_related("region").filter(uuid=uuid.UUID(reading.value)).first()


def _recipient_of(reading: Reading) -> EnquiryRecipient | None:
    """The recipient an answer link's value names (``links.answer_value``)."""
    enquiry, _slash, pk = reading.value.partition("/")
    return (
        EnquiryRecipient.objects.select_related(
            "enquiry__region", "platform__region", "cluster__region"
        )
        .filter(enquiry__uuid=uuid.UUID(enquiry), pk=int(pk))
        .first()
    )


def _opened(purpose, token: str, load=_enquiry_of):
    """The reading of a link and what it is for (``load``: the enquiry, by default); raises
    ``Refused`` for a link that is expired, forged or used, or whose enquiry is gone (deleted:
    the link reads as used)."""
    reading = purpose.read(token=token)
    if not reading.valid:
        raise Refused(reading)
    try:
        found = load(reading)
    except ValueError:
        raise Refused(Reading(purpose, State.FORGED)) from None
    if found is None:
        raise Refused(Reading(purpose, State.USED))
    return reading, found


def opens(purpose, load=_enquiry_of):
    """For a page opened by an enquiry's link of ``purpose``: the view gets ``(request, token,
    reading, found)``, ``found`` being what ``load`` reads (the enquiry, by default); a refused
    link gets its page (``_refused``); the answer is private to its reader (``link_page``)."""

    def decorate(view):
        @link_page
        @wraps(view)
        def wrapper(request, token):
            try:
                reading, found = _opened(purpose, token, load)
            except Refused as refused:
                return _refused(request, refused.reading)
            return view(request, token, reading, found)

        return wrapper

    return decorate


@require_http_methods(["GET", "POST"])
@opens(CONFIRM)
def enquiry_confirm_page(request, token, reading, enquiry):
    """The link of the confirmation e-mail: a page that shows the enquiry and a button that
    sends it (a button, not the link itself, so that mail scanners opening links send
    nothing)."""
    if enquiry.confirmed:
        return _refused(request, Reading(CONFIRM, State.USED))
    if request.method == "GET":
        return render(request, "enquiries/confirm.html", {"enquiry": _with_recipients(enquiry)})
    try:
        with transaction.atomic():
            if not CONFIRM.use(reading):  # two clicks at once: the other one sends it
                raise AlreadyConfirmed(enquiry.pk)
            enquiry_confirm(enquiry=enquiry)
    except AlreadyConfirmed:
        return _refused(request, Reading(CONFIRM, State.USED))
    messages.success(request, _("Your enquiry was sent. You also get a copy by e-mail."))
    return redirect("enquiry-manage", token=MANAGE.token(value=str(enquiry.uuid)))


def _with_recipients(enquiry: Enquiry) -> Enquiry:
    return Enquiry.objects.for_list().get(pk=enquiry.pk)


# The state of a recipient with no e-mails left in the outbox: sent ones are deleted after
# OUTBOX_KEEP_SENT_DAYS; a recipient with no address never had one.
WITHOUT_EMAILS = {Route.CONTACT: "sent", Route.OFFICERS: "sent", Route.NOBODY: "nobody"}


def _states(enquiry: Enquiry) -> dict[str, str]:
    """The outbox state of each recipient's e-mails: "sent", "queued" or "failed" (one
    query; e-mails deleted after their retention count as sent)."""
    states = {}
    worst = {"failed": 0, "queued": 1, "sent": 2}
    for reference, status in Email.objects.about(enquiry.reference).values_list(
        "reference", "status"
    ):
        if reference not in states or worst[status] < worst[states[reference]]:
            states[reference] = status
    return states


@opens(MANAGE)
def enquiry_manage(request, token, reading, enquiry):
    """The sender's page of an enquiry: what was sent, to whom, what each recipient answered,
    and the buttons to close it (found what was needed) and to delete it."""
    enquiry = _with_recipients(enquiry)
    states = _states(enquiry)
    recipients = [
        (recipient, states.get(recipient.reference) or WITHOUT_EMAILS.get(recipient.route, ""))
        for recipient in enquiry.recipients.all()
    ]
    return render(
        request,
        "enquiries/manage.html",
        {
            "enquiry": enquiry,
            "recipients": recipients,
            "token": token,
            "retention": settings.ENQUIRY_RETENTION_MONTHS,
        },
    )


@require_POST
@opens(MANAGE)
def enquiry_close_page(request, token, reading, enquiry):
    """The company found what it needed: the recipients' links say so from now on, and no
    reminder goes out."""
    if enquiry_close(enquiry=enquiry):
        messages.success(request, _("Your enquiry is closed. Thank you for telling us."))
    return redirect("enquiry-manage", token=token)


@require_POST
@opens(MANAGE)
def enquiry_delete_page(request, token, reading, enquiry):
    enquiry_delete(enquiry=enquiry)
    return render(request, "enquiries/deleted.html")


@require_http_methods(["GET", "POST"])
@opens(ANSWER, load=_recipient_of)
def enquiry_answer(request, token, reading, recipient):
    """A recipient's answer by the link of its e-mail: we can help, not for us, or forward to
    another address, with an optional message to the company. Once it has answered yes or no,
    or the company has closed the enquiry, the page says so instead."""
    form = AnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and recipient.is_open:
        if form.is_valid():
            data = form.cleaned_data
            try:
                recipient_answer(
                    recipient=recipient,
                    answer=data["answer"],
                    message=data["message"],
                    forward_to=data["forward_to"],
                    actor=Actor.PROVIDER,
                )
            except NotOpen:
                pass
            else:
                messages.success(request, _("Thank you: your answer was sent to the company."))
            return redirect("enquiry-answer", token=token)
        status = 400
    return render(
        request,
        "enquiries/answer.html",
        {"recipient": recipient, "enquiry": recipient.enquiry, "form": form},
        status=status,
    )
