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
"""

import hashlib
import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language
from rest_framework.request import Request
from simple_history.models import HistoricalChanges

CONTENT_APPS = {"priorities", "platforms", "clusters"}
KEY_PREFIX = "elmo:answer"
COPIED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Last-Modified",
    "Content-Disposition",
    "X-Robots-Tag",
)


def content_token():
    version = apps.get_model("elmo", "ContentVersion")
    token = version.objects.values_list("token", flat=True).filter(pk=1).first()
    return token or "none"


def content_changed():
    """A new content token: everything cached so far is no longer served."""
    version = apps.get_model("elmo", "ContentVersion")
    if not version.objects.filter(pk=1).update(token=uuid.uuid4()):
        version.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


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


def _key(request):
    renderer = getattr(request, "accepted_renderer", None)
    raw = "\n".join([request.get_full_path(), get_language(), getattr(renderer, "format", "")])
    return f"{KEY_PREFIX}:{content_token()}:{hashlib.sha256(raw.encode()).hexdigest()}"


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


def cached_response(request, render):
    """The cached answer to this anonymous GET, or ``render()``'s, cached when it may be."""
    if not anonymous_read(request):
        return render()
    key = _key(request)
    stored = cache.get(key)
    if stored is not None:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        return response
    response = render()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if _cacheable(request, response):
        headers = [(h, response.headers[h]) for h in COPIED_HEADERS if h in response.headers]
        cache.set(key, (response.status_code, headers, response.content), settings.CACHE_SECONDS)
    return response


def cached_page(view):
    """Cache a public view's answers for anonymous readers (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return cached_response(request, lambda: view(request, *args, **kwargs))

    return wrapper
