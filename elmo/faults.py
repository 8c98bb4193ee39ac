"""While the database is unreachable the site answers 503, never a stack trace.

A lost database shows as ``django.db.OperationalError`` or ``InterfaceError`` ("connection
refused", "server closed the connection unexpectedly") wherever the first query runs: in a view,
a template, the API (DRF re-raises errors it does not know), or a middleware before the view (the
session and the signed-in user are read when a session cookie comes in, e.g. by
``accounts.middleware``). Django turns every one of these into a response with ``handler500``,
which is ``server_error`` below — the one place that tells a database outage from a bug. A
middleware's ``process_exception`` would see only the view's errors, not a middleware's.

The answer: a translated page that needs no database (``templates/503.html``), or
``{"detail": …}`` under ``/api/``, with ``Retry-After``. The outage is logged on the
``elmo.faults`` logger in one line, not one traceback per request. With DEBUG on, Django shows
its debug page instead, as for any error.

Recovery needs nothing from here: a connection that failed during a request is closed at its
end, and with ``CONN_HEALTH_CHECKS`` Django tests a persistent connection before reusing it and
opens a new one when the server went away in between.
"""

import logging
import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from . import i18n

logger = logging.getLogger("elmo.faults")

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client is asked to wait before trying again.
RETRY_AFTER = 30


class OutageLog:
    """Reports a failing dependency in one line a minute at most, however many requests fail.

    The first failure is logged with its error; later ones within ``interval`` seconds are only
    counted, and the next line says how many there were.
    """

    interval = 60

    def __init__(self, subject):
        self.subject = subject
        self._lock = threading.Lock()
        self._logged_at = None
        self._unreported = 0

    def record(self, error, request):
        with self._lock:
            now = time.monotonic()
            if self._logged_at is not None and now - self._logged_at < self.interval:
                self._unreported += 1
                return
            unreported, self._unreported, self._logged_at = self._unreported, 0, now
        logger.warning(
            "%s unavailable (%s %s): %s: %s%s",
            self.subject,
            request.method,
            request.path,
            type(error).__name__,
            " ".join(str(error).split()),  # psycopg2's messages span several lines
            f" [and {unreported} more failures since the previous report]" if unreported else "",
        )

    def reset(self):
        with self._lock:
            self._logged_at = None
            self._unreported = 0


database_outage = OutageLog("Database")


def language_of(request):
    """The language of the address (/fi/, /sv/, /en/), else the one LocaleMiddleware chose."""
    return (
        translation.get_language_from_path(request.path_info)
        or getattr(request, "LANGUAGE_CODE", None)
        or i18n.DEFAULT
    )


def database_unavailable(request, error):
    """The 503 answer: an HTML page, or JSON under /api/."""
    database_outage.record(error, request)
    with translation.override(language_of(request)):
        if request.path_info.startswith("/api/"):
            detail = gettext(
                "The registry is temporarily unavailable. Please try again in a few minutes."
            )
            response = JsonResponse({"detail": detail}, status=503)
        else:
            # Rendered without the request, so no context processor can query the database.
            response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Logged above; Django's request logger would add a line (or a traceback) per request.
    response._has_been_logged = True
    return response


def server_error(request, template_name="500.html"):
    """``handler500``: the error being handled decides between 503 and Django's 500 page.

    Django calls it inside the ``except`` block that caught the error, so ``sys.exc_info()`` is
    that error, whether a view, a template or a middleware raised it.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(request, error)
    from .views import server_error as other_error  # the 500 page, or JSON under /api/

    return other_error(request)
