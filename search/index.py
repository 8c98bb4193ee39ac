"""Keeping the search current: each entry's document (``search.document``) written by the back end
of the database, and the vocabulary of near misses (``search.models.SearchWord``).

On PostgreSQL each row gets the columns ``COLUMNS``: ``search_document``, all of it;
``search_head``, its names, keywords and services alone; ``search_quality``
(``search.document.QUALITY``); and on platforms ``search_facets``, its facet values
(``search.document.FACETS``). On SQLite the document goes into the full-text (FTS5) table of
all documents, and the quality and facets into the row. Everything is written by ``reindex`` —
called by every write path (admin, API, imports, ``load_ip_area``) after an entry or something
it shows has changed — and by ``rebuild_index``.

Fast enough for 100 000 entries (README, "Indexing"): the objects entries link to are read in
bulk (``with_links``), Finnish words analysed once (``search.finnish``), documents written in
batches of ``BATCH`` and only where they changed, the next batch built while one is written, and
a full rebuild's batches run on ``WORKERS`` connections at once on PostgreSQL.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from django.apps import apps
from django.db import connection, connections
from django.db.models import Model, QuerySet
from django.utils import translation

from elmo import i18n

from .document import DOCUMENTS, TYPES
from .document import row as document_row
from .engine import backend

COLUMNS = ("search_document", "search_head", "search_quality", "search_facets")
BATCH = 500
# Batches of a rebuild written side by side on PostgreSQL (rebuild_index).
WORKERS = 2
WORD_BATCH = 500


def vocabulary():
    return apps.get_model("search", "SearchWord")


def add_words(words: set[str]) -> None:
    """Add words to the vocabulary of near misses (those it has are left as they are)."""
    if words:
        Word = vocabulary()
        Word.objects.bulk_create(
            [Word(word=word) for word in sorted(words)],
            ignore_conflicts=True,
            batch_size=WORD_BATCH,
        )
        backend().vocabulary_added(sorted(words))


def _prune_words(words: set[str]) -> None:
    """Remove the words of the vocabulary that no entry has any more."""
    Word = vocabulary()
    stale = sorted(set(Word.objects.values_list("word", flat=True)) - words)
    for start in range(0, len(stale), WORD_BATCH):
        Word.objects.filter(word__in=stale[start : start + WORD_BATCH]).delete()


class Links(list):
    """The objects an entry links to by one relation, read in bulk: a list that also answers
    ``.all()``, as the relation's manager does, so that ``search.document`` reads both alike.
    ``link_values`` holds, in the same order, each link row's own columns (what a platform offers of
    a service: ``{"offer_text_fi": …}``), for a link table that has any."""

    def __init__(self) -> None:
        super().__init__()
        self.link_values: list[dict[str, Any]] = []

    def all(self) -> "Links":
        return self


class Linked:
    """An entry as ``search.document`` reads it, with the objects it links to (``links``: a
    relation's name → ``Links``, or the object of a foreign key) read in bulk beforehand."""

    __slots__ = ("_entry", "_links")

    def __init__(self, entry: Model, links: dict[str, Any]):
        self._entry = entry
        self._links = links

    def __getattr__(self, name: str) -> Any:
        links = self._links
        return links[name] if name in links else getattr(self._entry, name)


def with_links(model: type[Model], objects: list[Model], related: list[str]) -> list[Linked]:
    """``objects`` of ``model`` with the objects of each relation of ``related`` (many-to-many
    fields and foreign keys) read in two queries per relation, whatever their number: the
    links, then each linked object once, shared by every entry that links to it.

    A prefetch would make a model instance per link and a manager per ``.all()``: at 100 000
    platforms that was most of the time of a rebuild. The linked objects come in their model's
    default order, as a prefetch gives them in the default language, so the documents are the
    same.
    """
    links: dict[Any, dict[str, Any]] = {obj.pk: {} for obj in objects}
    ids = list(links)
    for name in related:
        field: Any = model._meta.get_field(name)
        target: Any = field.related_model
        own: list[str] = []
        if field.many_to_many:
            through = field.remote_field.through
            source, dest = field.m2m_field_name(), field.m2m_reverse_field_name()
            own = [
                f.attname
                for f in through._meta.concrete_fields
                if not f.is_relation and not f.primary_key
            ]
            rows = list(
                through._default_manager.filter(**{f"{source}__in": ids})
                .order_by()
                .values_list(source, dest, *own)
            )
            pairs = [(row[0], row[1]) for row in rows]
            values = {(row[0], row[1]): dict(zip(own, row[2:], strict=True)) for row in rows}
        else:
            pairs = [
                (obj.pk, value)
                for obj in objects
                if (value := getattr(obj, field.attname)) is not None
            ]
        # In the model's default order, as a prefetch reads them, each one once. That order is
        # by name in the active language: it is the default language's, whoever saves the entry,
        # so that the same entry always gets the same document.
        with translation.override(i18n.DEFAULT):
            linked = list(target._default_manager.filter(pk__in={pk for _, pk in pairs}))
        place = {obj.pk: index for index, obj in enumerate(linked)}
        if field.many_to_many:
            for entry in links.values():
                entry[name] = Links()
            for entry_id, pk in sorted(pairs, key=lambda pair: place.get(pair[1], -1)):
                if pk in place:
                    links[entry_id][name].append(linked[place[pk]])
                    if own:
                        links[entry_id][name].link_values.append(values[entry_id, pk])
        else:
            for entry in links.values():
                entry[name] = None
            for entry_id, pk in pairs:
                links[entry_id][name] = linked[place[pk]] if pk in place else None
    return [Linked(obj, links[obj.pk]) for obj in objects]


def reindex(queryset: QuerySet[Any], *, words: set[str] | None = None) -> int:
    """Rewrite the search documents of the entries of ``queryset``; returns how many.

    ``reindex(InnovationPlatform.objects.filter(pk=platform.pk))``. The words of their names and
    keywords are added to the vocabulary, or to the set ``words`` when one is given.
    """
    model = queryset.model
    builder, related = DOCUMENTS[model._meta.model_name]
    done = 0
    objects = with_links(model, list(queryset.order_by("pk")), related)
    found = set() if words is None else words
    db = backend()
    # While the database writes one batch, the next is built: the write waits on the server,
    # the building on Python, and on a machine with two cores they run side by side. The
    # batches go one at a time through this connection's cursor, in this transaction.
    with connection.cursor() as cursor, ThreadPoolExecutor(max_workers=1) as writer:
        writing: Future[int] | None = None
        for start in range(0, len(objects), BATCH):
            rows = []
            for obj in objects[start : start + BATCH]:
                row, row_words = document_row(obj, builder)
                rows.append(row)
                found |= row_words
            if writing is not None:
                writing.result()
            writing = writer.submit(db.write_documents, model, rows, cursor)
            done += len(rows)
        if writing is not None:
            writing.result()
    if words is None:
        add_words(found)
    return done


def _reindex_batch(
    model: type[Model], ids: list[Any], *, own_connection: bool
) -> tuple[int, set[str]]:
    """``reindex`` of the entries ``ids`` of ``model``: how many, and the words of their names."""
    words: set[str] = set()
    try:
        return reindex(model._default_manager.filter(pk__in=ids), words=words), words
    finally:
        if own_connection:  # a thread of rebuild_index: its connection ends with the batch
            connections.close_all()


def rebuild_index(
    queryset: QuerySet[Any] | None = None, *, stdout: Any = None, batch: int = 5000
) -> int:
    """Rewrite every search document (or those of ``queryset``), in batches by id.

    A rebuild of everything also prunes the vocabulary to the words entries have now, and
    whatever else the back end keeps of entries that are gone.

    On PostgreSQL, outside a transaction, ``WORKERS`` batches run side by side, each on a
    connection of its own, so that the database computes documents on every core; in a
    transaction (which other connections could not see into) the batches run one after another.
    """
    querysets = (
        [queryset]
        if queryset is not None
        else [apps.get_model(*model).objects.all() for model in TYPES.values()]
    )
    side_by_side = connection.vendor == "postgresql" and not connection.in_atomic_block
    total = 0
    words: set[str] = set()
    with ThreadPoolExecutor(max_workers=WORKERS if side_by_side else 1) as pool:
        for qs in querysets:
            model = qs.model
            ids = list(qs.order_by("pk").values_list("pk", flat=True))
            batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
            if side_by_side:
                results = pool.map(partial(_reindex_batch, model, own_connection=True), batches)
            else:
                results = (_reindex_batch(model, ids, own_connection=False) for ids in batches)
            for count, batch_words in results:
                total += count
                add_words(batch_words - words)
                words |= batch_words
                if stdout is not None:
                    stdout.write(f"{model._meta.verbose_name_plural}: {total} indexed")
    if queryset is None:
        _prune_words(words)
        backend().pruned([qs.model for qs in querysets])
    return total


def reindex_for(obj: Model) -> None:
    """Rewrite the documents that show ``obj``: the entry itself and the entries linking to it."""
    Platform = apps.get_model("platforms", "InnovationPlatform")
    Cluster = apps.get_model("clusters", "Cluster")
    Organisation = apps.get_model("platforms", "Organisation")
    name = obj._meta.model_name
    if name == "innovationplatform":
        reindex(Platform.objects.filter(pk=obj.pk))
        reindex(Cluster.objects.filter(members=obj))
    elif name == "cluster":
        reindex(Cluster.objects.filter(pk=obj.pk))
    elif name == "organisation":
        reindex(Organisation.objects.filter(pk=obj.pk))
        reindex(Platform.objects.filter(hosts=obj))
        reindex(Cluster.objects.filter(pk__in=Cluster.objects.filter(partners=obj).values("pk")))
        reindex(Cluster.objects.filter(coordinator=obj))
    elif name in ("service", "priority", "region", "industrialecosystem"):
        links = {
            "service": ("services", None),
            "priority": ("priorities", "priorities"),
            "region": ("region", "region"),
            "industrialecosystem": (None, "ecosystems"),
        }[name]
        if links[0]:
            reindex(Platform.objects.filter(**{links[0]: obj}))
        if links[1]:
            reindex(Cluster.objects.filter(**{links[1]: obj}))
