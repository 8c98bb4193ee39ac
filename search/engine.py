"""Search over platforms, clusters and organisations in three languages.

On PostgreSQL: the weighted document of ``search.index`` (all three languages, each stemmed by
its ``elmo_fi/sv/en`` text search configuration with unaccent); the query is read in every
language, Finnish words also as their Voikko base forms; when whole words find little, also as
compound parts and the last word as a prefix (the prefix at once while typing); so a query finds
entries whose text is only in another language. When fewer than ``FEW`` entries have every word,
entries with any of them are ranked instead; when that still finds fewer, trigram word
similarity adds near misses (typos). Where the table has
the RUM index of ``search.migration_sql.rank_index_sql``, the best matches come from the index
already in rank order, so a query that matches half the table does not rank every match.

On SQLite (the quick local run): every word must occur in a searchable text, in any language.

Anything a person types is safe: the query is cut into word tokens (``\\w+``) and rebuilt, so
quotes, operators and punctuation never reach the database as syntax. ``-word`` excludes a word
and ``OR`` between words means either.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest

from . import finnish

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
FEW = 3
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONFIG = {"fi": "elmo_fi", "sv": "elmo_sv", "en": "elmo_en"}
TOKEN = re.compile(r"(-?)([^\W_]+)", re.UNICODE)


@dataclass(frozen=True)
class Term:
    word: str
    negated: bool = False
    either: bool = False  # joined to the previous term with OR


def parse_terms(query):
    """The terms of what a person typed: words, ``-excluded`` words and ``OR``.

    >>> [t.word for t in parse_terms('"akku" OR  <b>kenno</b> -lyijy Kemi-Tornio %_')]
    ['akku', 'b', 'kenno', 'b', 'lyijy', 'kemi', 'tornio']
    >>> [(t.negated, t.either) for t in parse_terms("akku OR kenno -lyijy")]
    [(False, False), (False, True), (True, False)]
    """
    text = (query or "")[:MAX_QUERY_LENGTH]
    terms, either = [], False
    for match in TOKEN.finditer(text):
        minus, word = match.groups()
        word = word.lower()
        if word == "or" and terms and not minus:
            either = True
            continue
        negated = bool(minus) and (match.start() == 0 or text[match.start() - 1].isspace())
        terms.append(Term(word, negated=negated, either=either))
        either = False
    return terms[:MAX_WORDS]


def parse_query(query):
    """The words of a query, for highlighting and the simple engine."""
    return [term.word for term in parse_terms(query) if not term.negated]


def _quote(word):
    return f"'{word}'"


def tsquery_text(terms, language, *, prefix=False, parts=True):
    """A ``to_tsquery`` text built only from word tokens, so nothing typed is syntax.

    With ``parts`` a Finnish compound also matches its parts as separate words; with ``prefix``
    the last word also matches as the start of a word (typing):

    >>> tsquery_text([Term("akku"), Term("kokkola")], "en", prefix=True)
    "('akku') & ('kokkola' | 'kokkola':*)"
    """
    pieces = []
    positive = [t for t in terms if not t.negated]
    for term in terms:
        variants = [_quote(term.word)]
        if language == "fi":
            bases, compound = finnish.analyse(term.word)
            variants += [_quote(b) for b in bases if b != term.word]
            if parts and len(compound) > 1:
                variants.append("(" + " & ".join(_quote(p) for p in compound) + ")")
        if prefix and term is positive[-1] and len(term.word) >= 2:
            variants.append(f"{_quote(term.word)}:*")
        piece = "(" + " | ".join(variants) + ")"
        if term.negated:
            piece = "!" + piece
        operator = " | " if term.either and not term.negated else " & "
        pieces.append((operator, piece))
    text = pieces[0][1]
    for operator, piece in pieces[1:]:
        text += operator + piece
    return text


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


def _normalized(terms, prefix, parts):
    """The query read in every language, as one normalised tsquery text (one round trip).

    Readings that come out the same are kept once: repeated alternatives make PostgreSQL
    overestimate the matches and scan the whole table instead of using the index.
    """
    readings = ", ".join(f"to_tsquery('{CONFIG[code]}', %s)::text" for code in LANGUAGES)
    texts = [tsquery_text(terms, code, prefix=prefix, parts=parts) for code in LANGUAGES]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {readings}", texts)
        readings = [r for r in dict.fromkeys(cursor.fetchone()) if r]
    return " | ".join(f"( {reading} )" for reading in readings)


class Distance(Func):
    """``search_document <=> query``: what a RUM index returns its matches ordered by."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


_rank_indexes = {}


def has_rank_index(model):
    """Whether the model's table has the RUM index (looked up once per database)."""
    table = model._meta.db_table
    key = (connection.settings_dict["NAME"], table)
    if key not in _rank_indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                [table, f"{table}_search_rum"],
            )
            _rank_indexes[key] = cursor.fetchone() is not None
    return _rank_indexes[key]


def _fts(terms, prefix=False, parts=True):
    """The condition and rank of a match in any language's reading of the query.

    Words no language keeps (signs such as "²", stop words) leave no reading: nothing matches.
    """
    text = _normalized(terms, prefix, parts)
    if not text:
        return Q(pk__in=[]), Value(0.0, output_field=FloatField()), None
    query = NormalizedQuery(text)
    return Q(search_document=query), SearchRank(F("search_document"), query), query


