"""Search over platforms, clusters and organisations in three languages, on either database.

One search with two back ends side by side — ``search.postgresql`` (production, tests) and
``search.sqlite`` (the quick local run) — that read the same query (``search.query``) against
the same documents (``search.document``): every language, Finnish words also as their Voikko
base forms. What they share is here. The matches come in tiers, best first:

1. entries with every word (when whole words find little, also through their compound parts,
   and the last word as a prefix — the prefix at once while typing);
2. when fewer than ``FEW`` entries have every word: entries with any of them;
3. when that still finds fewer: near misses (typos) — each word also stands for the closest
   words of the vocabulary of names and keywords (``search.models.SearchWord``).

Within a tier, entries are ranked by the back end (``ts_rank``; FTS5's BM25) with the same
weights per part of the document. A search with at most ``RANK_ALL`` matches ranks every match.
A broader one is ordered, per tier, by where the words are — names, then names, keywords and
services, then anywhere — then by ``search_quality`` and id. On PostgreSQL that order is read
from indexes for a bounded set of candidates, so that its cost does not grow with the number of
matches (``_candidates``); SQLite orders all matches the same way.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, FloatField, IntegerField, Q, QuerySet, Value, When

from . import postgresql, sqlite
from .query import Term, parse_terms

FEW = 3
# A search with at most this many matches ranks all of them; a broader one, candidates.
RANK_ALL = 1000
# Near misses: the closest words of the vocabulary to each of the longest NEAR_WORDS words of
# the query that have at least NEAR_MIN_LENGTH letters (shorter ones have too few trigrams).
NEAR_PER_WORD = 3
NEAR_WORDS = 3
NEAR_MIN_LENGTH = 4


def backend():
    """The back end of the database in use: ``search.postgresql`` or ``search.sqlite``."""
    return postgresql if connection.vendor == "postgresql" else sqlite


def _count(queryset, condition):
    """How many entries match ``condition``, counting at most RANK_ALL + 1.

    Not "are there FEW": with a small LIMIT PostgreSQL expects to find the few rows soon by
    reading the table from the start, and a query whose words are rare, or match nothing, would
    read all of it. Asked for more rows than it expects, the planner asks the search index.
    """
    return queryset.filter(condition).order_by().values("pk")[: RANK_ALL + 1].count()


def near_words(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The vocabulary's closest words to each of ``words``: ``{"fotonikka": ("fotoniikka",)}``.

    One query whatever the number of entries: the vocabulary holds each word of the names and
    keywords once, and its trigram index finds those that best contain a word's letters. At
    most NEAR_WORDS words are looked up, the longest: eight nonsense words cost no more than
    three.
    """
    words = [word for word in dict.fromkeys(words) if len(word) >= NEAR_MIN_LENGTH]
    words = sorted(words, key=len, reverse=True)[:NEAR_WORDS]
    if not words:
        return {}
    return backend().closest_words(words, NEAR_PER_WORD)


# The kinds of tier, best first: the value of ``search_tier``, comparable between searches of
# different tables (``search_all`` merges them).
EVERY, ANY, NEAR = range(3)


def _tiers(db, queryset, terms, prefix):
    """The tiers of matches, best first, as ``[(kind, query), …]`` in the back end's form (see
    the module docstring), and the number of matches of the last one when counted.

    Each tier's query matches every entry the tiers before it match, and more: the last one
    matches all results. Whole words come first: a prefix expands to every word starting with
    it, and a compound's parts are common words ("testaus", "ympäristö"), both costing the index
    far more than whole words; so parts and the prefix come in only when whole words find
    little.
    """
    model = queryset.model

    def count(query):
        return _count(queryset, db.matching(model, query)) if query else 0

    every = db.query_for(terms, prefix=prefix, parts=False)
    found = count(every)
    if found < FEW:
        prefix = True
        every = db.query_for(terms, prefix=prefix, parts=True)
        found = count(every)
    tiers = [(EVERY, every)]
    positive = [t for t in terms if not t.negated]
    if found < FEW and len(positive) > 1:
        either = [Term(t.word, t.negated, either=not t.negated) for t in terms]
        tiers.append((ANY, db.query_for(either, prefix=prefix, parts=True)))
        found = count(tiers[-1][1])
    if found < FEW:
        near = near_words(t.word for t in positive)
        if near:
            either = [
                Term(t.word, t.negated, either=not t.negated, near=near.get(t.word, ()))
                for t in terms
            ]
            tiers.append((NEAR, db.query_for(either, prefix=prefix, parts=True)))
            found = None  # not counted
    return [(kind, query) for kind, query in tiers if query], found


