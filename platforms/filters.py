"""Filters of the platform search, shared by the public site and the API."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Q
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
    PlatformHost,
    PlatformPriority,
    PlatformRegion,
    PlatformService,
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


def visible_entries(model):
    """The platforms or clusters a filter may name: those the reader's list shows.

    ``slugs_filter(visible_entries(Cluster), "clusters__slug")``: for anyone but staff a
    draft's slug is refused exactly as an unknown one, so the answer does not reveal it.
    django-filter calls the returned function with the request.
    """

    def queryset(request):
        user = getattr(request, "user", None)
        return model.objects.visible(staff=bool(user and user.is_staff))

    return queryset


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
    """``q``: the search service, the same for every list, applied after every other filter —
    a broad search's order is read from what was searched (``search.order_by_relevance``)."""

    def filter_q(self, queryset, name, value):
        return search_entries(queryset, value)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset


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

        Returns ``{"region": {"19": 12, …}, "priority": {"clean-tech": 9, …}, …}``. Facets whose
        other filters are the same (all of them when no facet is chosen) share one query: the
        matching platforms are found once (``WITH m AS MATERIALIZED``) and every facet is
        counted from them and the link tables, so a broad search is not matched five times.
        """
        groups = {}
        for facet in self.FACETS:
            data = self.data.copy()
            data.pop(facet, None)
            key = tuple(sorted((k, tuple(data.getlist(k))) for k in data))
            groups.setdefault(key, (data, []))[1].append(facet)
        counts = {facet: {} for facet in self.FACETS}
        for data, facets in groups.values():
            matches = type(self)(data, queryset=self.queryset).qs.order_by()
            for facet, value, n in _facet_rows(matches, facets):
                counts[facet][value] = counts[facet].get(value, 0) + n
        return counts


def _facet_rows(matches, facets):
    """(facet, value, count) of ``facets`` over the platforms of ``matches``, in one query."""
    columns = matches.annotate(
        facet_id=F("pk"), facet_region=F("region_id"), facet_type=F("platform_type")
    ).values("facet_id", "facet_region", "facet_type")
    try:
        sql, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a query that can match nothing (only signs, no words)
        return []
    links = {
        "priority": (PlatformPriority, "priority", Priority, "slug"),
        "service": (PlatformService, "service", Service, "slug"),
        "host_kind": (PlatformHost, "organisation", Organisation, "kind"),
    }
    parts = []
    if "region" in facets:
        region = Region._meta.db_table
        other = PlatformRegion._meta.db_table
        parts.append(
            f"SELECT 'region', r.code, count(*) FROM m JOIN {region} r ON r.id = m.region_id "
            "GROUP BY r.code"
        )
        # Other regions served count too, once per platform (not again for its primary region).
        parts.append(
            f"SELECT 'region', r.code, count(*) FROM {other} o JOIN m ON m.id = o.platform_id "
            f"JOIN {region} r ON r.id = o.region_id WHERE o.region_id <> m.region_id "
            "GROUP BY r.code"
        )
    if "type" in facets:
        parts.append("SELECT 'type', m.platform_type, count(*) FROM m GROUP BY m.platform_type")
    for facet, (link, column, target, field) in links.items():
        if facet in facets:
            # A link is unique per platform and target; two hosts can share a kind, so the
            # (platform, value) pairs are made distinct first.
            parts.append(
                f"SELECT '{facet}', v.value, count(*) FROM (SELECT DISTINCT l.platform_id, "
                f"t.{field} AS value FROM {link._meta.db_table} l "
                f"JOIN m ON m.id = l.platform_id JOIN {target._meta.db_table} t "
                f"ON t.id = l.{column}_id) v GROUP BY v.value"
            )
    query = (
        "WITH m AS MATERIALIZED (SELECT s.facet_id AS id, s.facet_region AS region_id, "
        f"s.facet_type AS platform_type FROM ({sql}) s) " + " UNION ALL ".join(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


# The cluster and pilot models are reached through reverse relations: platforms do not import
# the clusters app, which depends on them.
Cluster = InnovationPlatform.clusters.rel.related_model
VanguardPilot = InnovationPlatform.pilots.rel.related_model


class PlatformApiFilter(PlatformFilter):
    """The site's filters and more for API clients: incremental sync, map box, ordering."""

    strategy = slugs_filter(Strategy.objects.all(), "priorities__strategy__slug")
    organisation = slugs_filter(Organisation.objects.all(), "hosts__slug")
    cluster = slugs_filter(visible_entries(Cluster), "clusters__slug")
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
    # Compared by code: the chosen regions give their codes (to_field_name), not primary keys.
    region = RegionFilter(
        queryset=Region.objects.all(),
        field_name="region__code",
        to_field_name="code",
        widget=CommaSeparatedCheckboxes,
    )
    modified_after = ModifiedAfterFilter(field_name="updated", lookup_expr="gt")

    class Meta:
        model = Organisation
        fields = ["region", "kind", "modified_after"]
