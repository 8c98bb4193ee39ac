"""Keyword search over the translated texts of platforms and clusters.

Each word of the query must occur (case-insensitively) in some searchable text of the entry, in
any language; names weigh most, then keywords and towns, then summaries and host organisations.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
WORD_RE = re.compile(r"\w[\w'-]*", re.UNICODE)
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Field weights per model: (field, weight). Translated fields are searched in every language.
WEIGHTS = {
    "innovationplatform": [("name", 8), ("keywords", 4), ("town", 4), ("summary", 2)],
    "cluster": [("name", 8), ("summary", 2)],
}
# Organisations linked to an entry through a link table: (link model path, fk to entry, weight).
LINKED_ORGANISATIONS = {
    "innovationplatform": [("platforms.PlatformHost", "platform", 2)],
    "cluster": [("clusters.ClusterPartner", "cluster", 2)],
}


def parse_query(query):
    """The words of a query a person typed, without punctuation, at most MAX_WORDS of them.

    >>> parse_query('  "akku"  laboratorio!! <b>Oulu</b> %_ ')
    ['akku', 'laboratorio', 'b', 'oulu', 'b']
    """
    words = WORD_RE.findall((query or "")[:MAX_QUERY_LENGTH].lower())
    return [w.strip("'-") for w in words if w.strip("'-")][:MAX_WORDS]


def _word_matches(model_name, word):
    """(condition, weight) pairs saying where ``word`` occurs in an entry."""
    matches = []
    for field, weight in WEIGHTS[model_name]:
        condition = Q()
        for code in LANGUAGES:
            condition |= Q(**{f"{field}_{code}__icontains": word})
        matches.append((condition, weight))
    for link_path, fk, weight in LINKED_ORGANISATIONS[model_name]:
        link = apps.get_model(link_path)
        names = Q()
        for code in LANGUAGES:
            names |= Q(**{f"organisation__name_{code}__icontains": word})
        matches.append((Exists(link.objects.filter(names, **{fk: OuterRef("pk")})), weight))
    if model_name == "cluster":
        coordinator = Q()
        for code in LANGUAGES:
            coordinator |= Q(**{f"coordinator__name_{code}__icontains": word})
        matches.append((coordinator, 2))
    return matches


def search_entries(queryset, query):
    """Entries of ``queryset`` matching every word of ``query``, annotated with ``rank``.

    An empty query returns the queryset unchanged, annotated with rank 0:
    ``search_entries(InnovationPlatform.objects.published(), "akku kokkola")``.
    """
    words = parse_query(query)
    if not words:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    model_name = queryset.model._meta.model_name
    rank_terms = []
    for word in words:
        matches = _word_matches(model_name, word)
        any_match = Q()
        for condition, _weight in matches:
            any_match |= condition
        queryset = queryset.filter(any_match)
        rank_terms.append(
            Case(
                *[When(condition, then=Value(weight)) for condition, weight in matches],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    rank = rank_terms[0]
    for term in rank_terms[1:]:
        rank = rank + term
    return queryset.annotate(rank=rank)
