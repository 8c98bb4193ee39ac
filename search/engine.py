"""Search over platforms, clusters and organisations in three languages.

On PostgreSQL: the weighted document of ``search.index`` (all three languages, each stemmed by
its ``elmo_fi/sv/en`` text search configuration with unaccent); the query is read in every
language, Finnish words also as their Voikko base forms. The matches come in tiers, best first:

1. entries with every word (when whole words find little, also through their compound parts,
   and the last word as a prefix — the prefix at once while typing);
2. when fewer than ``FEW`` entries have every word: entries with any of them;
3. when that still finds fewer: near misses (typos) — each word also stands for the closest
   words of the vocabulary of names and keywords (``search.models.SearchWord``).

Within a tier, entries are ranked with ``ts_rank``. A search with at most ``RANK_ALL`` matches
ranks every match. A broader one ranks a bounded set of candidates, so that its cost does not
grow with the number of matches: per tier, the entries whose names and keywords match
(``search_head``) and then the others, each time the ``depth`` best-filled ones
(``search_quality``, read in order from its index) — as many as the page being shown needs.
Only what PostgreSQL ships is used: GIN and B-tree indexes, ``ts_rank`` and ``pg_trgm``.

On SQLite (the quick local run): every word must occur in a searchable text, in any language.

Anything a person types is safe: the query is cut into word tokens (``\\w+``) and rebuilt, so
quotes, operators and punctuation never reach the database as syntax. ``-word`` excludes a word
and ``OR`` between words means either.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast

from . import finnish

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
FEW = 3
# A search with at most this many matches ranks all of them; a broader one, candidates.
RANK_ALL = 1000
# Near misses: the closest words of the vocabulary to each of the longest NEAR_WORDS words of
# the query that have at least NEAR_MIN_LENGTH letters (shorter ones have too few trigrams).
NEAR_PER_WORD = 3
NEAR_WORDS = 3
NEAR_MIN_LENGTH = 4
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONFIG = {"fi": "elmo_fi", "sv": "elmo_sv", "en": "elmo_en"}
TOKEN = re.compile(r"(-?)([^\W_]+)", re.UNICODE)


@dataclass(frozen=True)
class Term:
    word: str
    negated: bool = False
    either: bool = False  # joined to the previous term with OR
    near: tuple[str, ...] = ()  # words of the vocabulary that also stand for it (typos)


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
        variants = [_quote(term.word), *(_quote(word) for word in term.near)]
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


def _matching(text):
    return Q(search_document=NormalizedQuery(text))


def _count(queryset, text):
    """How many entries match the tsquery ``text``, counting at most RANK_ALL + 1.

    Not "are there FEW": with a small LIMIT PostgreSQL expects to find the few rows soon by
    reading the table from the start, and a query whose words are rare, or match nothing, would
    read all of it. Asked for more rows than it expects, the planner asks the search index.
    """
    if not text:
        return 0
    return queryset.filter(_matching(text)).order_by().values("pk")[: RANK_ALL + 1].count()


def near_words(words):
    """The vocabulary's closest words to each of ``words``: ``{"fotonikka": ("fotoniikka",)}``.

    One query whatever the number of entries: the vocabulary holds each word of the names and
    keywords once, and its trigram index finds those that best contain a word's letters. At
    most NEAR_WORDS words are looked up, the longest: eight nonsense words cost no more than
    three.
    """
    words = [word for word in dict.fromkeys(words) if len(word) >= NEAR_MIN_LENGTH]
    words = sorted(words, key=len, reverse=True)[:NEAR_WORDS]
    if not words or connection.vendor != "postgresql":
        return {}
    table = apps.get_model("search", "SearchWord")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.word, v.word FROM unnest(%s::text[]) AS q(word) CROSS JOIN LATERAL ("
            f"SELECT word FROM {table} WHERE q.word <%% word AND word <> q.word "
            "ORDER BY word_similarity(q.word, word) DESC, similarity(q.word, word) DESC, word "
            "LIMIT %s) AS v",
            [words, NEAR_PER_WORD],
        )
        found = {}
        for word, near in cursor.fetchall():
            found.setdefault(word, []).append(near)
    return {word: tuple(near) for word, near in found.items()}


# The kinds of tier, best first: the value of ``search_tier``, comparable between searches of
# different tables (``search_all`` merges them).
EVERY, ANY, NEAR = range(3)


def _tiers(queryset, terms, prefix):
    """The tiers of matches, best first, as ``[(kind, tsquery text), …]`` (see the module
    docstring).

    Each tier's query matches every entry the tiers before it match, and more: the last one
    matches all results. Whole words come first: a prefix expands to every word starting with
    it, and a compound's parts are common words ("testaus", "ympäristö"), both costing the index
    far more than whole words; so parts and the prefix come in only when whole words find
    little.
    """
    every = _normalized(terms, prefix, parts=False)
    count = _count(queryset, every)
    if count < FEW:
        prefix = True
        every = _normalized(terms, prefix, parts=True)
        count = _count(queryset, every)
    tiers = [(EVERY, every)]
    positive = [t for t in terms if not t.negated]
    if count < FEW and len(positive) > 1:
        either = [Term(t.word, t.negated, either=not t.negated) for t in terms]
        tiers.append((ANY, _normalized(either, prefix, parts=True)))
        count = _count(queryset, tiers[-1][1])
    if count < FEW:
        near = near_words(t.word for t in positive)
        if near:
            either = [
                Term(t.word, t.negated, either=not t.negated, near=near.get(t.word, ()))
                for t in terms
            ]
            tiers.append((NEAR, _normalized(either, prefix, parts=True)))
            count = None  # not counted
    return [(kind, text) for kind, text in tiers if text], count


class Tier(Case):
    """The kind of the first of ``tiers`` (``_tiers``) a match is in: lower is better.

    It keeps the queryset that was searched (``base``): a broad search's candidates are read
    from it, each with only its own conditions, which the planner can estimate (see
    ``_candidates``); the conditions of its matches (``where``), to tell whether they were
    filtered further; and ``count``, their number up to RANK_ALL + 1 when known.
    """

    def __init__(self, tiers, *, base, where, count=None):
        self.kinds = tuple(kind for kind, _text in tiers)
        self.texts = tuple(text for _kind, text in tiers)
        self.base = base
        self.where = where
        self.count = count
        super().__init__(
            *[When(_matching(text), then=Value(kind)) for kind, text in tiers[:-1]],
            default=Value(self.kinds[-1]),
            output_field=IntegerField(),
        )


def _postgresql_search(queryset, terms, prefix):
    tiers, count = _tiers(queryset, terms, prefix)
    if not tiers:  # only words no language keeps (signs such as "²", stop words)
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    query = NormalizedQuery(tiers[-1][1])
    matches = queryset.filter(search_document=query)
    tier = Tier(tiers, base=queryset, where=matches.query.where, count=count)
    return matches.annotate(rank=SearchRank(F("search_document"), query), search_tier=tier)


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
    return queryset.annotate(rank=rank)


def _broad(queryset, tier):
    """Whether a broad search's order may be used for ``queryset`` (matches of a search): it has
    more than RANK_ALL entries, and no filter was added after the search, which the candidates,
    read from what was searched, would not know (filter first, then search)."""
    if queryset.query.where != tier.where:
        return False
    if tier.count is None:
        tier.count = queryset.order_by().values("pk")[: RANK_ALL + 1].count()
    return tier.count > RANK_ALL


LEXEME = re.compile(r"('(?:[^']|'')*')(:\*)?")


def in_weights(text, weights):
    """The normalised tsquery ``text`` matching only in the parts of the document of
    ``weights`` ("A" names, "B" keywords and services…; see ``search.index``).

    >>> in_weights("'akku' & !'kenno':*", "AB")
    "'akku':AB & !'kenno':*AB"
    """
    return LEXEME.sub(
        lambda m: f"{m.group(1)}:{m.group(2)[1:] if m.group(2) else ''}{weights}", text
    )


def in_names(text):
    """The normalised tsquery ``text`` matching in names only (weight A).

    >>> in_names("'akku' & !'kenno':*")
    "'akku':A & !'kenno':*A"
    """
    return in_weights(text, "A")


def _places(text):
    """Conditions of where a match is, best first: names; names, keywords and services
    (``search_head``); anywhere. A negated word is looked for in the whole document too."""
    negated = "!" in text
    anywhere = _matching(text)
    places = [Q(search_head=NormalizedQuery(in_names(text))), Q(search_head=NormalizedQuery(text))]
    return [place & anywhere if negated else place for place in places] + [anywhere]


def _candidates(tier, depth):
    """The ids of the entries a broad search orders: per tier and per place (``_places``), the
    ``depth`` best-filled entries found there — which hold the first ``depth`` results in the
    order (tier, place, quality, id), at any depth.

    Each part reads the index of ``search_quality`` in order and stops after ``depth`` matches,
    or — for a part that few entries match — finds them through a search index; the planner
    chooses by the statistics of the documents. So each part states only its own condition on
    the queryset that was searched: a match of the whole document beside a match of the names,
    which implies it, would make PostgreSQL expect hundreds of rows where thousands are, and
    visit them all. A part of a later tier excludes the earlier tiers (of fewer than FEW entries
    each); "matches elsewhere" is never asked, as no index serves a negation.
    """
    parts = []
    for n, text in enumerate(tier.texts):
        earlier = ~_matching(tier.texts[n - 1]) if n else Q()
        for place in _places(text):
            part = tier.base.filter(place & earlier).order_by("-search_quality", "pk")
            parts.append(part.values("pk")[:depth])
    return parts[0].union(*parts[1:], all=True)


def order_by_relevance(queryset, *then, depth=None):
    """``search_entries`` results best first.

    A search with at most RANK_ALL matches ranks them all with ``ts_rank``, ties by ``then``
    (such as "pk"). A broader one, given ``depth`` (as many results as the page shown needs),
    orders by tier, then by where the words are — names, then keywords and services, then
    anywhere — then by ``search_quality`` and id: an order read from indexes, whose first
    ``depth`` results come from a bounded set of candidates (``_candidates``) and are the same
    whatever ``depth`` is asked, so that pages neither repeat nor skip entries. Its cost does not
    grow with the number of matches.

    ``order_by_relevance(search_entries(InnovationPlatform.objects.published(), "akku"), "pk",
    depth=20)[:20]``
    """
    tier = queryset.query.annotations.get("search_tier")
    if not isinstance(tier, Tier):  # nothing searched, or the simple engine
        return queryset.order_by("-rank", *then)
    # A constant (one tier) is left out: PostgreSQL would read ORDER BY 0 as a column number.
    tiers = ["search_tier"] if len(tier.texts) > 1 else []
    if depth is None or not _broad(queryset, tier):
        return queryset.order_by(*tiers, "-rank", *then)
    place = Case(
        *[
            When(condition, then=Value(n))
            for n, condition in enumerate(_places(tier.texts[-1])[:-1])
        ],
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(pk__in=_candidates(tier, depth))
        .annotate(search_place=place)
        .order_by(*tiers, "search_place", "-search_quality", "pk")
    )


def search_entries(queryset, query, *, prefix=False):
    """Entries of ``queryset`` that match ``query``, annotated with ``rank`` (higher is better);
    ``order_by_relevance`` orders them.

    ``search_entries(InnovationPlatform.objects.published(), "akku")`` works for platforms,
    clusters and organisations; an empty or word-less query returns the queryset unchanged
    with rank 0.
    """
    terms = parse_terms(query)
    if not any(not t.negated for t in terms):
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _postgresql_search(queryset, terms, prefix)
    return _simple_search(queryset, terms)
