"""The API's search endpoints: ranked results of every type, and suggestions while typing."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from elmo.addresses import absolute_url
from elmo.api.parameters import check_parameters, content_language
from elmo.i18n import LANGUAGES

from .document import TYPES
from .query import MAX_QUERY_LENGTH
from .results import highlight, search_all, suggest

LIMIT = 50


class HitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(TYPES))
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: the summary, escaped, matches in <mark>.")


class SuggestionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(TYPES))
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()


def _query(request):
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError({"q": [_("At most %(n)d characters.") % {"n": MAX_QUERY_LENGTH}]})
    return query, content_language(request)


def _types(request):
    raw = request.query_params.get("type") or ",".join(TYPES)
    names = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = sorted(set(names) - set(TYPES))
    if unknown or not names:
        raise ValidationError(
            {"type": [_("Choose from: %(types)s.") % {"types": ", ".join(TYPES)}]}
        )
    return tuple(names)


COMMON = [
    OpenApiParameter(
        "q",
        str,
        description="What to search for, in any of the three languages.",
        examples=[OpenApiExample("circular economy", value="kiertotalous")],
    ),
    OpenApiParameter(
        "lang",
        str,
        enum=LANGUAGES,
        description="Language of names, snippets and addresses (default: the one "
        "`Accept-Language` asks for, else Finnish).",
    ),
]


@extend_schema(
    summary="Search platforms, clusters and organisations",
    description="The same search as the site, ranked across types (at most 50 results).",
    parameters=[
        *COMMON,
        OpenApiParameter(
            "type",
            {"type": "array", "items": {"type": "string", "enum": list(TYPES)}},
            style="form",
            explode=False,
            description="Kinds of result, comma-separated (default: all).",
        ),
    ],
    responses=HitSerializer(many=True),
)
@api_view(["GET"])
@permission_classes([AllowAny])
def search(request):
    check_parameters(request, ("q", "lang", "type"))
    query, language = _query(request)
    types = _types(request)
    with translation.override(language):
        hits = [
            {
                "type": hit.type,
                "id": hit.entry.pk,
                "slug": hit.entry.slug,
                "name": hit.entry.name,
                "url": absolute_url(hit.entry.get_absolute_url()),
                "rank": round(hit.rank, 6),
                "snippet": str(
                    highlight(getattr(hit.entry, "summary", "") or hit.entry.name, query)
                ),
            }
            for hit in search_all(query, types=types, limit=LIMIT)
        ]
    return Response(HitSerializer(hits, many=True).data)


@extend_schema(
    summary="Suggestions for the search box",
    description="Names that match what has been typed so far (the last word as a prefix).",
    parameters=COMMON,
    responses=SuggestionSerializer(many=True),
)
@api_view(["GET"])
@permission_classes([AllowAny])
def autocomplete(request):
    check_parameters(request, ("q", "lang"))
    query, language = _query(request)
    with translation.override(language):
        suggestions = [
            {
                "type": hit.type,
                "slug": hit.entry.slug,
                "name": hit.entry.name,
                "url": absolute_url(hit.entry.get_absolute_url()),
            }
            for hit in suggest(query)
        ]
    return Response(SuggestionSerializer(suggestions, many=True).data)
