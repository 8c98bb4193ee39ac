import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext, ngettext

STARTED = "elmo_signed_in_at"
LAST_SEEN = "elmo_last_request_at"


class SessionTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT idle seconds or SESSION_COOKIE_AGE in all.

    Django alone offers either limit but not both: its session expiry is counted from the
    session's last save, so a session saved on every request (to notice activity) would never
    reach its maximum age. Hence both times are kept in the session and checked here. The
    request then carries on as an anonymous one, so the admin asks for a new sign-in and
    returns to the same page afterwards.

    Requests without a session cookie (the public site, token-authenticated API clients) are
    left alone, so they do not read the session nor get a `Vary: Cookie` header.
    """

    # The time source, replaceable in tests.
    clock = staticmethod(time.time)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self.check(request)
        response = self.get_response(request)
        # Signing in modifies the session; that is when the clock starts.
        if (
            request.session.modified
            and STARTED not in request.session
            and request.user.is_authenticated
        ):
            self.stamp(request, started=self.clock())
        return response

    def check(self, request):
        session = request.session
        now = self.clock()
        started = session.get(STARTED, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            minutes = max(1, settings.SESSION_IDLE_TIMEOUT // 60)
            message = ngettext(
                "You were signed out after %(minutes)d minute without activity. Please sign "
                "in again.",
                "You were signed out after %(minutes)d minutes without activity. Please sign "
                "in again.",
                minutes,
            ) % {"minutes": minutes}
        elif now - started > settings.SESSION_COOKIE_AGE:
            message = gettext(
                "Your sign-in reached its maximum length and has ended. Please sign in again."
            )
        else:
            self.stamp(request, started=started)
            return
        logout(request)
        messages.info(request, message)

    def stamp(self, request, *, started):
        request.session[STARTED] = started
        request.session[LAST_SEEN] = self.clock()
