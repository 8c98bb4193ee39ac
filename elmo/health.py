"""``/healthz`` and ``/readyz`` for load balancers, orchestrators and monitoring.

- ``/healthz``: the process answers — ``{"status": "ok"}``, no database, no cache.
- ``/readyz``: the database and the cache answer — ``{"status": "ok", "checks": {"database":
  "ok", "cache": "ok"}}``, or 503 with ``"status": "unavailable"`` and the failing check marked
  ``"unavailable"``. The database check is fast when PostgreSQL is down because of the
  connection timeouts in settings.py.

``HealthCheckMiddleware``, first in ``MIDDLEWARE``, answers both before anything else runs: no
session or cookie is read or set, there is no language prefix or redirect, and the host is not
checked against ALLOWED_HOSTS (a probe may address the server by its IP; the answers carry
nothing from the request). Neither may be cached.
"""

import secrets

from django.core.cache import cache
from django.db import Error, connection
from django.http import HttpResponseNotAllowed, JsonResponse

from .faults import OutageLog, database_outage

OK = "ok"
UNAVAILABLE = "unavailable"

cache_outage = OutageLog("Cache")


def healthz(request):
    return JsonResponse({"status": OK})


def readyz(request):
    checks = {"database": check_database(request), "cache": check_cache(request)}
    ready = all(status == OK for status in checks.values())
    response = JsonResponse(
        {"status": OK if ready else UNAVAILABLE, "checks": checks},
        status=200 if ready else 503,
    )
    # The failing check was logged once; Django would add an error line per probe.
    response._has_been_logged = True
    return response


def check_database(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as error:
        database_outage.record(error, request)
        return UNAVAILABLE
    return OK


def check_cache(request):
    # A key of its own, so that simultaneous checks do not read each other's value.
    key = f"elmo:readyz:{secrets.token_hex(8)}"
    try:
        cache.set(key, OK, timeout=10)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # every cache backend fails in its own way
        cache_outage.record(error, request)
        return UNAVAILABLE
    if answered != OK:
        cache_outage.record(LookupError("a value just stored was not returned"), request)
        return UNAVAILABLE
    return OK


PATHS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PATHS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            response = view(request)
        else:
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        response["Cache-Control"] = "no-store"
        return response
