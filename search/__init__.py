"""The registry's one search service, used by the public site (and later the API).

``search_entries(queryset, query)`` narrows a queryset of platforms or clusters to the entries
matching every word of ``query`` in any of the three languages, and annotates a ``rank`` for
ordering by relevance. The engine behind it can change without changing its callers.
"""

from .engine import MAX_QUERY_LENGTH, parse_query, search_entries

__all__ = ["MAX_QUERY_LENGTH", "parse_query", "search_entries"]
