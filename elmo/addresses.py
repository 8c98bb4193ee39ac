"""Absolute addresses of the site, always on the configured public address (``PUBLIC_URL``).

Never from the request: ALLOWED_HOSTS checks only the host name, so ``Host: localhost:6666``
gets through, and cached answers are served to everyone. And never off the site from a
request path: ``//evil.example/x`` is a path to this server but a link to another site.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def on_site(path: str) -> str:
    """``path`` (with its query) as a link that stays on this site.

    >>> on_site("//evil.example/x?a=1")
    '/evil.example/x?a=1'
    >>> on_site("/fi/platforms/")
    '/fi/platforms/'
    """
    return "/" + path.lstrip("/\\")


def absolute_url(path: str) -> str:
    """The public address of a path of this site: ``/fi/`` → ``https://elmo.example.fi/fi/``."""
    return settings.PUBLIC_URL + on_site(path)


def public_address(url: str) -> str:
    """An absolute address made from the request (by Django or DRF) moved to the public one."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
