from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        post_migrate.connect(index_missing_documents, sender=self)


def index_missing_documents(using, **kwargs):
    """Index the entries of a SQLite database made before it had a search index.

    The migration that adds the FTS5 tables cannot fill them (the documents are built by the
    current code, from the current models); ``load_ip_area`` rebuilds only what it changed. So
    after migrating, an empty index beside existing entries is filled here, once.
    """
    from django.db import connections

    from .index import rebuild_index
    from .sqlite import indexed

    connection = connections[using]
    if connection.vendor == "sqlite" and not indexed():
        rebuild_index()
