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


def to_recipient(*, enquiry, entry, delivery: Delivery, others, language: str) -> tuple[str, str]:
    """To an entry's contact, or to the officers who forward it (``delivery.forward``)."""
    model = entry._meta
    with translation.override(language):
        subject = _("Enquiry from %(company)s through the ELMO registry") % {
            "company": enquiry.company_name
        }
        if delivery.forward:
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
            "forward": delivery.forward,
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
