"""``GET /api/v1/statistics/enquiries/``: open figures of the enquiries for partners and the
smart-specialisation work — counts only, by month, region or priority, with every count
below 3 shown as ``"<3"`` so that no company can be recognised; ``?format=csv`` too.

The figures are ``enquiries.statistics``'s, the same as the admin dashboard's.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from elmo.api.parameters import check_parameters
from elmo.api.renderers import CSVRenderer
from elmo.api.views import ExportMixin

from .statistics import SUPPRESS_BELOW, SUPPRESSED, public_rows

BY = ("month", "region", "priority")


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": SUPPRESS_BELOW},
            {"type": "string", "enum": [SUPPRESSED]},
        ],
        "description": f"Enquiries; 1 and 2 are shown as `{SUPPRESSED}`.",
    }
)
class CountField(serializers.Field):
    def to_representation(self, value):
        return value


class StatisticsRowSerializer(serializers.Serializer):
    month = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="YYYY-MM, Finnish time.")
    region = serializers.CharField(
        required=False, help_text="Statistics Finland code of the chosen entries' region."
    )
    priority = serializers.SlugField(required=False, help_text="A priority's slug.")
    enquiries = CountField()


class StatisticsQuerySerializer(serializers.Serializer):
    by = serializers.ChoiceField(choices=BY, required=False, default="month")


class EnquiryStatistics(ExportMixin, APIView):
    """Errors stay JSON whatever format was asked for (``ExportMixin.finalize_response``)."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="Enquiry statistics",
        description=(
            "How many enquiries companies sent through the registry, per month (Finnish "
            "time) — or per month and the region of the chosen platforms and clusters "
            "(`by=region`), or per month and smart-specialisation priority (`by=priority`). "
            "An enquiry counts once per month, region or priority it touches. Counts only: "
            f"no text, no company, and every count below {SUPPRESS_BELOW} is shown as "
            f'`"{SUPPRESSED}"`. Enquiries are kept for 12 months. `?format=csv` gives the '
            "same rows as CSV."
        ),
        parameters=[
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(BY), description="Breakdown."),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"]),
        ],
        responses=StatisticsRowSerializer(many=True),
    )
    def get(self, request, format=None):
        check_parameters(request, ("by", "format"))
        query = StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(public_rows(query.validated_data["by"]))
