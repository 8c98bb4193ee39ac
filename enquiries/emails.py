"""The texts of an enquiry's e-mails, plain text in the recipient's language.

Each function returns ``(subject, body)``. What the company typed goes in as it was typed —
plain text needs no escaping and nothing of it becomes a link — and a name can put no header
into a subject: the form refuses line breaks in it, and the outbox refuses a subject with one.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from elmo.addresses import absolute_url

from .routing import Delivery


def _render(name: str, language: str, context: dict) -> str:
    with translation.override(language):
        text = render_to_string(f"enquiries/email/{name}.txt", context)
    return text.strip() + "\n"


def _language_name(code: str, language: str) -> str:
    """``sv`` as a word of ``language``: "ruotsi", "svenska", "Swedish" (Finnish and Swedish
    write language names in lower case)."""
    with translation.override(language):
        name = _(get_language_info(code)["name"])
    return name.lower() if language in ("fi", "sv") else name


def _entry(entry, language: str) -> dict:
    with translation.override(language):
        return {
            "name": entry.name,
            "region": entry.region.name,
            "url": absolute_url(entry.get_absolute_url()),
        }


def confirmation(*, enquiry, entries, link: str) -> tuple[str, str]:
    """To the company: open ``link`` to send the enquiry."""
    language = enquiry.reply_language
    with translation.override(language):
        subject = _("Confirm your enquiry in the ELMO registry")
    body = _render(
        "confirm",
        language,
        {"enquiry": enquiry, "link": link, "entries": [_entry(e, language) for e in entries]},
    )
    return subject, body


def to_recipient(
    *,
    enquiry,
    entry,
    delivery: Delivery,
    others,
    language: str,
    answer_link: str,
    forwarded: bool = False,
) -> tuple[str, str]:
    """To an entry's contact, or to the officers who forward it (``delivery.forward``), or to
    the address it was forwarded to (``forwarded``); each with the link that answers it."""
    model = entry._meta
    with translation.override(language):
        subject = _("Enquiry from %(company)s through the ELMO registry") % {
            "company": enquiry.company_name
        }
        if forwarded:
            subject = _("Forwarded: %(subject)s") % {"subject": subject}
        elif delivery.forward:
            subject = _("No contact on record – please forward: %(subject)s") % {"subject": subject}
        admin = absolute_url(
            reverse(f"admin:{model.app_label}_{model.model_name}_change", args=[entry.pk])
        )
    body = _render(
        "recipient",
        language,
        {
            "enquiry": enquiry,
            "entry": _entry(entry, language),
            "forward": delivery.forward and not forwarded,
            "forwarded": forwarded,
            "answer_link": answer_link,
            "answer_days": 30,
            "admin_url": admin,
            "others": [_entry(other, language) for other in others],
            "company_region": enquiry.region.name if enquiry.region else "",
            "reply_language": _language_name(enquiry.reply_language, language),
        },
    )
    return subject, body


def copy(*, enquiry, sent: list[tuple[object, Delivery]], manage_link: str) -> tuple[str, str]:
    """To the company: who received the enquiry, and the link to view or delete it."""
    language = enquiry.reply_language
    with translation.override(language):
        subject = ngettext(
            "Your enquiry was sent to %(count)d recipient",
            "Your enquiry was sent to %(count)d recipients",
            len(sent),
        ) % {"count": len(sent)}
    body = _render(
        "copy",
        language,
        {
            "enquiry": enquiry,
            "sent": [
                {
                    **_entry(entry, language),
                    "route": delivery.route,
                    "council": entry.region.council_website,
                }
                for entry, delivery in sent
            ],
            "manage_link": manage_link,
            "retention": settings.ENQUIRY_RETENTION_MONTHS,
        },
    )
    return subject, body


def answer(*, enquiry, entry, kind: str, message: str) -> tuple[str, str]:
    """To the company: what a recipient answered ("yes", "no" or "forwarded")."""
    language = enquiry.reply_language
    with translation.override(language):
        subjects = {
            "yes": _("%(entry)s can help with your enquiry"),
            "no": _("%(entry)s: your enquiry is not for us"),
            "forwarded": _("%(entry)s forwarded your enquiry"),
        }
        subject = subjects[kind] % {"entry": entry.name}
    body = _render(
        "answer",
        language,
        {
            "enquiry": enquiry,
            "entry": _entry(entry, language),
            "kind": kind,
            "message": message,
        },
    )
    return subject, body


def reminder(*, region, recipients, days: int, language: str) -> tuple[str, str]:
    """To a region's officers: the recipients of their region that have not answered."""
    with translation.override(language):
        subject = ngettext(
            "%(count)d enquiry of %(region)s has not been answered",
            "%(count)d enquiries of %(region)s have not been answered",
            len(recipients),
        ) % {"count": len(recipients), "region": region.name}
        listed = [
            {
                **_entry(recipient.entry, language),
                "company": recipient.enquiry.company_name,
                "sent": recipient.enquiry.confirmed,
                "status": recipient.get_status_display(),
                "admin_url": absolute_url(
                    reverse("admin:enquiries_enquiry_change", args=[recipient.enquiry_id])
                ),
            }
            for recipient in recipients
        ]
    body = _render(
        "reminder",
        language,
        {"region": region.name, "recipients": listed, "days": days},
    )
    return subject, body


def no_answer(*, enquiry, recipients, contacts, manage_link: str, days: int) -> tuple[str, str]:
    """To the company: the recipients that have not answered, and whom to ask instead
    (``contacts``: per region, the officers' names and addresses or the council's site)."""
    language = enquiry.reply_language
    with translation.override(language):
        subject = ngettext(
            "%(count)d recipient has not answered your enquiry",
            "%(count)d recipients have not answered your enquiry",
            len(recipients),
        ) % {"count": len(recipients)}
    body = _render(
        "no_answer",
        language,
        {
            "enquiry": enquiry,
            "recipients": [_entry(recipient.entry, language) for recipient in recipients],
            "contacts": contacts,
            "manage_link": manage_link,
            "days": days,
        },
    )
    return subject, body