class Tier(Case):
    """The kind of the first of ``tiers`` (``_tiers``) a match is in: lower is better.

    It keeps the back end (``db``) and the queryset that was searched (``base``): a broad
    search's candidates are read from it, each with only its own conditions, which the planner
    can estimate (see ``_candidates``); the conditions of its matches (``where``), to tell
    whether they were filtered further; ``count``, their number up to RANK_ALL + 1 when known;
    and whether a word is excluded (``negated``).
    """

    def __init__(self, db, tiers, *, base, where, count=None, negated=False):
        self.db = db
        self.kinds = tuple(kind for kind, _query in tiers)
        self.queries = tuple(query for _kind, query in tiers)
        self.base = base
        self.where = where
        self.count = count
        self.negated = negated
        self.parts = None  # _parts, once found
        model = base.model
        super().__init__(
            *[When(db.matching(model, query), then=Value(kind)) for kind, query in tiers[:-1]],
            default=Value(self.kinds[-1]),
            output_field=IntegerField(),
        )


def _broad(queryset, tier):
    """Whether a broad search's order may be used for ``queryset`` (matches of a search): it has
    more than RANK_ALL entries, and no filter was added after the search, which the candidates,
    read from what was searched, would not know (filter first, then search)."""
    if queryset.query.where != tier.where:
        return False
    if tier.count is None:
        tier.count = queryset.order_by().values("pk")[: RANK_ALL + 1].count()
    return tier.count > RANK_ALL


def _places(tier, query):
    """Conditions of where a match of ``query`` is, best first: names; names, keywords and
    services (the head); anywhere. An excluded word is looked for in the whole document too."""
    db, model = tier.db, tier.base.model
    anywhere = db.matching(model, query)
    places = [db.matching_in_names(model, query), db.matching_in_head(model, query)]
    return [place & anywhere if tier.negated else place for place in places] + [anywhere]


def _candidates(tier, depth):
    """A condition on the ids of the entries a broad search orders: per tier and per place
    (``_places``), the ``depth`` best-filled entries found there — which hold the first
    ``depth`` results in the order (tier, place, quality, id), at any depth.

    A part that few entries match (at most RANK_ALL: often none, when no name has the words) is
    read whole through its search index, unordered, as ``_count`` reads — all its entries are
    candidates. A denser part reads the index of ``search_quality`` in order and stops after
    ``depth`` matches, which it meets soon. Walking that index for a sparse part would test
    every row of the table before it gave up. (Which parts are few is found once per search,
    ``_parts``: a page and its map ask at two depths.)
    """
    walks, few = [], []
    for part, found in _parts(tier):
        if found is None:
            walks.append(part.order_by("-search_quality", "pk").values("pk")[:depth])
        else:
            few += found
    condition = Q(pk__in=few)
    if walks:
        condition |= Q(pk__in=walks[0].union(*walks[1:], all=True))
    return condition


def _parts(tier):
    """The parts of a broad search's matches, each as (queryset, the ids of its entries when
    few, else None), found once per search and kept on ``tier``.

    Each part states only its own condition on the queryset that was searched: a match of the
    whole document beside a match of the names, which implies it, would make PostgreSQL
    misjudge how many rows match. A part of a later tier excludes the earlier tiers (of fewer
    than FEW entries each); "matches elsewhere" is never asked, as no index serves a negation.
    The places are read from the widest in: each lies within the next (names, head, anywhere),
    so once a place is read whole, the places within it add nothing and are not read.
    """
    if tier.parts is not None:
        return tier.parts
    parts: list[tuple[QuerySet[Any], list[Any] | None]] = []
    model = tier.base.model
    for n, query in enumerate(tier.queries):
        earlier = ~tier.db.matching(model, tier.queries[n - 1]) if n else Q()
        places = _places(tier, query)
        for p in reversed(range(len(places))):
            part = tier.base.filter(places[p] & earlier)
            # The last tier's matches anywhere are all the matches: more than RANK_ALL.
            if n == len(tier.queries) - 1 and p == len(places) - 1:
                parts.append((part, None))
                continue
            found = list(part.order_by().values_list("pk", flat=True)[: RANK_ALL + 1])
            if len(found) > RANK_ALL:
                parts.append((part, None))
            else:
                parts.append((part, found))
                break
    tier.parts = parts
    return parts


def known_count(queryset: QuerySet[Any]) -> int | None:
    """How many matches ``queryset`` has, counted up to RANK_ALL + 1, when the search already
    counted them (``search_entries``) and nothing was filtered since; else None.

    A page counts its results up to the same cap (``elmo.paginator.COUNT_CAP``), and need not
    count them again: ``CappedPaginator(results, 20, counted=known_count(results))``.
    """
    tier = queryset.query.annotations.get("search_tier")
    if isinstance(tier, Tier) and tier.count is not None and queryset.query.where == tier.where:
        return tier.count
    return None


