"""A company's need, in its own words, matched against the platforms and clusters of the area.

A need is a paragraph, not a query ("We make battery packs for forest machines and need to test
them at −40 °C…"): no entry holds every word of it, and the keyword search, which asks for
every word, finds nothing or the wrong things. So a need is ranked by how much of it an entry
covers, on the same search document as the keyword search (``search.index``):

- every word of the need is a *term*, read in the three languages by the text search
  configurations, a Finnish word also as its Voikko base forms; stop words of any language and
  the words of asking (``ASKING``: *need*, *tarvitsemme*, *söker*) are left out. A compound's
  parts are terms of their own at half weight: Finnish ones from Voikko (*akkukennojen* →
  *akkukenno*, and *akku*, *kenno*), Swedish and English ones at words of the vocabulary of
  names and keywords (*vattenreningsutrustning* → *vattenrening*, *utrustning*); such a word
  also stands for the vocabulary's words that contain it (*anrikning* → *malmanrikning*), and a
  stem of five letters or more for the words it begins (*industr* → *industriell*). Words that
  come out the same in some language (*battery*, *batteries*) are one term;
- a term counts by where an entry has it — its name, its keywords or services, its summary,
  town or hosts, or elsewhere (``PLACES``) — times the square of how rare it is among the
  entries (inverse document frequency): *test* is in half the registry, *akku* in three;
- an entry's score is the sum over the terms it has; a need never has to be matched whole;
- the company's own region raises an entry by ``REGION_BOOST`` and a chosen kind of service by
  ``SERVICE_BOOST`` — slightly: they reorder close results and never hide another region's;
- after the first MIN_RESULTS, results below ``CUTOFF`` of the best score are left out (a
  shared common word is no match).

``match_need(need, region="18", services=["testing"])`` returns ``NeedMatch``es, best first,
each with the reasons shown to the company (``Reasons``): the words of the need it has, and its
services, keywords, priorities and ecosystems that match. PostgreSQL only (the search
document); on SQLite every entry holding any word of the need is listed, by the number of words.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import get_language

from . import finnish
from .index import vocabulary
from .postgresql import CONFIG, LEXEME, NormalizedQuery, in_weights, tsquery_text
from .query import LANGUAGES, Term
from .results import public

MIN_LENGTH = 10
MAX_LENGTH = 2000
# The first MAX_TERMS terms of a need are used: 2 000 characters are about 250 words.
MAX_TERMS = 60
TYPES = ("platform", "cluster")
# Where an entry has a term, best first: (weights of the search document, factor).
PLACES = (("A", 1.0), ("B", 0.8), ("C", 0.6), ("ABCD", 0.2))
# A term counts by the square of its rarity: a need's one specific word (*photonics*) outweighs
# its several common ones (*equipment*, *industry*, *development*).
IDF_POWER = 2
PART_FACTOR = 0.5
# Compounds Voikko does not split (Swedish, English) of at least COMPOUND_MIN letters are split
# at words of the vocabulary of at least PART_MIN letters; a word of at least CONTAINED_MIN
# letters also stands for the (at most CONTAINING) vocabulary words that contain it.
COMPOUND_MIN = 9
PART_MIN = 4
CONTAINED_MIN = 5
CONTAINING = 12
# Stems of at least PREFIX_MIN letters also match longer words that begin with them.
PREFIX_MIN = 5
REGION_BOOST = 1.1
SERVICE_BOOST = 1.15
CUTOFF = 0.15
MIN_RESULTS = 5
LIMIT = 20
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Stop words of any language, by PostgreSQL's built-in configurations (before unaccent, which
# would turn the Swedish stop word "för" into the word "for").
STOP_WORDS_SQL = (
    "SELECT w FROM unnest(%s::text[]) AS w WHERE plainto_tsquery('finnish', w)::text = '' "
    "OR plainto_tsquery('swedish', w)::text = '' OR plainto_tsquery('english', w)::text = ''"
)
# The words of asking rather than of what is asked, which stop-word lists do not hold: "we need
# a partner to help our company find…". Finnish ones as base forms (Voikko), the others as
# written.
ASKING = frozenset(
    """
    need needs needed needing want wants wanted looking look find finding help helps would like
    could company companies firm our ours us partner partners someone anyone somebody also
    possible possibility interested interest please thanks thank kind regards hello hi dear
    tarvita tarve haluta etsiä löytää apu auttaa voida yritys yrityksemme kumppani joku kiinnostaa
    mahdollinen mahdollisuus myös kiitos terveisin hei moi meidän me
    behöva behöver behov vill söker söka hitta hjälp hjälpa kunna kan företag företaget vårt
    våra partner någon också möjlig möjlighet intresserad tack hälsningar hej
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


