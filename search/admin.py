"""An admin whose saves keep the search current, for what entries show but is not an entry."""

from .index import reindex_for


class ReindexedAdmin:
    """Mixed into the admin of something entries show by name — a region, a priority, a kind
    of service — so that renaming it rewrites the search documents of the entries that show it.
    (Entries themselves are saved through ``entries.services.entry_save``, which does this.)"""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reindex_for(form.instance)