def order_by_relevance(
    queryset: QuerySet[Any], *then: Any, depth: int | None = None
) -> QuerySet[Any]:
    """``search_entries`` results best first.

    A search with at most RANK_ALL matches ranks them all, ties by ``then`` (such as "pk"). A
    broader one, given ``depth`` (as many results as the page shown needs), orders by tier,
    then by where the words are — names, then keywords and services, then anywhere — then by
    ``search_quality`` and id, the same first ``depth`` results whatever ``depth`` is asked, so
    that pages neither repeat nor skip entries. Where the database can union ordered, limited
    queries (PostgreSQL), only a bounded set of candidates (``_candidates``) is ordered, read
    from indexes: its cost does not grow with the number of matches.

    ``order_by_relevance(search_entries(InnovationPlatform.objects.published(), "akku"), "pk",
    depth=20)[:20]``
    """
    tier = queryset.query.annotations.get("search_tier")
    if not isinstance(tier, Tier):  # nothing searched
        return queryset.order_by("-rank", *then)
    # A constant (one tier) is left out: the database would read ORDER BY 0 as a column number.
    tiers = ["search_tier"] if len(tier.queries) > 1 else []
    if depth is None or not _broad(queryset, tier):
        return queryset.order_by(*tiers, "-rank", *then)
    place = Case(
        *[
            When(condition, then=Value(n))
            for n, condition in enumerate(_places(tier, tier.queries[-1])[:-1])
        ],
        default=Value(2),
        output_field=IntegerField(),
    )
    if connection.features.supports_slicing_ordering_in_compound:
        queryset = queryset.filter(_candidates(tier, depth))
    return queryset.annotate(search_place=place).order_by(
        *tiers, "search_place", "-search_quality", "pk"
    )


def split_matches(queryset: QuerySet[Any]) -> tuple[QuerySet[Any], QuerySet[Any] | None]:
    """``search_entries`` results as (those with every word, those with only some or near
    misses); the second is None when the search found enough entries with every word and has no
    further tier (``search_entries`` adds them only then, see ``_tiers``).

    A page lists the two apart and counts only the first as found: "akkulaboratorio" finds one
    battery laboratory and, as near misses, nine laboratories that are nothing of the kind.

    ``every, some = split_matches(search_entries(InnovationPlatform.objects.all(), "akku x"))``
    """
    tier = queryset.query.annotations.get("search_tier")
    if not isinstance(tier, Tier) or len(tier.kinds) < 2:
        return queryset, None
    return queryset.filter(search_tier=EVERY), queryset.exclude(search_tier=EVERY)


def search_entries(
    queryset: QuerySet[Any], query: str | None, *, prefix: bool = False
) -> QuerySet[Any]:
    """Entries of ``queryset`` that match ``query``, annotated with ``rank`` (higher is better)
    and ``search_tier`` (lower is better); ``order_by_relevance`` orders them.

    ``search_entries(InnovationPlatform.objects.published(), "akku")`` works for platforms,
    clusters and organisations; an empty or word-less query returns the queryset unchanged
    with rank 0.
    """
    terms = parse_terms(query)
    if not any(not t.negated for t in terms):
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    db = backend()
    tiers, count = _tiers(db, queryset, terms, prefix)
    if not tiers:  # only words no language keeps (signs such as "²", stop words)
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    model, last = queryset.model, tiers[-1][1]
    matches = queryset.filter(db.matching(model, last))
    tier = Tier(
        db,
        tiers,
        base=queryset,
        where=matches.query.where,
        count=count,
        negated=any(t.negated for t in terms),
    )
    return matches.annotate(rank=db.rank(model, last), search_tier=tier)


def facet_counts(queryset: QuerySet[Any]) -> dict[str, dict[str, int]]:
    """How many entries of ``queryset`` have each facet value: ``{"region": {"19": 12, …},
    "priority": {"clean-tech": 9, …}, …}``, exact, in one query.

    Counted from the entries' ``search_facets`` (``search.document.FACETS``), one narrow
    column of the matching rows: no link table is read, and a broad search's rows are visited
    once.
    """
    try:
        sql, params = queryset.order_by().values("search_facets").query.sql_with_params()
    except EmptyResultSet:  # a query that can match nothing (only signs, no words)
        return {}
    counts: dict[str, dict[str, int]] = {}
    query = (
        f"SELECT f.value, count(*) FROM ({sql}) AS m CROSS JOIN {backend().FACET_VALUES} "
        "GROUP BY f.value"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    for value, n in rows:
        facet, _colon, key = value.partition(":")
        counts.setdefault(facet, {})[key] = n
    return counts


def with_facet_values(queryset: QuerySet[Any], values: Iterable[str]) -> QuerySet[Any]:
    """The entries of ``queryset`` that have any of the facet ``values`` ("trl:6", …) in their
    ``search_facets``, the values the facets are counted from (``facet_counts``).

    ``with_facet_values(platforms, ["access:free", "access:subsidised"])``; on PostgreSQL read
    from the GIN index of ``search_facets``.
    """
    return backend().with_facet_values(queryset, list(values))
