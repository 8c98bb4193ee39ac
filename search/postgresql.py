"""The search on PostgreSQL: weighted ``tsvector`` documents, ``tsquery``, ``ts_rank``, ``pg_trgm``.

Each entry row holds its document in ``search_document`` (all three languages, each stemmed by
its ``elmo_fi/sv/en`` text search configuration: unaccent, then PostgreSQL's Snowball stemmer)
and its names, keywords and services alone in ``search_head``; GIN indexes serve both. A query
is read in every language by the same configurations. Only what PostgreSQL ships is used: GIN
and B-tree indexes, ``ts_rank``, ``unaccent`` and ``pg_trgm``.

The same functions as ``search.sqlite``, which ``search.engine`` and ``search.index`` call.
"""

import json
import re

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, Value

from elmo import i18n

from .document import HEAD, RANK_WEIGHTS, WEIGHTS
from .query import LANGUAGES, Term, alternatives, clauses, last_looked_for

CONFIG = i18n.SEARCH_CONFIGURATIONS


def _quote(word):
    return f"'{word}'"


def _alternative(alternative):
    if alternative.prefix:
        return f"{_quote(alternative.words[0])}:*"
    if len(alternative.words) > 1:
        return "(" + " & ".join(_quote(word) for word in alternative.words) + ")"
    return _quote(alternative.words[0])


def tsquery_text(terms: list[Term], language: str, *, prefix=False, parts=True) -> str:
    """A ``to_tsquery`` text built only from word tokens, so nothing typed is syntax.

    With ``parts`` a Finnish compound also matches its parts as separate words; with ``prefix``
    the last word also matches as the start of a word (typing):

    >>> tsquery_text([Term("akku"), Term("kokkola")], "en", prefix=True)
    "('akku') & ('kokkola' | 'kokkola':*)"
    """
    last = last_looked_for(terms)

    def piece(term):
        options = alternatives(term, language, last=term is last, prefix=prefix, parts=parts)
        text = "(" + " | ".join(_alternative(option) for option in options) + ")"
        return "!" + text if term.negated else text

    return " | ".join(" & ".join(piece(term) for term in clause) for clause in clauses(terms))


class NormalizedQuery(SearchQuery):
    """A tsquery the database has already normalised, passed as a constant.

    ``to_tsquery(config, text)`` is a STABLE function: in a WHERE clause PostgreSQL may run it
    (and its dictionaries) once per row. Normalised once and cast, the query is a constant.
    """

    def __init__(self, text):
        super().__init__(Value(text))
        self.text = text

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.text]


def query_for(terms: list[Term], *, prefix: bool, parts: bool) -> str:
    """The query read in every language, as one normalised tsquery text (one round trip); ""
    when no language keeps any of its words.

    Readings that come out the same are kept once: repeated alternatives make PostgreSQL
    overestimate the matches and scan the whole table instead of using the index.
    """
    readings = ", ".join(f"to_tsquery('{CONFIG[code]}', %s)::text" for code in LANGUAGES)
    texts = [tsquery_text(terms, code, prefix=prefix, parts=parts) for code in LANGUAGES]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {readings}", texts)
        readings = [r for r in dict.fromkeys(cursor.fetchone()) if r]
    return " | ".join(f"( {reading} )" for reading in readings)


def matching(model, query: str) -> Q:
    """Entries whose document matches ``query``."""
    return Q(search_document=NormalizedQuery(query))


def rank(model, query: str):
    """``ts_rank`` of the document for ``query``, with the weights of ``RANK_WEIGHTS``."""
    weights = [RANK_WEIGHTS[weight] for weight in reversed(WEIGHTS)]  # D, C, B, A
    return SearchRank(F("search_document"), NormalizedQuery(query), weights=weights)


LEXEME = re.compile(r"('(?:[^']|'')*')(:\*)?")


def in_weights(text: str, weights: str) -> str:
    """The normalised tsquery ``text`` matching only in the parts of the document of
    ``weights`` ("A" names, "B" keywords and services…; see ``search.document``).

    >>> in_weights("'akku' & !'kenno':*", "AB")
    "'akku':AB & !'kenno':*AB"
    """
    return LEXEME.sub(
        lambda m: f"{m.group(1)}:{m.group(2)[1:] if m.group(2) else ''}{weights}", text
    )


