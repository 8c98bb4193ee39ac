"""Caching of what many people ask for: public pages and API answers for anonymous readers.

Answers are stored under the registry's content token (``elmo.models.ContentVersion``), which
every save or deletion of content (regions, priorities, organisations, platforms, clusters and
their links) changes in the same transaction: a publication is visible on the next request,
on every application server. Signed-in users (officers, previews) and API clients with a
token always get a fresh answer, which is never stored; so does any answer that sets a cookie
or carries a CSRF token, and anything but a 200.

Who is anonymous is decided after authentication: a page knows only the session, the API also
a token (``Authorization``), which its authentication reads before ``cached_response`` runs. A
page request that carries an ``Authorization`` header is answered fresh, as nothing there has
read it. The key holds only what changes the answer: the path with its query, the language and,
in the API, the negotiated format — not the host or other headers.

``@cached_page`` wraps a view function; ``cached_response(request, render)`` is the same for
code that renders itself (the API viewsets, after authentication and throttling).

A request that carries neither a session cookie nor an ``Authorization`` header is anonymous
before any middleware looks at it: ``CachedAnswerMiddleware`` answers it from the cache in front
of sessions, languages, CSRF, authentication and messages, which would each cost time and change
nothing. The API's anonymous limit is counted there too. The content token itself is kept in the
cache for ``TOKEN_SECONDS`` and replaced there when a change is committed, so a cached answer
costs no query: with ``REDIS_URL`` every server sees the new token at once; with each process's
own memory (no Redis, a single server) another process may serve the previous answers for up to
``TOKEN_SECONDS``.
"""

import hashlib
import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from rest_framework.request import Request
from simple_history.models import HistoricalChanges

from elmo.api.throttling import AnonymousRateThrottle

CONTENT_APPS = {"priorities", "platforms", "clusters"}
KEY_PREFIX = "elmo:answer"
CONTENT_VERSION_KEY = "elmo:content-version"
# How long a process may go on using the token it read, when nothing tells it of a change.
TOKEN_SECONDS = 10
API_PREFIX = "/api/"
COPIED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Last-Modified",
    "Content-Disposition",
    "X-Robots-Tag",
)


def content_token():
    """The current content token: from the cache, else read from the database and kept there
    for TOKEN_SECONDS."""
    token = cache.get(CONTENT_VERSION_KEY)
    if token is None:
        version = apps.get_model("elmo", "ContentVersion")
        token = str(version.objects.values_list("token", flat=True).filter(pk=1).first() or "none")
        cache.add(CONTENT_VERSION_KEY, token, TOKEN_SECONDS)
    return token


def content_changed():
    """A new content token: everything cached so far is no longer served.

    The token is dropped from the cache at once (this transaction's later reads see the new
    one) and the new one is put there when the transaction commits, before which other
    connections still see the old one.
    """
    version = apps.get_model("elmo", "ContentVersion")
    token = uuid.uuid4()
    if not version.objects.filter(pk=1).update(token=token):
        version.objects.update_or_create(pk=1, defaults={"token": token})
    cache.delete(CONTENT_VERSION_KEY)
    transaction.on_commit(lambda: cache.set(CONTENT_VERSION_KEY, str(token), TOKEN_SECONDS))


def _on_change(sender, **kwargs):
    # The change history of an entry (simple-history's records) is not content: a save of an
    # entry changes the token by itself, its record would change it once more.
    content = sender._meta.app_label in CONTENT_APPS and not issubclass(sender, HistoricalChanges)
    if content and not kwargs.get("raw"):
        content_changed()


def _on_links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _on_change(sender, **kwargs)


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="elmo-content-saved")
    post_delete.connect(_on_change, dispatch_uid="elmo-content-deleted")
    m2m_changed.connect(_on_links_changed, dispatch_uid="elmo-content-links")


def answer_key(request, token=None):
    """The cache key of the answer to ``request`` under ``token`` (the current content token
    if not given): its path and query, its language as the locale middleware chooses it and, in
    the API, the ``Accept`` header that picks the format — nothing else the client sends. The
    same before the middleware ran and after."""
    language = get_language_from_request(request, check_path=True)
    accept = request.headers.get("accept", "") if request.path.startswith(API_PREFIX) else ""
    raw = "\n".join([request.get_full_path(), language, accept])
    token = token or content_token()
    return f"{KEY_PREFIX}:{token}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.headers.get("Cache-Control", "")
        and "no-store" not in response.headers.get("Cache-Control", "")
    )


def anonymous_read(request):
    """Whether this is a GET or HEAD of someone authentication found anonymous, whose answer
    may be shared."""
    if request.method not in ("GET", "HEAD"):
        return False
    if isinstance(request, Request):  # the API, authenticated by token or session already
        return not request.user.is_authenticated
    if "authorization" in request.headers:  # nothing on a page checked it
        return False
    # Without a session cookie no one is signed in: the session is not read (no Vary: Cookie).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def _answer(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(content))
    return response


def cached_response(request, render):
    """The cached answer to this anonymous GET, or ``render()``'s, cached when it may be."""
    if not anonymous_read(request):
        return render()
    key = answer_key(request)
    stored = cache.get(key)
    if stored is not None:
        return _answer(stored)
    response = render()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if _cacheable(request, response):
        headers = [(h, response.headers[h]) for h in COPIED_HEADERS if h in response.headers]
        cache.set(key, (response.status_code, headers, response.content), settings.CACHE_SECONDS)
    return response


class CachedAnswerMiddleware:
    """Answers a stored answer before sessions, languages, CSRF and authentication run, for a
    GET or HEAD that carries no session cookie and no ``Authorization`` header (see the module
    docstring); anything else, and anything not stored, goes on to the view as before.

    The host is checked as the common middleware would (a bad one goes on, to its 400); an API
    request counts against the anonymous limit (one over it goes on, to its 429). Languages
    are answered as the locale middleware would: ``Content-Language``, and ``Vary:
    Accept-Language`` where the path has no language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.answer(request) if self.anonymous(request) else None
        return response if response is not None else self.get_response(request)

    @staticmethod
    def anonymous(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "authorization" not in request.headers
        )

    def answer(self, request):
        # Without the token in the cache nothing is looked up here: the middleware never
        # queries the database, and the view reads the token for what it answers.
        token = cache.get(CONTENT_VERSION_KEY)
        if token is None:
            return None
        try:
            request.get_host()
        except DisallowedHost:
            return None
        stored = cache.get(answer_key(request, token))
        if stored is None:
            return None
        api = request.path.startswith(API_PREFIX)
        if api and not AnonymousRateThrottle().count(request):
            return None
        response = _answer(stored)
        response.headers.setdefault(
            "Content-Language", get_language_from_request(request, check_path=True)
        )
        if api:
            patch_vary_headers(response, ["Accept-Language"])
        return response


def cached_page(view):
    """Cache a public view's answers for anonymous readers (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return cached_response(request, lambda: view(request, *args, **kwargs))

    return wrapper
