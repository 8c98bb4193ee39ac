"""The API's errors: one JSON shape, in English unless ``Accept-Language`` asks for Finnish or
Swedish.

Every error body is ``{"detail": "…"}``; a 400 about fields or parameters also carries a list
of messages per name: ``{"detail": "Invalid input.", "regionn": ["Unknown parameter. …"]}``
(``elmo.api.schema.ERROR_SCHEMA``).
"""

from django.utils import translation
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, with every body in the shared shape; a write refused only because a
    unique value (a slug) is taken already is a 409 Conflict, not a 400."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, exceptions.ValidationError) and set(_codes(exc.get_codes())) == {
            "unique"
        }:
            response.status_code = 409
        response.data = error_body(response.data)
    return response


def _codes(codes):
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        return [code for item in codes for code in _codes(item)]
    return [codes]


def error_body(data):
    """``{"detail": …}`` with each field's messages as a flat list of strings.

    >>> error_body({"region": ["Unknown."], "service": {"0": ["Too long."]}})
    {'detail': 'Invalid input.', 'region': ['Unknown.'], 'service': ['0: Too long.']}
    >>> error_body(["Refused."])
    {'detail': 'Refused.'}
    """
    if isinstance(data, dict) and set(data) == {"detail"}:
        return {"detail": str(data["detail"])}
    if isinstance(data, list):
        return {"detail": " ".join(str(message) for message in data)}
    body = {"detail": str(data.get("detail", exceptions.ValidationError.default_detail))}
    for name, messages in data.items():
        if name != "detail":
            body[str(name)] = _messages(messages)
    return body


def _messages(value, prefix=""):
    if isinstance(value, dict):
        return [
            message
            for key, item in value.items()
            for message in _messages(item, f"{prefix}{key}: ")
        ]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item, prefix)]
    return [f"{prefix}{value}"]


class ApiLanguageMiddleware:
    """Under /api/, English unless the client's ``Accept-Language`` names another of the
    registry's languages (LocaleMiddleware would fall back to Finnish, the site's default).
    The language of content is chosen with ``?lang=``, not here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/") or request.headers.get("Accept-Language"):
            return self.get_response(request)
        previous = translation.get_language()
        translation.activate("en")
        request.LANGUAGE_CODE = "en"
        try:
            response = self.get_response(request)
        finally:
            # As LocaleMiddleware left it: what is streamed later is made in that language.
            translation.activate(previous)
        response.headers.setdefault("Content-Language", "en")
        return response
