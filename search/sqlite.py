"""The search on SQLite (the quick local run): FTS5 tables that read words as PostgreSQL does.

One FTS5 table (``migration_sql.DOCUMENTS``) holds the document of every platform, cluster and
organisation, one column per weight (A–D), each with the words of all three languages as
PostgreSQL's ``elmo_fi/sv/en`` configurations store them (``lexemes``): without accents, in
lower case, stop words left out, stemmed by the same Snowball algorithms (the pure-Python
``snowballstemmer``, pinned to the release whose stemmers PostgreSQL 15 ships) — so a query is
read word for word as on PostgreSQL. The stop word lists are Snowball's, as PostgreSQL ships
them (``stopwords/``).

- Matching: one FTS5 expression, the query read in every language (``query_for``).
- Ranking: FTS5's BM25 for that expression with ``RANK_WEIGHTS`` per column (``Bm25``), as
  PostgreSQL ranks with ``ts_rank`` for its query.
- Near misses: the vocabulary's words in an FTS5 table with the ``trigram`` tokenizer find the
  candidates sharing most letter triples with a word; ``pg_trgm``'s ``word_similarity`` and
  ``similarity``, in Python, choose among them as PostgreSQL does.

One difference: a clause of excluded words alone (``-lyijy OR akku``, whose first clause is
``-lyijy``) matches nothing here; on PostgreSQL it matches every entry without the word.
"""

import functools
import json
import re
import threading
import unicodedata
from pathlib import Path

import snowballstemmer
from django.apps import apps
from django.db import connection
from django.db.models import Expression, F, FloatField, Q
from django.db.models.expressions import RawSQL

from elmo import i18n

from .document import HEAD, RANK_WEIGHTS, TYPES, WEIGHTS
from .migration_sql import DOCUMENTS, TRIGRAMS
from .query import LANGUAGES, Term, alternatives, clauses, last_looked_for

SNOWBALL = i18n.STEMMERS
STOP_WORDS = {
    code: frozenset(
        (Path(__file__).with_name("stopwords") / f"{name}.txt").read_text("utf-8").split()
    )
    for code, name in SNOWBALL.items()
}
# Letters that PostgreSQL's unaccent rewrites but Unicode does not decompose.
UNACCENT = str.maketrans(
    {
        "æ": "ae", "Æ": "AE", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "þ": "th", "Þ": "TH",
        "ß": "ss", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i", "ł": "l", "Ł": "L",
        "ŀ": "l", "Ŀ": "L", "ŋ": "n", "Ŋ": "N", "œ": "oe", "Œ": "OE", "ŧ": "t", "Ŧ": "T",
    }
)  # fmt: skip
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Candidates for near misses read from the trigram index, per word, before pg_trgm's measures
# choose among them; PostgreSQL's `<%` keeps words of word_similarity ≥ 0.6.
NEAR_CANDIDATES = 50
WORD_SIMILARITY_THRESHOLD = 0.6
BATCH = 500
# An entry's rowid in DOCUMENTS: its id plus the offset of its kind (a multiple of SPAN).
SPAN = 1 << 40

_local = threading.local()


def unaccent(text: str) -> str:
    """``text`` without diacritics, as PostgreSQL's ``unaccent`` gives it.

    >>> unaccent("Ympäristö Åbo Małopolska")
    'Ymparisto Abo Malopolska'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(UNACCENT))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stemmer(language):
    # A stemmer keeps state while it works: one per thread.
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(SNOWBALL[language])
    return stemmers[language]


@functools.lru_cache(maxsize=200_000)
def _lexeme(token, language):
    word = token.lower()
    if any(char.isdigit() for char in word):  # numbers and such as "6g": as they are
        return word
    if word in STOP_WORDS[language]:
        return None
    return _stemmer(language).stemWord(word)


def lexemes(text: str, language: str) -> list[str]:
    """The words of ``text`` as PostgreSQL's ``elmo_<language>`` configuration stores them.

    >>> lexemes("Kiertotalouden klusterit ja ympäristö", "fi")
    ['kiertotaloud', 'kluster', 'ymparisto']
    >>> lexemes("the battery laboratories", "en")
    ['batteri', 'laboratori']
    """
    return [
        lexeme for token in WORD.findall(unaccent(text)) if (lexeme := _lexeme(token, language))
    ]


# --- documents ----------------------------------------------------------------------------------


def _offset(model):
    """Where the rowids of ``model``'s entries start in DOCUMENTS."""
    labels = [f"{app}.{name}".lower() for app, name in TYPES.values()]
    return (labels.index(model._meta.label_lower) + 1) * SPAN


