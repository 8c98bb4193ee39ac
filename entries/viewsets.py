"""The API endpoints of platforms and clusters share this viewset."""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from elmo.api.pagination import SyncPagination
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

    @extend_schema(
        summary="Changes in the order they were made, for incremental sync",
        description="The same entries, filters, `lang` and `include` as the list, in the order "
        "they last changed (`updated`, then `id`), paged by a cursor: follow `next` until it is "
        "null, and keep the `updated` of the last entry for the next sync's `modified_after`. "
        "Each page costs the same however far the client has paged, and there is no count. "
        "An entry that changes while a client pages moves to the end, where it is met again.",
    )
    @action(
        detail=False,
        methods=["get"],
        pagination_class=SyncPagination,
        renderer_classes=[JSONRenderer],
    )
    def changes(self, request, *args, **kwargs):
        # The list as JSON, cached alike (RegistryViewSet.list), paged by SyncPagination.
        return RegistryViewSet.list(self, request, *args, **kwargs)


def entry_schema(serializer_class):
    parameters = [LANG_PARAMETER, include_parameter(serializer_class.embeddable)]
    return extend_schema_view(
        list=extend_schema(parameters=parameters),
        changes=extend_schema(parameters=parameters, responses=serializer_class(many=True)),
        retrieve=extend_schema(parameters=parameters),
    )
