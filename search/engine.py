"""Search over platforms, clusters and organisations in three languages.

On PostgreSQL: the weighted document of ``search.index`` (all three languages, each stemmed by
its ``elmo_fi/sv/en`` text search configuration with unaccent); the query is read in every
language, Finnish words also as their Voikko base forms and compound parts, the last word also
as a prefix while typing or when whole words find little; so a query finds entries whose
text is only in another language. When
fewer than ``FEW`` entries have every word, entries with any of them are ranked instead; when
that still finds fewer, trigram word similarity adds near misses (typos).

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
from django.db.models import Case, Exists, F, FloatField, IntegerField, OuterRef, Q, Value, When
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


def tsquery_text(terms, language, *, prefix=False):
    """A ``to_tsquery`` text built only from word tokens, so nothing typed is syntax.

    With ``prefix`` the last word also matches as the start of a word (typing):

    >>> tsquery_text([Term("akku"), Term("kokkola")], "en", prefix=True)
    "('akku') & ('kokkola' | 'kokkola':*)"
    """
    pieces = []
    positive = [t for t in terms if not t.negated]
    for term in terms:
        variants = [_quote(term.word)]
        if language == "fi":
            bases, parts = finnish.analyse(term.word)
            variants += [_quote(b) for b in bases if b != term.word]
            if len(parts) > 1:
                variants.append("(" + " & ".join(_quote(p) for p in parts) + ")")
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


def _normalized(terms, prefix):
    """The query read in every language, as one normalised tsquery text (one round trip).

    Readings that come out the same are kept once: repeated alternatives make PostgreSQL
    overestimate the matches and scan the whole table instead of using the index.
    """
    parts = ", ".join(f"to_tsquery('{CONFIG[code]}', %s)::text" for code in LANGUAGES)
    texts = [tsquery_text(terms, code, prefix=prefix) for code in LANGUAGES]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}", texts)
        readings = [r for r in dict.fromkeys(cursor.fetchone()) if r]
    return " | ".join(f"( {reading} )" for reading in readings)


def _fts(terms, prefix=False):
    """The condition and rank of a match in any language's reading of the query.

    Words no language keeps (signs such as "²", stop words) leave no reading: nothing matches.
    """
    text = _normalized(terms, prefix)
    if not text:
        return Q(pk__in=[]), Value(0.0, output_field=FloatField())
    query = NormalizedQuery(text)
    return Q(search_document=query), SearchRank(F("search_document"), query)


def _few(queryset, condition):
    return len(queryset.filter(condition).order_by().values("pk")[:FEW]) < FEW


def _postgresql_search(queryset, terms, prefix):
    # A prefix expands to every word starting with it, which costs much more in the index than
    # whole words; so whole words first, and the last word as a prefix only while typing
    # (suggestions) or when whole words find little.
    condition, rank = _fts(terms, prefix)
    if not prefix and _few(queryset, condition):
        prefix = True
        condition, rank = _fts(terms, prefix)
    positive = [t for t in terms if not t.negated]
    if len(positive) > 1 and _few(queryset, condition):
        # Few entries have every word: any of them will do, those with every word first.
        every_word = condition
        either = [Term(t.word, t.negated, either=not t.negated) for t in terms]
        condition, rank = _fts(either, prefix)
        rank = rank + Case(When(every_word, then=Value(1.0)), default=Value(0.0))
    matches = queryset.filter(condition)
    words = [t.word for t in positive if len(t.word) >= 3]
    if words and matches[:FEW].count() < FEW:
        near = Q()
        for word in words:
            near |= Q(search_text__trigram_word_similar=word)
        similarity = Greatest(
            *[TrigramWordSimilarity(word, "search_text") for word in words],
            Value(0.0),
            output_field=FloatField(),
        )
        # Exact matches rank above near misses: similarity is scaled below the text ranks.
        return queryset.filter(condition | near).annotate(
            rank=Greatest(rank, Cast(similarity, FloatField()) * Value(0.01))
        )
    return matches.annotate(rank=rank)


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
    return queryset.annotate(rank=Cast(rank, FloatField()))


def search_entries(queryset, query, *, prefix=False):
    """Entries of ``queryset`` that match ``query``, annotated with ``rank`` (higher is better).

    ``search_entries(InnovationPlatform.objects.published(), "kiertotalouden testausympäristö")``
    works for platforms, clusters and organisations; an empty or word-less query returns the
    queryset unchanged with rank 0.
    """
    terms = parse_terms(query)
    if not any(not t.negated for t in terms):
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _postgresql_search(queryset, terms, prefix)
    return _simple_search(queryset, terms)
