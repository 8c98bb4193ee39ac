"""The registry's one search service, used by the public site and the API.

- ``search_entries(queryset, query)``: the entries of a queryset matching a query, with ``rank``;
  ``order_by_relevance(results, "pk")`` orders them best first.
- ``search_all(query)``: platforms, clusters and organisations ranked together.
- ``suggest(query)``: names for the search box while typing.
- ``facet_counts(results)``: how many of them have each facet value (platforms);
  ``with_facet_values(entries, values)`` those with any of the values.
- ``split_matches(results)``: those with every word apart from those with only some.
- ``known_count(results)``: their number up to 1 001 when the search counted it already.
- ``highlight(text, query)``: an escaped snippet with the matched words marked.
- ``reindex_for(obj)`` / ``rebuild_index()``: keep the search documents current.

It runs on PostgreSQL and on SQLite alike (``search.engine``).

``COLUMNS`` are the columns the service writes on the tables it searches, never a person:
they are neither history nor part of a snapshot.
"""

from .engine import (
    facet_counts,
    known_count,
    order_by_relevance,
    search_entries,
    split_matches,
    with_facet_values,
)
from .index import COLUMNS, rebuild_index, reindex_for
from .query import MAX_QUERY_LENGTH, parse_query
from .results import highlight, search_all, suggest

__all__ = [
    "COLUMNS",
    "MAX_QUERY_LENGTH",
    "facet_counts",
    "highlight",
    "known_count",
    "order_by_relevance",
    "parse_query",
    "rebuild_index",
    "reindex_for",
    "search_all",
    "search_entries",
    "split_matches",
    "suggest",
    "with_facet_values",
]
