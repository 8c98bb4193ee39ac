"""Filters of the platform search, shared by the public site and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

import search
from elmo import i18n
from entries.filters import (
    CommaSeparatedCheckboxes,
    EntryFilter,
    ModifiedAfterFilter,
    RegionFilter,
    slugs_filter,
    visible_entries,
)
from priorities.models import Region, Strategy

from .models import (
    MONTHS,
    TRL_RANGE,
    AccessModel,
    InnovationPlatform,
    Organisation,
    OrganisationKind,
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


class FacetValueFilter(django_filters.MultipleChoiceFilter):
    """Entries with any of the chosen values of a facet counted from ``search_facets``
    (``search.with_facet_values``): ``?trl=6`` selects what has "trl:6"."""

    def __init__(self, *args, facet, **kwargs):
        self.facet = facet
        kwargs.setdefault("widget", CommaSeparatedCheckboxes)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return search.with_facet_values(queryset, [f"{self.facet}:{v}" for v in value])


TRL_CHOICES = [(str(level), str(level)) for level in range(TRL_RANGE[0], TRL_RANGE[1] + 1)]
MONTH_CHOICES = [(str(number), name) for number, name in MONTHS]
REMOTE_CHOICES = [("true", _("Remote service available"))]


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

    trl = FacetValueFilter(
        label=_("Readiness level (TRL)"),
        facet="trl",
        choices=TRL_CHOICES,
        help_text=_("Platforms whose readiness range covers the level."),
    )
    access = FacetValueFilter(label=_("Access"), facet="access", choices=AccessModel.choices)
    remote = FacetValueFilter(label=_("Remote"), facet="remote", choices=REMOTE_CHOICES)
    month = FacetValueFilter(
        label=_("Available in"),
        facet="month",
        choices=MONTH_CHOICES,
        help_text=_("Platforms available in the month (1–12)."),
    )

    # Facets counted for the current search: parameter -> how its values are grouped.
    FACETS = (
        "region",
        "priority",
        "type",
        "service",
        "host_kind",
        "trl",
        "access",
        "remote",
        "month",
    )

    class Meta:
        model = InnovationPlatform
        fields = [
            "q",
            "region",
            "priority",
            "type",
            "service",
            "host_kind",
            "trl",
            "access",
            "remote",
            "month",
        ]

    def facet_counts(self):
        """Counts per facet value, each facet counted with the other facets' filters applied.

        Returns ``{"region": {"19": 12, …}, "priority": {"clean-tech": 9, …}, …}``, exact: of
        the platforms with every word searched for, as the count of results. Facets whose other
        filters are the same (all of them when no facet is chosen) share one query, which counts
        every facet value of those platforms at once (``search.facet_counts``).
        """
        groups = {}
        for facet in self.FACETS:
            data = self.data.copy()
            data.pop(facet, None)
            key = tuple(sorted((k, tuple(data.getlist(k))) for k in data))
            groups.setdefault(key, (data, []))[1].append(facet)
        counts = {facet: {} for facet in self.FACETS}
        own = tuple(sorted((k, tuple(self.data.getlist(k))) for k in self.data))
        for key, (data, facets) in groups.items():
            # The filters of the page itself: its search, already made, is counted.
            filterset = self if key == own else type(self)(data, queryset=self.queryset)
            matches, _partial = search.split_matches(filterset.qs)
            found = search.facet_counts(matches)
            for facet in facets:
                counts[facet] = found.get(facet, {})
        return counts


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
