"""Base classes of the API endpoints and the API root."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from elmo.addresses import absolute_url
from elmo.cache import cached_response

from . import exports
from .fields import LANGUAGES
from .parameters import check_parameters, content_language, parse_lang
from .renderers import CSVRenderer, GeoJSONRenderer

EXPORT_FORMATS = {"csv", "geojson"}
# URL path -> router basename of every list endpoint, as the API root lists them.
ENDPOINTS = {
    "regions": "region",
    "strategies": "strategy",
    "priorities": "priority",
    "organisations": "organisation",
    "services": "service",
    "platforms": "platform",
    "clusters": "cluster",
    "pilots": "pilot",
    "ecosystems": "ecosystem",
}
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=LANGUAGES,
    description="Give translated texts as plain strings in this language (Finnish fallback).",
)


# The schema of the lists and details whose only parameter beyond the filters is ``lang``.
lang_schema = extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)


def include_parameter(options):
    return OpenApiParameter(
        "include",
        {"type": "array", "items": {"type": "string", "enum": list(options)}},
        style="form",
        explode=False,
        description="Related objects to embed under `embedded`, comma-separated.",
    )


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, in English (the field names' titles and the choices' labels would
    otherwise follow Accept-Language)."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response


class RegistryViewSet(viewsets.ModelViewSet):
    """Read for anyone, write (POST, PUT, PATCH) for staff; entries by id or slug.

    ``?include=a,b`` embeds related objects under ``embedded``; ``?lang=`` flattens translated
    texts; both are checked, and an unknown value is a 400. There is no DELETE: entries are
    archived, not deleted.
    """

    lookup_field = "slug"
    lookup_value_regex = r"[A-Za-z0-9_-]+"
    http_method_names = ["get", "head", "options", "post", "put", "patch"]
    include_options: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Not for OPTIONS, nor for a method the endpoint answers with 405.
        allowed = request.method.lower() in self.http_method_names
        if allowed and self.action and self.action != "metadata":
            check_parameters(request, self.query_parameters())
        self.includes = self.parse_include(request.query_params.get("include"))
        self.lang = parse_lang(request)

    def query_parameters(self):
        """The query parameters this action reads; any other is a 400 (``check_parameters``).
        The schema declares the same ones (``tests/api/test_api_schema_parameters.py``)."""
        names = set()
        if self.action in ("list", "changes", "retrieve"):
            names.add("lang")
            if self.include_options:
                names.add("include")
            if len(self.renderer_classes) > 1:
                names.add(api_settings.URL_FORMAT_OVERRIDE)
        if self.action in ("list", "changes"):
            filterset = self.filter_backends[0]().get_filterset_class(self, self.queryset)
            if filterset is not None:
                names.update(filterset.base_filters)
        if self.action in ("list", "changes", "withdrawn") and self.paginator is not None:
            names.add(self.paginator.page_size_query_param)
            # A numbered page (``page``), or the cursor of the changes feed (``cursor``).
            for paging in ("page_query_param", "cursor_query_param"):
                if hasattr(self.paginator, paging):
                    names.add(getattr(self.paginator, paging))
        if self.action == "withdrawn":
            names.add("modified_after")
        return names

    def parse_include(self, raw):
        names = [name.strip() for name in (raw or "").split(",") if name.strip()]
        unknown = sorted(set(names) - set(self.include_options))
        if unknown:
            choices = ", ".join(self.include_options) or "-"
            raise ValidationError(
                {
                    "include": [
                        _("Unknown: %(names)s. Choose from: %(choices)s.")
                        % {"names": ", ".join(unknown), "choices": choices}
                    ]
                }
            )
        return frozenset(names)

    def get_object(self):
        queryset = self.get_queryset()
        value = self.kwargs[self.lookup_field]
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        obj = get_object_or_404(queryset, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["include"] = getattr(self, "includes", frozenset())
        context["lang"] = getattr(self, "lang", None)
        context["page_language"] = content_language(self.request) if self.request else None
        return context

    def list(self, request, *args, **kwargs):
        return self.cached(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.cached(request, self.retrieve_object, *args, **kwargs)

    def retrieve_object(self, request, *args, **kwargs):
        """The object, with its time of change as ``Last-Modified`` where it has one."""
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        if getattr(instance, "updated", None):
            response.headers["Last-Modified"] = http_date(instance.updated.timestamp())
        return response

    @classmethod
    def sends_last_modified(cls):
        return any(f.name == "updated" for f in cls.queryset.model._meta.get_fields())

    def cached(self, request, handler, *args, **kwargs):
        """The handler's answer, rendered and cached for anonymous readers (elmo.cache); runs
        after authentication and throttling, so a cached answer still counts for the limit."""

        def render():
            return self.finalize_response(request, handler(request, *args, **kwargs)).render()

        return cached_response(request, render)


class ReadOnlyRegistryViewSet(RegistryViewSet):
    http_method_names = ["get", "head", "options"]


class ExportMixin:
    """Lists that can also be downloaded as CSV and GeoJSON (``?format=csv|geojson``): every
    matching entry, streamed or served from a file (``elmo.api.exports``)."""

    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format not in EXPORT_FORMATS:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        # What shapes the export: the parameters this list reads, and no other parameter.
        filters = {
            name: request.query_params.getlist(name)
            for name in sorted(self.filterset_class.base_filters)
            if name in request.query_params
        }
        shape = {"include": sorted(self.includes), "lang": self.lang, "filters": filters}
        return exports.export(request, queryset, self.get_serializer(), shape)

    def finalize_response(self, request, response, *args, **kwargs):
        # An error is JSON whatever format was asked for, as the schema documents it: a
        # spreadsheet of an error message helps no one.
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(response, "exception", False) and renderer and renderer.format in EXPORT_FORMATS:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class WithdrawnSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    updated = serializers.DateTimeField()


class RootSerializer(serializers.Serializer):
    name = serializers.CharField()
    licence = serializers.DictField(child=serializers.CharField())
    attribution = serializers.CharField()
    contact = serializers.EmailField(
        allow_null=True, help_text="Who answers questions about the data (null if not set up)."
    )
    documentation = serializers.URLField()
    schema = serializers.URLField()
    search = serializers.URLField()
    autocomplete = serializers.URLField()
    endpoints = serializers.DictField(
        child=serializers.URLField(), help_text="The list endpoints by name."
    )


@extend_schema(
    summary="API root",
    description="The endpoints, the data licence and a contact address.",
    responses=RootSerializer,
)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    check_parameters(request, ())
    endpoints = {
        path: absolute_url(reverse(f"api:{basename}-list")) for path, basename in ENDPOINTS.items()
    }
    return Response(
        {
            "name": "ELMO registry API v1",
            "licence": LICENCE,
            "attribution": "ELMO registry; region boundaries © National Land Survey of Finland",
            "contact": settings.ELMO_CONTACT_EMAIL or None,
            "documentation": absolute_url(reverse("api:docs")),
            "schema": absolute_url(reverse("api:schema")),
            "search": absolute_url(reverse("api:search")),
            "autocomplete": absolute_url(reverse("api:autocomplete")),
            "endpoints": endpoints,
        }
    )