def _of_kind(model):
    """SQL: the rows of DOCUMENTS of ``model``'s entries, and the entry id of a row."""
    offset = _offset(model)
    return f"rowid >= {offset} AND rowid < {offset + SPAN}", f"rowid - {offset}"


def write_documents(model, rows, cursor) -> int:
    """Replace the FTS5 rows of ``rows`` (``search.document.Row``) and set their quality,
    through ``cursor``; returns how many changed. Those already as they would be written are
    left alone."""
    if not rows:
        return 0
    table, offset = model._meta.db_table, _offset(model)
    columns = ", ".join(weight.lower() for weight in WEIGHTS)
    documents = {
        offset + row.pk: tuple(
            " ".join(" ".join(lexemes(row.texts[code, weight], code)) for code in LANGUAGES)
            for weight in WEIGHTS
        )
        for row in rows
    }
    marks = ", ".join(["%s"] * len(rows))
    cursor.execute(
        f"SELECT rowid, {columns} FROM {DOCUMENTS} WHERE rowid IN ({marks})", list(documents)
    )
    held = {rowid: tuple(texts) for rowid, *texts in cursor.fetchall()}
    facets = rows[0].facets is not None
    cursor.execute(
        f"SELECT id, search_quality, {'search_facets' if facets else 'NULL'} FROM {table} "
        f"WHERE id IN ({marks})",
        [row.pk for row in rows],
    )
    stored = {pk: (quality, value) for pk, quality, value in cursor.fetchall()}

    def written(row):
        return (row.quality, json.dumps(row.facets) if facets else None)

    changed = [
        row
        for row in rows
        if held.get(offset + row.pk) != documents[offset + row.pk]
        or stored.get(row.pk) != written(row)
    ]
    if not changed:
        return 0
    cursor.execute(
        f"DELETE FROM {DOCUMENTS} WHERE rowid IN ({', '.join(['%s'] * len(changed))})",
        [offset + row.pk for row in changed],
    )
    cursor.executemany(
        f"INSERT INTO {DOCUMENTS} (rowid, {columns}) VALUES (%s{', %s' * len(WEIGHTS)})",
        [(offset + row.pk, *documents[offset + row.pk]) for row in changed],
    )
    cursor.executemany(
        f"UPDATE {table} SET search_quality = %s"
        f"{', search_facets = %s' if facets else ''} WHERE id = %s",
        [(*written(row)[: 2 if facets else 1], row.pk) for row in changed],
    )
    return len(changed)


def vocabulary_added(words: list[str]) -> None:
    """Put the vocabulary's new ``words`` into its trigram index (same rowid as their row)."""
    table = apps.get_model("search", "SearchWord")._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(words), BATCH):
            batch = words[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {TRIGRAMS} (rowid, word) SELECT v.rowid, v.word FROM {table} v "
                f"WHERE v.word IN ({', '.join(['%s'] * len(batch))}) "
                f"AND NOT EXISTS (SELECT 1 FROM {TRIGRAMS} t WHERE t.rowid = v.rowid)",
                batch,
            )


def pruned(models) -> None:
    """After a full rebuild: drop the documents of entries and the trigrams of words now gone."""
    table = apps.get_model("search", "SearchWord")._meta.db_table
    with connection.cursor() as cursor:
        for model in models:
            kind, entry = _of_kind(model)
            cursor.execute(
                f"DELETE FROM {DOCUMENTS} WHERE {kind} "
                f"AND {entry} NOT IN (SELECT id FROM {model._meta.db_table})"
            )
        cursor.execute(f"DELETE FROM {TRIGRAMS} WHERE rowid NOT IN (SELECT rowid FROM {table})")


