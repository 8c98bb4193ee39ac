"""Filters of the platform search, shared by the public site and the API."""

import datetime

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from priorities.models import Priority, Region, Strategy
from search import search_entries

from .models import (
    LANGUAGE_CODES,
    InnovationPlatform,
    Organisation,
    OrganisationKind,
    PlatformType,
    Service,
)


class CommaSeparatedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that also accept ``?region=19,18`` as well as ``?region=19&region=18``."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [part.strip() for value in values for part in value.split(",") if part.strip()]


class CodeOrSlugMultipleField(forms.ModelMultipleChoiceField):
    """Regions given by Statistics Finland code or by slug: ``19`` or ``lappi``."""

    def _check_values(self, value):
        values = {str(v) for v in value}
        found = list(self.queryset.filter(Q(code__in=values) | Q(slug__in=values)))
        known = {r.code for r in found} | {r.slug for r in found}
        for unknown in sorted(values - known):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown},
            )
        return found


class ModifiedAfterField(IsoDateTimeField):
    """An ISO 8601 date and time, converted to UTC; one the database cannot hold is an error."""

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        try:
            value = value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError(_("Enter a date and time after the year 1900.")) from error
        if value.year < 1900:
            raise forms.ValidationError(_("Enter a date and time after the year 1900."))
        return value


@extend_schema_field({"type": "string", "format": "date-time"})
class ModifiedAfterFilter(django_filters.IsoDateTimeFilter):
    field_class = ModifiedAfterField


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Several slugs, repeated or comma-separated; an unknown slug is an error."""


def slugs_filter(queryset, field_name=None, **kwargs):
    """A filter on the slugs of ``queryset`` through ``field_name``: ``?x=a,b`` or ``?x=a&x=b``."""
    if field_name:
        kwargs.update(field_name=field_name, distinct=True)
    return SlugsFilter(
        queryset=queryset, to_field_name="slug", widget=CommaSeparatedCheckboxes, **kwargs
    )


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class RegionFilter(django_filters.ModelMultipleChoiceFilter):
    """Regions by code or slug, repeated or comma-separated."""

    field_class = CodeOrSlugMultipleField


class BBoxField(forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        message = _("Give four numbers: min_lon,min_lat,max_lon,max_lat.")
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError as error:
            raise forms.ValidationError(message) from error
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise forms.ValidationError(message)
        return west, south, east, north


@extend_schema_field({"type": "string", "example": "24.5,64.0,30.0,66.5"})
class BBoxFilter(django_filters.Filter):
    field_class = BBoxField

    def filter(self, queryset, value):
        if not value:
            return queryset
        west, south, east, north = value
        return queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )


class SearchFilterMixin:
    """``q``: the search service, the same for every list."""

    def filter_q(self, queryset, name, value):
        return search_entries(queryset, value)


class PlatformFilter(SearchFilterMixin, django_filters.FilterSet):
    """Keyword and facet filters; several values of one facet mean OR, facets combine with AND.

    ``PlatformFilter({"region": ["19"], "priority": ["clean-tech"]}, queryset=...).qs``
    """

    q = django_filters.CharFilter(label=_("Search words"), method="filter_q", max_length=200)
    region = RegionFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        widget=CommaSeparatedCheckboxes,
    )
    priority = slugs_filter(
        Priority.objects.select_related("strategy"), "priorities__slug", label=_("Priority")
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Platform type"),
        field_name="platform_type",
        choices=PlatformType.choices,
        widget=CommaSeparatedCheckboxes,
    )
    service = slugs_filter(Service.objects.all(), "services__slug", label=_("Service"))
    host_kind = django_filters.MultipleChoiceFilter(
        label=_("Host organisation"),
        field_name="hosts__kind",
        choices=OrganisationKind.choices,
        distinct=True,
        widget=CommaSeparatedCheckboxes,
    )

    # Facets counted for the current search: parameter -> how its values are grouped.
    FACETS = ("region", "priority", "type", "service", "host_kind")

    class Meta:
        model = InnovationPlatform
        fields = ["q", "region", "priority", "type", "service", "host_kind"]

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        codes = [region.code for region in value]
        served = InnovationPlatform.other_regions.through.objects.filter(region__code__in=codes)
        return queryset.filter(Q(region__code__in=codes) | Q(pk__in=served.values("platform_id")))

    def facet_counts(self):
        """Counts per facet value, each facet counted with the other facets' filters applied.

        Returns ``{"region": {"19": 12, …}, "priority": {"clean-tech": 9, …}, …}`` in six queries.
        """
        counts = {}
        for facet in self.FACETS:
            data = self.data.copy()
            data.pop(facet, None)
            others = type(self)(data, queryset=self.queryset).qs.order_by()
            ids = others.values("pk")
            platforms = InnovationPlatform.objects.filter(pk__in=ids).order_by()
            if facet == "region":
                primary = platforms.values_list("region__code").annotate(n=Count("pk"))
                served = (
                    InnovationPlatform.other_regions.through.objects.filter(platform_id__in=ids)
                    .exclude(region_id=F("platform__region_id"))
                    .values_list("region__code")
                    .annotate(n=Count("platform_id"))
                    .order_by()
                )
                counts[facet] = {}
                for code, n in [*primary, *served]:
                    counts[facet][code] = counts[facet].get(code, 0) + n
                continue
            group = {
                "priority": "priorities__slug",
                "type": "platform_type",
                "service": "services__slug",
                "host_kind": "hosts__kind",
            }[facet]
            counts[facet] = dict(
                platforms.exclude(**{f"{group}__isnull": True})
                .values_list(group)
                .annotate(n=Count("pk", distinct=True))
            )
        return counts


# The cluster and pilot models are reached through reverse relations: platforms do not import
# the clusters app, which depends on them.
Cluster = InnovationPlatform.clusters.rel.related_model
VanguardPilot = InnovationPlatform.pilots.rel.related_model


class PlatformApiFilter(PlatformFilter):
    """The site's filters and more for API clients: incremental sync, map box, ordering."""

    strategy = slugs_filter(Strategy.objects.all(), "priorities__strategy__slug")
    organisation = slugs_filter(Organisation.objects.all(), "hosts__slug")
    cluster = slugs_filter(Cluster.objects.all(), "clusters__slug")
    pilot = slugs_filter(VanguardPilot.objects.all(), "pilots__slug")
    town = django_filters.CharFilter(method="filter_town", max_length=100)
    modified_after = ModifiedAfterFilter(field_name="updated", lookup_expr="gt")
    bbox = BBoxFilter()
    ordering = django_filters.OrderingFilter(fields=["name", "updated", "created", "slug"])

    class Meta(PlatformFilter.Meta):
        fields = [
            *PlatformFilter.Meta.fields,
            "strategy",
            "organisation",
            "cluster",
            "pilot",
            "town",
            "modified_after",
            "bbox",
        ]

    def filter_town(self, queryset, name, value):
        condition = Q()
        for code in LANGUAGE_CODES:
            condition |= Q(**{f"town_{code}__iexact": value})
        return queryset.filter(condition)


class OrganisationFilter(django_filters.FilterSet):
    region = RegionFilter(
        queryset=Region.objects.all(), to_field_name="code", widget=CommaSeparatedCheckboxes
    )
    modified_after = ModifiedAfterFilter(field_name="updated", lookup_expr="gt")

    class Meta:
        model = Organisation
        fields = ["region", "kind", "modified_after"]
