"""Addresses of the site: absolute ones always on the configured public address
(``PUBLIC_URL``), and the page addresses of many objects at once.

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


PLACEHOLDER = "page-address-slug"


def page_address(model):
    """``page_address(InnovationPlatform)("lumi")`` is the ``get_absolute_url()`` of the platform
    ``lumi`` in the active language, reversed once for a list of thousands rather than once per
    object. The model's address must depend on its slug alone."""
    prefix, suffix = model(slug=PLACEHOLDER).get_absolute_url().split(PLACEHOLDER)
    return lambda slug: f"{prefix}{slug}{suffix}"
