"""Filters of the platform search, shared by the public site and the API."""

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from priorities.models import Priority, Region
from search import search_entries

from .models import InnovationPlatform, OrganisationKind, PlatformType, Service


class CommaSeparatedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that also accept ``?region=19,18`` as well as ``?region=19&region=18``."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [part.strip() for value in values for part in value.split(",") if part.strip()]


class PlatformFilter(django_filters.FilterSet):
    """Keyword and facet filters; several values of one facet mean OR, facets combine with AND.

    ``PlatformFilter({"region": ["19"], "priority": ["clean-tech"]}, queryset=...).qs``
    """

    q = django_filters.CharFilter(label=_("Search words"), method="filter_q", max_length=200)
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        widget=CommaSeparatedCheckboxes,
    )
    priority = django_filters.ModelMultipleChoiceFilter(
        label=_("Priority"),
        queryset=Priority.objects.select_related("strategy"),
        to_field_name="slug",
        field_name="priorities__slug",
        distinct=True,
        widget=CommaSeparatedCheckboxes,
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Platform type"),
        field_name="platform_type",
        choices=PlatformType.choices,
        widget=CommaSeparatedCheckboxes,
    )
    service = django_filters.ModelMultipleChoiceFilter(
        label=_("Service"),
        queryset=Service.objects.all(),
        to_field_name="slug",
        field_name="services__slug",
        distinct=True,
        widget=CommaSeparatedCheckboxes,
    )
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

    def filter_q(self, queryset, name, value):
        return search_entries(queryset, value)

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
