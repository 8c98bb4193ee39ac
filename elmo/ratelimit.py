"""Counting requests per client in the shared cache, for limits that hold on every server.

The counts live in the default cache — Redis when ``REDIS_URL`` is set, shared by every
application server and worker; otherwise each process's own memory. A limit allows ``limit``
hits per window of ``window`` seconds that starts with the first hit; counting is atomic
(``cache.add`` then ``cache.incr``), so simultaneous requests on several servers are all counted.

    if wait := over_limit(f"feedback:{client_address(request)}", settings.FEEDBACK_RATE):
        ...  # answer 429 with Retry-After: wait

Keys are hashed, so an e-mail address used as a key is not stored in the cache as such.
"""

import hashlib
import math
import time

from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

PREFIX = "elmo:ratelimit"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """A rate as the settings write it: requests allowed and the window in seconds.

    >>> parse_rate("300/minute"), parse_rate("5/hour"), parse_rate("1/s")
    ((300, 60), (5, 3600), (1, 1))
    """
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip()[0]]


def client_address(request) -> str:
    """The client's network address: ``REMOTE_ADDR``, or behind the configured proxy
    (``BEHIND_PROXY``) the address that proxy added to ``X-Forwarded-For`` — never one the
    client wrote there. The API's throttle and the site's limits use the same rule."""
    return BaseThrottle().get_ident(request) or ""


def _counter(key: str) -> str:
    return f"{PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}"


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key``; whether it is within ``limit`` hits in the current window."""
    counter = _counter(key)
    if cache.add(counter, 1, window):
        cache.set(f"{counter}:ends", time.time() + window, window)
        return limit >= 1
    try:
        return cache.incr(counter) <= limit
    except ValueError:  # the window ended between add and incr: this hit opens the next one
        return hit(key, limit=limit, window=window)


def retry_after(key: str, *, window: int) -> int:
    """Seconds until ``key``'s current window ends (at least 1; ``window`` if unknown)."""
    ends = cache.get(f"{_counter(key)}:ends")
    return max(1, math.ceil(ends - time.time())) if ends else window


def over_limit(key: str, rate: str) -> int:
    """Count one hit of ``key`` against ``rate`` (``"5/hour"``): 0 while within it, else the
    seconds until its window ends, for ``Retry-After``."""
    limit, window = parse_rate(rate)
    return 0 if hit(key, limit=limit, window=window) else retry_after(key, window=window)
