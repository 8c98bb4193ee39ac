"""Filters of the platform search, shared by the public site and the API."""

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from elmo import i18n
from entries.filters import (
    CommaSeparatedCheckboxes,
    EntryFilter,
    ModifiedAfterFilter,
    RegionFilter,
    slugs_filter,
    visible_entries,
)
from priorities.models import Priority, Region, Strategy

from .models import (
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


class BBoxField(forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees: four numbers from -180 to 180.

    A box whose minimum lies beyond its maximum holds nothing, and matches no entry.
    """

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        message = _("Give four numbers from -180 to 180: min_lon,min_lat,max_lon,max_lat.")
        try:
            numbers = [float(part) for part in value.split(",")]
        except ValueError as error:
            raise forms.ValidationError(message) from error
        if len(numbers) != 4 or not all(-180 <= n <= 180 for n in numbers):
            raise forms.ValidationError(message)
        return tuple(numbers)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "number", "minimum": -180, "maximum": 180},
        "minItems": 4,
        "maxItems": 4,
    }
)
class BBoxFilter(django_filters.Filter):
    field_class = BBoxField

    def filter(self, queryset, value):
        if not value:
            return queryset
        west, south, east, north = value
        return queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )


class PlatformFilter(EntryFilter):
    """Keyword and facet filters; several values of one facet mean OR, facets combine with AND.

    ``PlatformFilter({"region": ["19"], "priority": ["clean-tech"]}, queryset=...).qs``
    """

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


class PlatformApiFilter(PlatformFilter):
    """The site's filters and more for API clients: incremental sync, map box, ordering."""

    strategy = slugs_filter(Strategy.objects.all(), "priorities__strategy__slug")
    organisation = slugs_filter(Organisation.objects.all(), "hosts__slug")
    # Named by label: platforms do not import the clusters app, which depends on them.
    cluster = slugs_filter(visible_entries("clusters.Cluster"), "clusters__slug")
    pilot = slugs_filter(visible_entries("clusters.VanguardPilot"), "pilots__slug")
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
        for column in i18n.columns("town"):
            condition |= Q(**{f"{column}__iexact": value})
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
