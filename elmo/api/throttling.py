from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Anonymous clients get ``API_ANON_RATE`` requests; past it a 429 with Retry-After."""

    def get_rate(self):
        return settings.API_ANON_RATE
