"""The texts of the proposals' e-mails, plain text in the recipient's language: the invitation,
the thanks for an accepted proposal, and a returned one's comment. Each returns
``(subject, body)``."""

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from elmo.addresses import absolute_url


def _render(name: str, language: str, context: dict) -> str:
    with translation.override(language):
        text = render_to_string(f"proposals/email/{name}.txt", context)
    return text.strip() + "\n"


def invitation(*, invitation, link: str) -> tuple[str, str]:
    language = invitation.language
    with translation.override(language):
        platform = invitation.platform
        subject = _("Please check the profile of %(name)s in the ELMO registry") % {
            "name": platform.name
        }
        context = {
            "name": platform.name,
            "page": absolute_url(platform.get_absolute_url()),
            "link": link,
            "expires": formats.date_format(invitation.expires.date()),
        }
    return subject, _render("invitation", language, context)


def _context(proposal, language):
    with translation.override(language):
        platform = proposal.platform
        return {
            "proposal": proposal,
            "name": platform.name if platform else proposal.values.get("name_fi", ""),
            "page": absolute_url(platform.get_absolute_url()) if platform else "",
            "published": bool(platform and platform.is_published),
        }


def thanks(*, proposal) -> tuple[str, str]:
    language = proposal.language
    context = _context(proposal, language)
    with translation.override(language):
        subject = _("Thank you: your update of %(name)s was accepted") % {"name": context["name"]}
    return subject, _render("thanks", language, context)


def returned(*, proposal) -> tuple[str, str]:
    language = proposal.language
    context = _context(proposal, language)
    with translation.override(language):
        subject = _("Your update of %(name)s was returned") % {"name": context["name"]}
    return subject, _render("returned", language, context)
