"""Search across types (platforms, clusters, organisations), suggestions and snippets."""

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import finnish
from .document import TYPES
from .engine import order_by_relevance, search_entries
from .query import parse_terms

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    type: str
    entry: Any
    rank: float
    tier: int = 0


def public(type_name):
    return apps.get_model(*TYPES[type_name]).objects.public()


def search_all(
    query: str | None,
    *,
    types: tuple[str, ...] = tuple(TYPES),
    limit: int = 20,
    prefix: bool = False,
) -> list[Hit]:
    """The best ``limit`` matches of every type in ``types``, ranked together: a list of Hits.

    One query per type, whatever the number of rows: ``search_all("akku", limit=10)``.
    """
    hits = []
    for type_name in types:
        queryset = search_entries(public(type_name), query, prefix=prefix)
        queryset = order_by_relevance(queryset, "pk", depth=limit)
        if type_name != "organisation":
            queryset = queryset.select_related("region")
        hits += [
            Hit(type_name, entry, entry.rank, getattr(entry, "search_tier", 0))
            for entry in queryset[:limit]
        ]
    # The kind of tier first: entries of one type with every word before another's with some.
    hits.sort(key=lambda hit: (hit.tier, -hit.rank, hit.type, hit.entry.pk))
    return hits[:limit]


def _matches(word, query_forms, prefix):
    lower = word.lower()
    if lower in query_forms or (prefix and lower.startswith(prefix)):
        return True
    bases, parts = finnish.analyse(lower)
    return any(form in query_forms for form in (*bases, *parts))


def highlight(text: str | None, query: str | None, *, words: int = 30) -> SafeString:
    """An escaped snippet of ``text`` around the first match, matched words in ``<mark>``.

    >>> str(highlight("Kuivahuone <akku>kennoille", "akku"))
    'Kuivahuone &lt;<mark>akku</mark>&gt;kennoille'
    """
    terms = [t for t in parse_terms(query) if not t.negated]
    forms = set()
    for term in terms:
        bases, parts = finnish.analyse(term.word)
        forms |= {term.word, *bases, *parts}
    prefix = terms[-1].word if terms and len(terms[-1].word) >= 3 else None
    tokens = re.split(r"(\w+)", text or "")
    word_positions = list(range(1, len(tokens), 2))
    hits = [i for i in word_positions if _matches(tokens[i], forms, prefix)]
    first = word_positions.index(hits[0]) if hits else 0
    start = word_positions[max(0, first - words // 3)] if word_positions else 0
    end_index = min(len(word_positions) - 1, max(0, first - words // 3) + words)
    end = word_positions[end_index] + 1 if word_positions else len(tokens)
    out = ["… "] if start > 1 else []
    for i in range(start, min(end, len(tokens))):
        piece = escape(tokens[i])
        out.append(f"<mark>{piece}</mark>" if i in hits else piece)
    if end < len(tokens) - 1:
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 (every piece is escaped)


def suggest(query: str | None, *, limit: int = 8) -> list[Hit]:
    """Names for the search box as a person types: ``[Hit, …]`` of every type."""
    return search_all(query, limit=limit, prefix=True)