# --- queries ------------------------------------------------------------------------------------


def _phrase(lexeme, prefix=False):
    # A lexeme has only letters and digits: quoted, it is one token and never syntax.
    return f'"{lexeme}"' + ("*" if prefix else "")


def _alternative(alternative, language):
    """The FTS5 text of one ``query.Alternative`` in ``language``; None if only stop words."""
    words = [lexeme for word in alternative.words for lexeme in lexemes(word, language)]
    if not words:
        return None
    phrases = [_phrase(word) for word in words[:-1]] + [_phrase(words[-1], alternative.prefix)]
    return phrases[0] if len(phrases) == 1 else "(" + " AND ".join(phrases) + ")"


def _group(texts, operator):
    """``texts`` joined by ``operator``, in parentheses when there are several."""
    return texts[0] if len(texts) == 1 else "(" + f" {operator} ".join(texts) + ")"


def _reading(terms, language, *, prefix, parts):
    """The query read in ``language``: its clauses (``query.clauses``), each of every word looked
    for, NOT any excluded word. Stop words drop out, as in PostgreSQL's ``to_tsquery``."""
    last = last_looked_for(terms)
    found = []
    for clause in clauses(terms):
        wanted, unwanted = [], []
        for term in clause:
            options = alternatives(term, language, last=term is last, prefix=prefix, parts=parts)
            texts = [_alternative(option, language) for option in options]
            texts = list(dict.fromkeys(text for text in texts if text))
            if texts:
                (unwanted if term.negated else wanted).append(_group(texts, "OR"))
        if wanted:
            text = _group(wanted, "AND")
            found.append(f"({text} NOT {_group(unwanted, 'OR')})" if unwanted else text)
    return _group(found, "OR") if found else ""


def query_for(terms: list[Term], *, prefix: bool, parts: bool) -> str:
    """The query read in every language, as one FTS5 query; "" when no language keeps any of
    its words. Readings that come out the same are kept once.

    >>> query_for([Term("battery"), Term("vety", negated=True)], prefix=False, parts=False)
    '(("battery" NOT "vety") OR ("batteri" NOT "veti"))'
    """
    readings = [_reading(terms, code, prefix=prefix, parts=parts) for code in LANGUAGES]
    readings = [reading for reading in dict.fromkeys(readings) if reading]
    return _group(readings, "OR") if readings else ""


def matching(model, query: str) -> Q:
    """Entries of ``model`` whose document matches the FTS5 expression ``query``."""
    kind, entry = _of_kind(model)
    return Q(
        pk__in=RawSQL(
            f"SELECT {entry} FROM {DOCUMENTS} WHERE {DOCUMENTS} MATCH %s AND {kind}", [query]
        )
    )


def matching_in_names(model, query: str) -> Q:
    return matching(model, f"{{{WEIGHTS[0].lower()}}} : ({query})")


def matching_in_head(model, query: str) -> Q:
    """Entries matching ``query`` in their names, keywords and services (weights A and B)."""
    return matching(model, f"{{{' '.join(w.lower() for w in HEAD)}}} : ({query})")


class Bm25(Expression):
    """BM25 of an entry for an FTS5 query, with ``RANK_WEIGHTS`` per column; higher is better.

    The scores of all matches are computed once per query (a materialised subquery) and each
    row looks its own up: asked row by row, FTS5 would count the documents of every word again
    for each row (a second instead of milliseconds at 5 000 matches).
    """

    output_field = FloatField()

    def __init__(self, model, expression):
        super().__init__()
        self.model = model
        self.expression = expression
        self.pk = F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        kind, entry = _of_kind(self.model)
        weights = ", ".join(str(RANK_WEIGHTS[weight]) for weight in WEIGHTS)
        sql = (
            f"(WITH scores AS MATERIALIZED (SELECT {entry} AS id, -bm25({DOCUMENTS}, {weights}) "
            f"AS score FROM {DOCUMENTS} WHERE {DOCUMENTS} MATCH %s AND {kind}) "
            f"SELECT score FROM scores WHERE id = {pk_sql})"
        )
        return sql, [self.expression, *pk_params]