@dataclass(frozen=True)
class NeedTerm:
    """One term of a need: the words it stands for, its normalised tsquery text (every
    language), and its weight (1, or PART_FACTOR for a compound's part)."""

    words: tuple[str, ...]
    text: str
    weight: float


@dataclass
class Reasons:
    """Why an entry matched, to show the company: the words of the need it has, the names of
    its services (``(name, matched)`` pairs, all of them), the keywords that match, and its
    priorities and ecosystems (``(name, matched)`` pairs)."""

    words: list[str] = field(default_factory=list)
    name: bool = False
    services: list[tuple[str, bool]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    priorities: list[tuple[str, bool]] = field(default_factory=list)
    ecosystems: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class NeedMatch:
    type: str
    entry: object
    score: float
    in_region: bool = False
    reasons: Reasons = field(default_factory=Reasons)


def need_words(need: str) -> list[str]:
    """The distinct words of a need, lower-case, in order; single letters and bare numbers
    (temperatures, years) are left out.

    >>> need_words("Testing at −40 °C in 2025: 5G, 5g and <b>akku</b>!")
    ['testing', 'at', 'in', '5g', 'and', 'akku']
    """
    words = [w.lower() for w in WORD.findall((need or "")[:MAX_LENGTH])]
    return list(dict.fromkeys(w for w in words if len(w) > 1 and not w.isdigit()))


def _readings(texts: list[tuple[str, str]], words: list[str]) -> tuple[list[str], set[str]]:
    """Normalise ``(language, tsquery text)`` pairs ('' for what no language keeps), and find
    which of ``words`` are stop words of any language (``STOP_WORDS_SQL``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(to_tsquery(c::regconfig, t)::text, '') "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS x(c, t, n) ORDER BY n",
            [[CONFIG[code] for code, _t in texts], [t for _c, t in texts]],
        )
        readings = [row[0] for row in cursor.fetchall()]
        cursor.execute(STOP_WORDS_SQL, [words])
        return readings, {row[0] for row in cursor.fetchall()}


def _as_prefixes(text: str) -> str:
    """A normalised tsquery text whose stems of at least PREFIX_MIN letters also match as the
    beginning of a word: *industr* finds *industriell*, *pilot* *pilotenheter*.

    >>> _as_prefixes("'industr' | 'for' | 'pilot':*")
    "'industr':* | 'for' | 'pilot':*"
    """
    return LEXEME.sub(
        lambda m: (
            m.group(0) if m.group(2) or len(m.group(1)) - 2 < PREFIX_MIN else m.group(1) + ":*"
        ),
        text,
    )


def _lexemes(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in LEXEME.finditer(text))


def _vocabulary_parts(words: list[str]) -> dict[str, list[str]]:
    """Parts of compounds that Voikko does not split (Swedish, English): of each long word, its
    longest beginning and its longest end that are words of the vocabulary
    (``search.models.SearchWord``), e.g. *vattenreningsutrustning* → *vattenrening*,
    *utrustning*. One query."""
    pieces = {
        word: [word[:i] for i in range(PART_MIN, len(word) - 2)]
        + [word[i:] for i in range(3, len(word) - PART_MIN + 1)]
        for word in words
        if len(word) >= COMPOUND_MIN
    }
    if not pieces:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {vocabulary()._meta.db_table} WHERE word = ANY(%s::text[])",
            [sorted({p for ps in pieces.values() for p in ps})],
        )
        known = {row[0] for row in cursor.fetchall()}
    parts = {}
    for word, candidates in pieces.items():
        beginnings = [p for p in candidates if word.startswith(p) and p in known]
        ends = [p for p in candidates if word.endswith(p) and p in known and p != word]
        found = [max(group, key=len) for group in (beginnings, ends) if group]
        if found:
            parts[word] = list(dict.fromkeys(found))
    return parts


def _containing(words: list[str]) -> dict[str, tuple[str, ...]]:
    """The vocabulary's words that contain each of ``words`` (at most CONTAINING of the
    shortest): *anrikning* → *malmanrikning*, *anrikningsverk*. One query (trigram index)."""
    words = [w for w in words if len(w) >= CONTAINED_MIN]
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.word, v.word FROM unnest(%s::text[]) AS q(word) CROSS JOIN LATERAL ("
            f"SELECT word FROM {vocabulary()._meta.db_table} "
            "WHERE word LIKE '%%' || q.word || '%%' AND word <> q.word "
            "ORDER BY length(word), word LIMIT %s) AS v",
            [words, CONTAINING],
        )
        found = {}
        for word, other in cursor.fetchall():
            found.setdefault(word, []).append(other)
    return {word: tuple(others) for word, others in found.items()}


def _a_word(part: str) -> bool:
    """Whether a compound part from Voikko is a word of its own: Voikko's analysis of
    derivational endings also yields fragments (*laadunvalvontaan* → *laadun*, *valvo*, *nta*).
    """
    return part.isalpha() and len(part) >= 3 and bool(finnish.analyse(part)[0])


def _wanted(need: str) -> list[tuple[Term, float]]:
    """The need's words and their compound parts as ``Term``s (``near``: vocabulary words that
    contain a word Voikko does not know), with their weights; without the words of asking
    (``ASKING``)."""
    wanted, unknown = [], []
    for word in need_words(need):
        bases, parts = finnish.analyse(word)
        if word in ASKING or ASKING.intersection(bases):
            continue
        wanted.append((word, 1.0))
        wanted += [(part, PART_FACTOR) for part in parts if part != word and _a_word(part)]
        if not bases:
            unknown.append(word)
    split = _vocabulary_parts(unknown)
    for parts in split.values():
        wanted += [(part, PART_FACTOR) for part in parts]
    containing = _containing(unknown + [p for parts in split.values() for p in parts])
    return [(Term(word, near=containing.get(word, ())), weight) for word, weight in wanted]


def need_terms(need: str) -> list[NeedTerm]:
    """The terms of a need (see the module docstring), at most MAX_TERMS (PostgreSQL)."""
    wanted = _wanted(need)
    if not wanted:
        return []
    pairs = [
        (code, tsquery_text([term], code, parts=False)) for term, _ in wanted for code in LANGUAGES
    ]
    readings, stop_words = _readings(pairs, [term.word for term, _weight in wanted])
    terms: list[list] = []  # [words, readings, weight, lexemes]
    for n, (term, weight) in enumerate(wanted):
        word = term.word
        mine = {r for r in readings[n * len(LANGUAGES) : (n + 1) * len(LANGUAGES)] if r}
        if not mine or word in stop_words:
            continue
        lexemes = set().union(*(_lexemes(r) for r in mine))
        mine = {_as_prefixes(r) for r in mine}
        same = next((t for t in terms if t[3] & lexemes), None)
        if same is None:
            terms.append([[word], mine, weight, lexemes])
        else:  # battery / batteries: one term, at the higher weight
            same[0].append(word)
            same[1] |= mine
            same[2] = max(same[2], weight)
            same[3] |= lexemes
    return [
        NeedTerm(tuple(words), " | ".join(f"( {r} )" for r in sorted(readings)), weight)
        for words, readings, weight, _lexemes in terms[:MAX_TERMS]
    ]


def _place(text: str) -> Case:
    """Which of PLACES an entry has the term ``text`` in first, as its index; len(PLACES) if
    none."""
    return Case(
        *[
            When(search_document=NormalizedQuery(in_weights(text, weights)), then=Value(n))
            for n, (weights, _factor) in enumerate(PLACES[:-1])
        ],
        When(search_document=NormalizedQuery(text), then=Value(len(PLACES) - 1)),
        default=Value(len(PLACES)),
        output_field=IntegerField(),
    )


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False))


def _candidates(type_name, terms, region, services):
    """``[(pk, [place index per term], in the region, offers a chosen service)]`` of the
    entries that have any of ``terms``."""
    entries = public(type_name)
    anything = " | ".join(f"( {t.text} )" for t in terms)
    in_region = _flag(Q(pk__in=entries.in_regions(region).values("pk"))) if region else Value(False)
    offers = Value(False)
    if services and type_name == "platform":
        offers = _flag(Q(pk__in=entries.filter(services__slug__in=services).values("pk")))
    queryset = (
        entries.filter(search_document=NormalizedQuery(anything))
        .annotate(
            **{f"need_{n}": _place(t.text) for n, t in enumerate(terms)},
            need_region=in_region,
            need_service=offers,
        )
        .order_by()
    )
    columns = [f"need_{n}" for n in range(len(terms))]
    return [
        (row[0], list(row[1:-2]), row[-2], row[-1])
        for row in queryset.values_list("pk", *columns, "need_region", "need_service")
    ]


def _idf(found: int, total: int) -> float:
    """How rare a term is among ``total`` entries when ``found`` have it (BM25's idf, > 0)."""
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def _scored(terms, region, services):
    """``[(score, type, pk, in region, [indexes of the terms it has])]`` of every candidate."""
    rows = [(t, *row) for t in TYPES for row in _candidates(t, terms, region, list(services))]
    total = sum(public(t).count() for t in TYPES)
    found = [sum(1 for row in rows if row[2][n] < len(PLACES)) for n in range(len(terms))]
    idf = [_idf(f, total) ** IDF_POWER for f in found]
    scored = []
    for type_name, pk, places, in_region, offers in rows:
        has = [n for n, place in enumerate(places) if place < len(PLACES)]
        score = sum(terms[n].weight * idf[n] * PLACES[places[n]][1] for n in has)
        score *= (REGION_BOOST if in_region else 1) * (SERVICE_BOOST if offers else 1)
        scored.append((score, type_name, pk, in_region, has))
    return scored


def _texts(obj, name):
    """``{language: text}`` of a translated field."""
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in LANGUAGES}


