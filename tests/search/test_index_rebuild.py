"""Rebuilding the index fast changes nothing in what is stored: the memo of Finnish words gives
the documents the analysis of every word gives, and a rebuild writes only what changed.

Each holds on both back ends: the tests run on PostgreSQL, and on SQLite in CI's SQLite step.
"""

import threading

import pytest
from django.apps import apps
from django.db import connection

from clusters.models import Cluster
from platforms.models import InnovationPlatform, Organisation
from search import finnish, rebuild_index, search_entries, sqlite
from search.document import DOCUMENTS, TYPES, row
from search.index import with_links

pytestmark = pytest.mark.django_db


def index_text_word_by_word(text):
    """``finnish.index_text`` as it was before the memo: every word analysed in turn."""
    if not text or not finnish.available():
        return text or ""
    out = []
    for word in finnish.WORD.findall(text):
        lower = word.lower()
        bases, parts = finnish.analyse.__wrapped__(lower)
        out.append(lower)
        out.extend(b for b in bases if b != lower)
        out.extend(parts)
    return " ".join(out)


def all_rows(*, links=False):
    """The document of every platform, cluster and organisation of the real data, read through
    each entry's relations or (``links``) with the linked objects read in bulk."""
    rows = []
    for app, name in TYPES.values():
        model = apps.get_model(app, name)
        builder, related = DOCUMENTS[model._meta.model_name]
        objects = list(model.objects.order_by("pk"))
        if links:
            objects = with_links(model, objects, related)
        rows += [row(obj, builder) for obj in objects]
    return rows


def test_documents_with_the_memo_are_those_without_it(monkeypatch):
    monkeypatch.setattr(finnish, "_memo", {})
    cold = all_rows()
    assert finnish._memo or not finnish.available()
    warm = all_rows()  # every word now from the memo
    monkeypatch.setattr(finnish, "index_text", index_text_word_by_word)
    monkeypatch.setattr("search.document.index_text", index_text_word_by_word)
    without = all_rows()
    assert len(without) > 100
    assert cold == warm == without


def test_documents_of_links_read_in_bulk_are_those_read_entry_by_entry(
    django_assert_max_num_queries,
):
    # A cluster's document leaves out a member that is not published.
    draft = InnovationPlatform.objects.filter(clusters__isnull=False).first()
    InnovationPlatform.objects.filter(pk=draft.pk).update(status="draft")
    by_entry = all_rows()
    # Two queries per relation and one per kind of entry, whatever the number of entries.
    relations = sum(len(related) for _builder, related in DOCUMENTS.values())
    with django_assert_max_num_queries(2 * relations + len(TYPES)):
        in_bulk = all_rows(links=True)
    assert in_bulk == by_entry
    assert len(in_bulk) > 100


@pytest.mark.skipif(not finnish.available(), reason="Voikko is not installed")
def test_the_memo_is_bounded_and_words_beyond_it_are_still_analysed(monkeypatch):
    monkeypatch.setattr(finnish, "_memo", {})
    monkeypatch.setattr(finnish, "MEMO_WORDS", 2)
    text = "Kiertotalouden klusteri Kajaanissa akkulaboratoriossa"
    assert finnish.index_text(text) == index_text_word_by_word(text)
    assert len(finnish._memo) == 2
    assert finnish.index_text(text) == index_text_word_by_word(text)
    assert "kiertotalous kierto talous" in finnish.index_text(text)
    assert len(finnish._memo) == 2


def stored():
    """What the back end holds for every entry, to compare before and after a rebuild."""
    found = {}
    with connection.cursor() as cursor:
        for model in (InnovationPlatform, Cluster, Organisation):
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                columns = "id, search_document::text, search_head::text, search_quality"
                cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608
            else:
                cursor.execute(f"SELECT id, search_quality FROM {table}")  # noqa: S608
            found.update({(table, r[0]): r[1:] for r in cursor.fetchall()})
        if connection.vendor != "postgresql":
            cursor.execute(f"SELECT rowid, a, b, c, d FROM {sqlite.DOCUMENTS}")  # noqa: S608
            found.update({(sqlite.DOCUMENTS, r[0]): r[1:] for r in cursor.fetchall()})
    return found


def row_versions(model):
    """Where each row of ``model`` is stored: a written row moves (a new row version)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, ctid::text FROM {model._meta.db_table}")  # noqa: S608
        return dict(cursor.fetchall())


def test_a_rebuild_writes_only_the_documents_that_changed():
    rebuild_index()
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    # Changed behind the write path's back: only a rebuild puts it in the index.
    InnovationPlatform.objects.filter(pk=platform.pk).update(name_fi="Zyklotronikeskus")
    before = stored()
    models = (InnovationPlatform, Cluster, Organisation)
    if connection.vendor == "postgresql":
        versions = {model: row_versions(model) for model in models}
    assert rebuild_index() == sum(
        apps.get_model(*model).objects.count() for model in TYPES.values()
    )
    after = stored()
    # The platform is no cluster's member: its document alone changed, and only in its text.
    changed = [key for key in before if before[key] != after[key]]
    if connection.vendor == "postgresql":
        assert changed == [(InnovationPlatform._meta.db_table, platform.pk)]
    else:
        assert changed == [(sqlite.DOCUMENTS, sqlite._offset(InnovationPlatform) + platform.pk)]
    found = search_entries(InnovationPlatform.objects.all(), "zyklotronikeskus")
    assert list(found.values_list("pk", flat=True)) == [platform.pk]
    if connection.vendor == "postgresql":
        # Only the changed row was written (a new row version); the others were left alone.
        moved = {
            (model, pk)
            for model in models
            for pk, place in row_versions(model).items()
            if versions[model][pk] != place
        }
        assert moved == {(InnovationPlatform, platform.pk)}


@pytest.mark.skipif(not finnish.available(), reason="Voikko is not installed")
def test_two_threads_may_analyse_words_at_once():
    """A full rebuild builds documents in two threads. Voikko's handle is not to be used by two
    at once (without the lock the process aborts: "corrupted size vs. prev_size")."""
    words = ["kiertotalouden", "akkulaboratoriossa", "Kajaanissa", "supertietokoneella"]
    expected = {word: finnish.analyse.__wrapped__(word.lower()) for word in words}
    found = {}

    def work(start):
        for number in range(2000):
            word = words[(start + number) % len(words)]
            found[word, start, number % 7] = finnish.analyse.__wrapped__(word.lower())

    threads = [threading.Thread(target=work, args=(start,)) for start in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {key[0]: value for key, value in found.items()} == expected
