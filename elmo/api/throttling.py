"""The API's limit for anonymous clients: ``API_ANON_RATE`` requests per client address.

Counted with ``elmo.ratelimit``, in the shared cache, so the limit is the same whichever server
or worker answers; the address is the one the configured proxy saw (``NUM_PROXIES``), not one a
client writes into ``X-Forwarded-For``. A request whose token is refused counts as well — it
would otherwise be a free guess — and gets 429 instead of 401 once the address is over the limit.
"""

from django.conf import settings
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import BaseThrottle

from elmo import ratelimit


class AnonymousRateThrottle(BaseThrottle):
    """Anonymous clients get ``API_ANON_RATE`` requests; past it a 429 with Retry-After."""

    def allow_request(self, request, view):
        return request.user.is_authenticated or self.count(request)

    def count(self, request):
        """Count one request of the client's address; whether it is within the limit."""
        key = f"api:{ratelimit.client_address(request)}"
        self.seconds_to_wait = ratelimit.over_limit(key, settings.API_ANON_RATE)
        return not self.seconds_to_wait

    def wait(self):
        return self.seconds_to_wait


class CountedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, whose refusals count against the address's anonymous limit."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            throttle = AnonymousRateThrottle()
            if not throttle.count(request):
                raise Throttled(throttle.wait()) from None
            raise