def _keywords(entry):
    """``{language: [keyword, …]}``."""
    return {
        code: [k.strip() for k in text.split(",") if k.strip()]
        for code, text in _texts(entry, "keywords").items()
    }


class _Checks:
    """Texts to test against the need, asked of PostgreSQL at once (``run``)."""

    def __init__(self):
        self.texts: list[tuple[str, str]] = []

    def add(self, texts: dict[str, str]) -> list[int]:
        """Queue ``{language: text}``; the positions of its answers."""
        start = len(self.texts)
        self.texts += [(code, text) for code, text in texts.items() if text]
        return list(range(start, len(self.texts)))

    def run(self, query_text: str) -> list[bool]:
        if not self.texts:
            return []
        texts = [finnish.index_text(t) if code == "fi" else t for code, t in self.texts]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT to_tsvector(c::regconfig, t) @@ %s::tsquery "
                "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS x(c, t, n) ORDER BY n",
                [query_text, [CONFIG[code] for code, _t in self.texts], texts],
            )
            return [row[0] for row in cursor.fetchall()]


def _explain(matches: list[NeedMatch], terms: list[NeedTerm], language: str) -> None:
    """Fill in the reasons of ``matches``: which of their names, services, keywords,
    priorities and ecosystems hold a term of the need (one query)."""
    checks = _Checks()
    pending = []  # (reasons, field, display name, positions of its texts)
    for match in matches:
        entry, reasons = match.entry, match.reasons
        pending.append((reasons, "name", None, checks.add(_texts(entry, "name"))))
        for relation in ("services", "priorities", "ecosystems"):
            for item in getattr(entry, relation).all() if hasattr(entry, relation) else ():
                shown = getattr(item, f"name_{language}", None) or item.name_fi
                pending.append((reasons, relation, shown, checks.add(_texts(item, "name"))))
        if hasattr(entry, "keywords"):
            keywords = _keywords(entry)
            shown = keywords[language] or keywords["fi"]
            for n, keyword in enumerate(shown):
                parallel = {
                    code: words[n] if code == language or len(words) == len(shown) else ""
                    for code, words in keywords.items()
                }
                parallel[language] = keyword
                pending.append((reasons, "keywords", keyword, checks.add(parallel)))
    answers = checks.run(" | ".join(f"( {t.text} )" for t in terms))
    for reasons, name, shown, positions in pending:
        matched = any(answers[p] for p in positions)
        if name == "name":
            reasons.name = matched
        elif name == "keywords":
            if matched:
                reasons.keywords.append(shown)
        else:
            getattr(reasons, name).append((shown, matched))