def rank(model, query: str) -> Bm25:
    """BM25 of the document for ``query``, with the weights of ``RANK_WEIGHTS``."""
    return Bm25(model, query)


# --- near misses --------------------------------------------------------------------------------


def trigrams(text: str) -> list[str]:
    """``pg_trgm``'s letter triples of ``text``, in order: each word padded with two spaces
    before and one after.

    >>> trigrams("Vety")
    ['  v', ' ve', 'vet', 'ety', 'ty ']
    """
    found = []
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        found += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return found


def similarity(a: str, b: str) -> float:
    """``pg_trgm``'s ``similarity``: shared triples of all triples of both."""
    x, y = set(trigrams(a)), set(trigrams(b))
    return len(x & y) / len(x | y) if x | y else 0.0


def word_similarity(a: str, b: str) -> float:
    """``pg_trgm``'s ``word_similarity``: the best ``similarity`` of ``a``'s triples to those
    of any continuous stretch of ``b``'s.

    >>> word_similarity("word", "two words")
    0.8
    """
    wanted, sequence, best = set(trigrams(a)), trigrams(b), 0.0
    for start in range(len(sequence)):
        stretch = set()
        for triple in sequence[start:]:
            stretch.add(triple)
            best = max(best, len(wanted & stretch) / len(wanted | stretch))
    return best


def closest_words(words: list[str], per_word: int) -> dict[str, tuple[str, ...]]:
    """The ``per_word`` words of the vocabulary closest to each of ``words``, in one query.

    The trigram index gives each word's NEAR_CANDIDATES words sharing most of its letter
    triples; ``word_similarity`` of at least WORD_SIMILARITY_THRESHOLD keeps them, the most
    similar first, as ``pg_trgm`` orders them on PostgreSQL.
    """
    parts, params = [], []
    for n, word in enumerate(words):
        triples = list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))
        if not triples:  # shorter than three letters
            continue
        parts.append(
            f"SELECT * FROM (SELECT {n} AS n, word FROM {TRIGRAMS} WHERE {TRIGRAMS} MATCH %s "
            "ORDER BY rank LIMIT %s)"
        )
        params += [" OR ".join(_phrase(triple) for triple in triples), NEAR_CANDIDATES]
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        candidates = cursor.fetchall()
    found = {}
    for n, candidate in candidates:
        word = words[n]
        score = word_similarity(word, candidate)
        if candidate != word and score >= WORD_SIMILARITY_THRESHOLD:
            found.setdefault(word, []).append((-score, -similarity(word, candidate), candidate))
    return {word: tuple(c for *_s, c in sorted(near)[:per_word]) for word, near in found.items()}


def indexed() -> bool:
    """Whether the search has documents, or nothing to index: no entry of any kind, or no
    FTS5 table (migrated back before it)."""
    if DOCUMENTS not in connection.introspection.table_names():
        return True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DOCUMENTS})")
        if cursor.fetchone()[0]:
            return True
        for app_label, model_name in TYPES.values():
            table = apps.get_model(app_label, model_name)._meta.db_table
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                return False
    return True


# The facet values of a row ``m`` of matches, as rows ``f`` with a column ``value``
# (search.engine.facet_counts).
FACET_VALUES = "json_each(m.search_facets) AS f"


def with_facet_values(queryset, values):
    """Rows whose ``search_facets`` array holds any of ``values``."""
    table = queryset.model._meta.db_table
    marks = ", ".join(["%s"] * len(values))
    return queryset.filter(
        pk__in=RawSQL(
            f"SELECT t.id FROM {table} AS t, json_each(t.search_facets) AS f "
            f"WHERE f.value IN ({marks})",
            values,
        )
    )
