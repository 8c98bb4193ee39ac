"""The API endpoints of platforms and clusters share this viewset."""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from elmo.api.views import (
    LANG_PARAMETER,
    ExportMixin,
    RegistryViewSet,
    WithdrawnSerializer,
    include_parameter,
)

from .filters import ModifiedAfterField


class EntryViewSet(ExportMixin, RegistryViewSet):
    """Platforms and clusters: filters, exports, Last-Modified, and the withdrawn list; what a
    reader sees is ``EntryQuerySet.visible_to`` the reader, in the model's ``for_api``."""

    @property
    def include_options(self):
        """What ``?include=`` may embed: the serializer's ``embeddable``."""
        return tuple(self.serializer_class.embeddable)

    def get_queryset(self):
        return self.queryset.model.objects.for_api(
            user=self.request.user, include=getattr(self, "includes", ())
        )

    @extend_schema(
        summary="Entries no longer public",
        description="Entries that were published and are not any more, for incremental sync: "
        "remove them from a copy. Give the time of the previous sync as `modified_after`.",
        parameters=[
            OpenApiParameter("modified_after", OpenApiTypes.DATETIME),
        ],
        filters=False,
        responses=WithdrawnSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filterset_class=None, renderer_classes=[JSONRenderer])
    def withdrawn(self, request):
        field = ModifiedAfterField(required=False)
        try:
            since = field.clean(request.query_params.get("modified_after"))
        except forms.ValidationError as error:
            raise ValidationError({"modified_after": error.messages}) from error
        queryset = self.queryset.model.objects.withdrawn().order_by("pk")
        if since is not None:
            queryset = queryset.filter(updated__gt=since)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(WithdrawnSerializer(page, many=True).data)


def entry_schema(serializer_class):
    parameters = [LANG_PARAMETER, include_parameter(serializer_class.embeddable)]
    return extend_schema_view(
        list=extend_schema(parameters=parameters),
        retrieve=extend_schema(parameters=parameters),
    )