def _entries(type_name: str, pks: list[int]) -> dict:
    return {entry.pk: entry for entry in public(type_name).for_list().filter(pk__in=pks)}


def match_need(
    need: str,
    *,
    region: str | None = None,
    services: Sequence[str] = (),
    limit: int = LIMIT,
) -> list[NeedMatch]:
    """The platforms and clusters that best cover ``need``, best first, with their reasons.

    ``region`` is the company's own region (Statistics Finland code), ``services`` the slugs
    of the kinds of service it wants; both raise matching entries a little and filter nothing.
    A constant number of queries, whatever the number of results:
    ``match_need("Akkukennojen testaus pakkasessa", region="18")``.
    """
    if connection.vendor != "postgresql":
        return _simple_match(need, limit=limit)
    terms = need_terms(need)
    if not terms:
        return []
    scored = sorted(_scored(terms, region, services), key=lambda s: (-s[0], s[1], s[2]))
    if not scored:
        return []
    best = scored[0][0]
    kept = [s for n, s in enumerate(scored) if n < MIN_RESULTS or s[0] >= CUTOFF * best][:limit]
    entries = {t: _entries(t, [s[2] for s in kept if s[1] == t]) for t in TYPES}
    matches = []
    for score, type_name, pk, in_region, has in kept:
        reasons = Reasons(words=[terms[n].words[0] for n in has])
        matches.append(NeedMatch(type_name, entries[type_name][pk], score, in_region, reasons))
    language = get_language() if get_language() in LANGUAGES else LANGUAGES[0]
    _explain(matches, terms, language)
    return matches


def _simple_match(need: str, *, limit: int) -> list[NeedMatch]:
    """SQLite (the quick local run): entries holding any of the need's words in a name,
    keyword or summary, by how many they hold."""
    words = [w for w in need_words(need) if len(w) > 3][:MAX_TERMS]
    matches = []
    for type_name in TYPES:
        fields = ["name", "summary"] + (["keywords"] if type_name == "platform" else [])
        entries = public(type_name).for_list()
        for entry in entries:
            text = " ".join(" ".join(_texts(entry, f).values()) for f in fields).lower()
            has = [w for w in words if w in text]
            if has:
                matches.append(NeedMatch(type_name, entry, float(len(has)), reasons=Reasons(has)))
    matches.sort(key=lambda m: (-m.score, m.type, m.entry.pk))
    return matches[:limit]
