"""SQL for the search's database objects, run by migrations, each on its own database.

On PostgreSQL (the migrations of the apps whose tables it searches) only what PostgreSQL itself
ships is used — the built-in text search, ``pg_trgm`` and ``unaccent`` — so that no third-party
C extension runs on a path a public request can reach. On SQLite (``search``'s migrations) the
FTS5 tables built into SQLite: one per searched table, and the trigram index of the vocabulary.
"""

from elmo import i18n

CONFIGURATIONS = {i18n.SEARCH_CONFIGURATIONS[code]: i18n.STEMMERS[code] for code in i18n.STEMMERS}

SETUP = ["CREATE EXTENSION IF NOT EXISTS unaccent", "CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"""
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
        CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base});
        ALTER TEXT SEARCH CONFIGURATION {name}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
      END IF;
    END $$
    """
    for name, base in CONFIGURATIONS.items()
]

# Statistics on this many of the most common words of each search document, instead of the
# default 100. With the default, a word that is not among them is estimated to match hundreds
# of rows at 100 000 entries, and a query for a word that matches nothing reads the whole
# table ("a few rows will be found soon") instead of asking the index.
STATISTICS_TARGET = 1000


def head_sql(table, *, published_only):
    """The small search document of names and keywords, and the order of ties (PostgreSQL).

    - a GIN index on ``search_head``, which finds entries matching in their names and keywords
      without reading their whole documents;
    - a B-tree index on ``(search_quality DESC, id)``: a broad search walks it and stops after
      the few best-filled matches a page needs, instead of ranking every match;
    - more detailed statistics of both documents (``STATISTICS_TARGET``);
    - ``search_head`` of the rows already indexed, taken from their documents.
    """
    where = " WHERE status = 'published'" if published_only else ""
    create = [
        f"CREATE INDEX IF NOT EXISTS {table}_search_head ON {table} USING gin (search_head)",
        f"CREATE INDEX IF NOT EXISTS {table}_search_quality ON {table} "
        f"(search_quality DESC, id){where}",
        f"ALTER TABLE {table} ALTER COLUMN search_document SET STATISTICS {STATISTICS_TARGET}",
        f"ALTER TABLE {table} ALTER COLUMN search_head SET STATISTICS {STATISTICS_TARGET}",
        f"UPDATE {table} SET search_head = ts_filter(search_document, '{{a,b}}') "
        "WHERE search_document IS NOT NULL",
    ]
    drop = [
        f"DROP INDEX IF EXISTS {table}_search_head",
        f"DROP INDEX IF EXISTS {table}_search_quality",
    ]
    return create, drop


def drop_rank_index_sql(table):
    """Remove the rank-ordered index and extension that earlier versions created where the
    server had it: it crashed the server for words whose entries had been vacuumed away."""
    return [
        f"DROP INDEX IF EXISTS {table}_search_rum",
        """
        DO $$ BEGIN
          DROP EXTENSION IF EXISTS rum;
        EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
          RAISE NOTICE 'The rum extension is left in place: %%', SQLERRM;
        END $$
        """,
    ]


# The search documents of every kind of entry (SQLite), and the vocabulary of near misses
# (search.models.SearchWord) by letter triples.
DOCUMENTS = "search_documents"
TRIGRAMS = "search_searchword_trigram"


def sqlite_sql():
    """The FTS5 tables of the search on SQLite, and their removal.

    - the documents of platforms, clusters and organisations in one table, so that BM25 weighs
      a word by how rare it is in the whole registry and the scores of different kinds compare:
      columns ``a``–``d`` for the weights A–D of ``search.document``; the words are written
      already normalised (``search.sqlite.lexemes``), so the tokenizer only splits them; prefix
      indexes of two and three letters serve the search box while typing;
    - the vocabulary's words, indexed by their letter triples (the ``trigram`` tokenizer).
    """
    create = [
        f"CREATE VIRTUAL TABLE {DOCUMENTS} USING fts5(a, b, c, d, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
        f"CREATE VIRTUAL TABLE {TRIGRAMS} USING fts5(word, tokenize = 'trigram')",
    ]
    drop = [f"DROP TABLE IF EXISTS {DOCUMENTS}", f"DROP TABLE IF EXISTS {TRIGRAMS}"]
    return create, drop


def _run_on(vendor, statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != vendor:
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def run_on_postgresql(statements):
    return _run_on("postgresql", statements)


def run_on_sqlite(statements):
    return _run_on("sqlite", statements)


def narrow_rows_sql(table, *, inline):
    """Rows that a broad search reads quickly (PostgreSQL): ``(forward, backward)`` SQL.

    Counting the facets of a search visits every matching row. A row that carries its texts
    and search document inline is a few kilobytes, two rows a page, so a search matching
    40 000 of 100 000 entries reads nearly the whole table. With ``toast_tuple_target`` at its
    minimum, a row over the toast threshold keeps its long texts and documents out of line
    (TOAST, read only when a page shows them), while ``inline`` columns (``STORAGE MAIN``)
    stay in the row. Rows take the new form as they are next written.
    """
    forward = [f"ALTER TABLE {table} SET (toast_tuple_target = 128)"] + [
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE MAIN" for column in inline
    ]
    backward = [f"ALTER TABLE {table} RESET (toast_tuple_target)"] + [
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED" for column in inline
    ]
    return forward, backward
