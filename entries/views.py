"""What the public pages of platforms and clusters share."""

from django.shortcuts import get_object_or_404, render


def entry_page(request, model, slug, template, context):
    """The page of the entry ``slug`` of ``model``: published entries for anyone, any entry for
    staff — a preview, marked as such on the page, neither cached nor indexed. ``context(entry)``
    gives what the template shows besides ``entry``.

    ``entry_page(request, Cluster, slug, "clusters/cluster_detail.html", lambda c: {"cluster": c})``
    """
    entries = model.objects.for_detail().visible_to(request.user)
    entry = get_object_or_404(entries, slug=slug)
    response = render(request, template, {"entry": entry, **context(entry)})
    if not entry.is_published:
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Robots-Tag"] = "noindex"
    return response