def in_names(text: str) -> str:
    """The normalised tsquery ``text`` matching in names only (weight A).

    >>> in_names("'akku' & !'kenno':*")
    "'akku':A & !'kenno':*A"
    """
    return in_weights(text, "A")


def matching_in_names(model, query: str) -> Q:
    return Q(search_head=NormalizedQuery(in_names(query)))


def matching_in_head(model, query: str) -> Q:
    """Entries matching ``query`` in their names, keywords and services (``search_head``)."""
    return Q(search_head=NormalizedQuery(query))


def closest_words(words: list[str], per_word: int) -> dict[str, tuple[str, ...]]:
    """The ``per_word`` words of the vocabulary closest to each of ``words``, in one query.

    ``pg_trgm``'s index finds the words that best contain a word's letters (``<%``:
    ``word_similarity`` of at least 0.6); the most similar come first.
    """
    table = apps.get_model("search", "SearchWord")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.word, v.word FROM unnest(%s::text[]) AS q(word) CROSS JOIN LATERAL ("
            f"SELECT word FROM {table} WHERE q.word <%% word AND word <> q.word "
            "ORDER BY word_similarity(q.word, word) DESC, similarity(q.word, word) DESC, word "
            "LIMIT %s) AS v",
            [words, per_word],
        )
        found = {}
        for word, near in cursor.fetchall():
            found.setdefault(word, []).append(near)
    return {word: tuple(near) for word, near in found.items()}


def write_documents(model, rows, cursor) -> int:
    """Write the search columns of ``rows`` (``search.index.Row``) in one UPDATE through
    ``cursor``; returns how many rows changed.

    One document holds all three languages, each part stemmed by its own language's rules, so a
    query whose words are in different languages (a Swedish town name and an English word) still
    matches. A row whose columns already hold the same is not written: a new row version would
    cost an entry in every index of the table, the search's GIN indexes among them, for nothing.
    The documents are computed once (a materialised CTE), not again for the comparison.
    """
    if not rows:
        return 0
    facets = rows[0].facets is not None
    columns = ["id", "quality"] + [f"t_{code}_{w}" for code in LANGUAGES for w in WEIGHTS]
    columns += ["facets"] if facets else []
    parts = [
        f"setweight(to_tsvector('{CONFIG[code]}', v.t_{code}_{w}), '{w}')"
        for code in LANGUAGES
        for w in WEIGHTS
    ]
    head = "{" + ",".join(HEAD.lower()) + "}"
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    table = model._meta.db_table
    sql = (
        f"WITH d AS MATERIALIZED (SELECT id, quality, {'facets, ' if facets else ''}document, "
        f"ts_filter(document, '{head}') AS head "
        f"FROM (SELECT v.id::bigint AS id, v.quality::smallint AS quality, "
        f"{'v.facets::jsonb AS facets, ' if facets else ''}"
        f"{' || '.join(parts)} AS document "
        f"FROM (VALUES {placeholders}) AS v({', '.join(columns)})) AS built) "
        f"UPDATE {table} AS t SET search_document = d.document, search_head = d.head, "
        f"search_quality = d.quality{', search_facets = d.facets' if facets else ''} "
        f"FROM d WHERE t.id = d.id "
        f"AND (t.search_document IS DISTINCT FROM d.document "
        f"OR t.search_head IS DISTINCT FROM d.head OR t.search_quality IS DISTINCT FROM d.quality"
        f"{' OR t.search_facets IS DISTINCT FROM d.facets' if facets else ''})"
    )
    params = []
    for row in rows:
        params += [
            row.pk,
            row.quality,
            *(row.texts[code, w] for code in LANGUAGES for w in WEIGHTS),
            *([json.dumps(row.facets)] if facets else []),
        ]
    cursor.execute(sql, params)
    return cursor.rowcount


def vocabulary_added(words) -> None:
    """Nothing to do: the trigram index of the vocabulary's table follows its rows."""


def pruned(models) -> None:
    """Nothing to do: a document is a column of its entry's row, and goes with it."""


# The facet values of a row ``m`` of matches, as rows ``f`` with a column ``value``
# (search.engine.facet_counts).
FACET_VALUES = "jsonb_array_elements_text(m.search_facets) AS f(value)"


def with_facet_values(queryset, values):
    """Rows whose ``search_facets`` array holds any of ``values`` (``?|``, GIN-indexed)."""
    return queryset.filter(search_facets__has_any_keys=values)
