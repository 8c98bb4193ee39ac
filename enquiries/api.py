"""``GET /api/v1/match/``: the ranking of the need page for partners, with the reasons.

Only the matching is open: enquiries themselves are never in the API.
"""

from django.utils import translation
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from elmo.addresses import absolute_url
from elmo.api.parameters import check_parameters, content_language
from elmo.i18n import LANGUAGES
from platforms.models import Service
from priorities.models import Region
from search.needs import MAX_LENGTH, MIN_LENGTH, TYPES, match_need


class MatchQuerySerializer(serializers.Serializer):
    # Not trimmed: the schema's length is the length of what is sent.
    need = serializers.CharField(
        min_length=MIN_LENGTH, max_length=MAX_LENGTH, trim_whitespace=False
    )
    lang = serializers.ChoiceField(choices=LANGUAGES, required=False)
    region = serializers.CharField(required=False, max_length=2)
    service = serializers.ListField(child=serializers.CharField(max_length=60), max_length=20)

    def validate_region(self, value):
        if value and not Region.objects.filter(code=value).exists():
            raise serializers.ValidationError("Unknown region: give a Statistics Finland code.")
        return value

    def validate_service(self, value):
        unknown = set(value) - set(Service.objects.values_list("slug", flat=True))
        if unknown:
            raise serializers.ValidationError(f"Unknown service: {', '.join(sorted(unknown))}.")
        return value


class NamedSerializer(serializers.Serializer):
    name = serializers.CharField()
    matched = serializers.BooleanField()


class ReasonsSerializer(serializers.Serializer):
    words = serializers.ListField(
        child=serializers.CharField(), help_text="The words of the need the entry has."
    )
    name = serializers.BooleanField(help_text="Whether its name has words of the need.")
    services = NamedSerializer(many=True)
    keywords = serializers.ListField(
        child=serializers.CharField(), help_text="Its keywords that match."
    )
    priorities = NamedSerializer(many=True)
    ecosystems = NamedSerializer(many=True)


class MatchRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(TYPES))
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()
    region = MatchRegionSerializer()
    in_region = serializers.BooleanField(help_text="In the company's region (`region`).")
    score = serializers.FloatField()
    reasons = ReasonsSerializer()


def _named(pairs):
    return [{"name": name, "matched": matched} for name, matched in pairs]


@extend_schema(
    summary="Platforms and clusters for a company's need",
    description=(
        "The ranking of the site's *Describe your need* page: a need in the company's own "
        "words (10–2 000 characters, Finnish, Swedish or English), ranked by how much of it "
        "each published platform and cluster of the seven regions covers, best first (at most "
        "20), each with the reasons. `region` and `service` raise matching entries slightly "
        "and filter nothing."
    ),
    parameters=[
        OpenApiParameter(
            "need",
            {"type": "string", "minLength": MIN_LENGTH, "maxLength": MAX_LENGTH},
            required=True,
            description="The need, in any language.",
            examples=[
                OpenApiExample(
                    "A need",
                    value="We want to test our drone in arctic conditions before launching it.",
                )
            ],
        ),
        OpenApiParameter(
            "lang",
            str,
            enum=LANGUAGES,
            description="Language of names and addresses (default: the one `Accept-Language` "
            "asks for, else Finnish).",
        ),
        OpenApiParameter(
            "region", str, description="The company's region (Statistics Finland code)."
        ),
        OpenApiParameter(
            "service",
            str,
            many=True,
            description="Kinds of service wanted (slugs), repeated: `?service=a&service=b`.",
        ),
    ],
    responses=MatchSerializer(many=True),
)
@api_view(["GET"])
@permission_classes([AllowAny])
def match(request):
    check_parameters(request, ("need", "lang", "region", "service"))
    query = MatchQuerySerializer(
        data={
            **{
                key: request.query_params[key]
                for key in ("need", "lang", "region")
                if key in request.query_params
            },
            "service": request.query_params.getlist("service"),
        }
    )
    query.is_valid(raise_exception=True)
    data = query.validated_data
    with translation.override(data.get("lang") or content_language(request)):
        matches = match_need(
            data["need"], region=data.get("region") or None, services=data["service"]
        )
        answer = [
            {
                "type": m.type,
                "id": m.entry.pk,
                "slug": m.entry.slug,
                "name": m.entry.name,
                "url": absolute_url(m.entry.get_absolute_url()),
                "region": {"code": m.entry.region.code, "name": m.entry.region.name},
                "in_region": m.in_region,
                "score": round(m.score, 4),
                "reasons": {
                    "words": m.reasons.words,
                    "name": m.reasons.name,
                    "services": _named(m.reasons.services),
                    "keywords": m.reasons.keywords,
                    "priorities": _named(m.reasons.priorities),
                    "ecosystems": _named(m.reasons.ecosystems),
                },
            }
            for m in matches
        ]
    return Response(MatchSerializer(answer, many=True).data)


# The values the schema lists for these parameters (elmo.api.schema).
match.cls.parameter_choices = {
    "region": lambda: (Region.objects.all(), "code", None),
    "service": lambda: (Service.objects.all(), "slug", None),
}
