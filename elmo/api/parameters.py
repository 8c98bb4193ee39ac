"""Query parameters: each operation reads a fixed set, and refuses any other with a 400 that
names it and lists the accepted ones — a misspelt ``regionn=19`` would otherwise silently
filter nothing. The schema declares the same sets (``tests/api/test_api_schema_parameters.py``).
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation

from elmo import i18n

LANGUAGES = list(i18n.LANGUAGES)
# Accepted and ignored by every read: the cache-buster that browser clients add to a request
# they want answered afresh (jQuery's ``cache: false``, the load benchmark), ``?_=1733270400``.
CACHE_BUSTER = "_"


def check_parameters(request, accepted):
    """A 400 naming each query parameter not in ``accepted`` (nor ``CACHE_BUSTER``), with the
    accepted ones."""
    accepted = {*accepted, CACHE_BUSTER}
    unknown = sorted(set(request.query_params) - accepted)
    if unknown:
        message = _("Unknown parameter. Accepted: %(names)s.") % {
            "names": ", ".join(sorted(accepted)) or "-"
        }
        raise exceptions.ValidationError({name: [message] for name in unknown})


class StrictContentNegotiation(DefaultContentNegotiation):
    """``?format=`` must name a format of the operation: an empty or unknown one is a 400
    naming the parameter (DRF would ignore an empty one and answer 404 to an unknown one)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        if not format_suffix and name in request.query_params:
            formats = [renderer.format for renderer in renderers]
            if request.query_params[name] not in formats:
                raise exceptions.ValidationError(
                    {name: [_("Choose from: %(formats)s.") % {"formats": ", ".join(formats)}]}
                )
        return super().select_renderer(request, renderers, format_suffix)


def parse_lang(request):
    """``?lang=``: one of the languages, or ``None`` when not given; anything else is a 400."""
    if "lang" not in request.query_params:
        return None
    lang = request.query_params["lang"]
    if lang not in LANGUAGES:
        raise exceptions.ValidationError({"lang": [_("Choose fi, sv or en.")]})
    return lang


def content_language(request):
    """The language of texts given as plain strings (search, match): ``?lang=``, else the one
    ``Accept-Language`` asks for, else Finnish."""
    lang = parse_lang(request)
    if lang:
        return lang
    if request.headers.get("Accept-Language"):
        return i18n.active()
    return i18n.DEFAULT