def _few(queryset, condition):
    return len(queryset.filter(condition).order_by().values("pk")[:FEW]) < FEW


def _postgresql_search(queryset, terms, prefix):
    # A prefix expands to every word starting with it, and a compound's parts are common words
    # ("testaus", "ympäristö"), both costing much more in the index than whole words; so whole
    # words first, then their parts and the last word as a prefix when whole words find little
    # (and the prefix at once while typing).
    condition, rank, query = _fts(terms, prefix, parts=False)
    if _few(queryset, condition):
        prefix = True
        condition, rank, query = _fts(terms, prefix)
    positive = [t for t in terms if not t.negated]
    bonus = len(positive) > 1 and _few(queryset, condition)
    if bonus:
        # Few entries have every word: any of them will do, those with every word first.
        every_word = condition
        either = [Term(t.word, t.negated, either=not t.negated) for t in terms]
        condition, rank, query = _fts(either, prefix)
        rank = rank + Case(When(every_word, then=Value(1.0)), default=Value(0.0))
    matches = queryset.filter(condition)
    words = [t.word for t in positive if len(t.word) >= 3]
    if words and _few(queryset, condition):
        near = Q()
        for word in words:
            near |= Q(search_text__trigram_word_similar=word)
        similarity = Greatest(
            *[TrigramWordSimilarity(word, "search_text") for word in words],
            Value(0.0),
            output_field=FloatField(),
        )
        # Exact matches rank above near misses: similarity is scaled below the text ranks.
        rank = Greatest(rank, Cast(similarity, FloatField()) * Value(0.01))
        return queryset.filter(condition | near).annotate(rank=rank, search_order=-rank)
    if bonus or query is None or not has_rank_index(queryset.model):
        return matches.annotate(rank=rank, search_order=-rank)
    # The same order as -rank (the RUM score is ts_rank), but read from the index.
    return matches.annotate(rank=rank, search_order=Distance(F("search_document"), query))


# The simple engine's searchable fields and weights.
SIMPLE_WEIGHTS = {
    "innovationplatform": [("name", 8), ("keywords", 4), ("town", 4), ("summary", 2)],
    "cluster": [("name", 8), ("summary", 2)],
    "organisation": [("name", 8)],
}
SIMPLE_LINKS = {
    "innovationplatform": [("platforms.PlatformHost", "platform", 2)],
    "cluster": [("clusters.ClusterPartner", "cluster", 2)],
    "organisation": [],
}


def _simple_matches(model_name, word):
    matches = []
    for field, weight in SIMPLE_WEIGHTS[model_name]:
        condition = Q()
        for code in LANGUAGES:
            condition |= Q(**{f"{field}_{code}__icontains": word})
        matches.append((condition, weight))
    for link_path, fk, weight in SIMPLE_LINKS[model_name]:
        names = Q()
        for code in LANGUAGES:
            names |= Q(**{f"organisation__name_{code}__icontains": word})
        link = apps.get_model(link_path)
        matches.append((Exists(link.objects.filter(names, **{fk: OuterRef("pk")})), weight))
    return matches


def _simple_search(queryset, terms):
    model_name = queryset.model._meta.model_name
    rank = Value(0)
    for term in terms:
        matches = _simple_matches(model_name, term.word)
        any_match = Q()
        for condition, _weight in matches:
            any_match |= condition
        if term.negated:
            queryset = queryset.exclude(any_match)
            continue
        queryset = queryset.filter(any_match)
        rank = rank + Case(
            *[When(condition, then=Value(weight)) for condition, weight in matches],
            default=Value(0),
            output_field=IntegerField(),
        )
    rank = Cast(rank, FloatField())
    return queryset.annotate(rank=rank, search_order=-rank)


def order_by_relevance(queryset, *then):
    """Order ``search_entries`` results best first, ties by ``then`` (such as "pk").

    Where the RUM index gives the order, ``then`` is left out: PostgreSQL cannot break the
    index order's ties with another column without ranking every match, which is what the index
    saves. Ties then come in the index's order, the same for the same query and data.
    """
    if isinstance(queryset.query.annotations.get("search_order"), Distance):
        return queryset.order_by("search_order")
    return queryset.order_by("search_order", *then)


def search_entries(queryset, query, *, prefix=False):
    """Entries of ``queryset`` that match ``query``, annotated with ``rank`` (higher is better)
    and ``search_order`` (lower first; order by it, not by ``-rank``, to let an index do it).

    ``order_by_relevance(search_entries(InnovationPlatform.objects.published(), "akku"), "pk")``
    works for platforms, clusters and organisations; an empty or word-less query returns the
    queryset unchanged with rank 0.
    """
    terms = parse_terms(query)
    if not any(not t.negated for t in terms):
        zero = Value(0.0, output_field=FloatField())
        return queryset.annotate(rank=zero, search_order=zero)
    if connection.vendor == "postgresql":
        return _postgresql_search(queryset, terms, prefix)
    return _simple_search(queryset, terms)
