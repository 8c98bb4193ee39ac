"""Pages opened by signed links: never cached, never indexed, never passing the token on."""

from functools import wraps

from django.shortcuts import render

from .links import Reading


def link_page(view):
    """For a view whose address holds a token: the answer is private to its reader
    (``Cache-Control: no-store``), kept out of search engines, and its address is never sent to
    another site as ``Referer`` (``same-origin``; ``no-referrer`` would make the browser send
    ``Origin: null`` with the page's own forms, which the CSRF check refuses)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def refused_page(request, reading: Reading, *, again_url: str = "", again_text: str = ""):
    """The page for a link that is expired, used or forged, in the language of the address: it
    says which, and what to do (``again_url``/``again_text``: where to start again). A page,
    not an error: status 200, so that every browser and mail client shows it as it is."""
    return render(
        request,
        "signedlinks/refused.html",
        {"state": reading.state.value, "again_url": again_url, "again_text": again_text},
    )
