"""Filters of the cluster list, shared by the public site and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from platforms.filters import CommaSeparatedCheckboxes
from priorities.models import Priority, Region
from search import search_entries

from .models import Cluster, ClusterRegion, IndustrialEcosystem


class ClusterFilter(django_filters.FilterSet):
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
    ecosystem = django_filters.ModelMultipleChoiceFilter(
        label=_("EU industrial ecosystem"),
        queryset=IndustrialEcosystem.objects.all(),
        to_field_name="slug",
        field_name="ecosystems__slug",
        distinct=True,
        widget=CommaSeparatedCheckboxes,
    )

    class Meta:
        model = Cluster
        fields = ["q", "region", "priority", "ecosystem"]

    def filter_q(self, queryset, name, value):
        return search_entries(queryset, value)

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        codes = [region.code for region in value]
        other = ClusterRegion.objects.filter(region__code__in=codes).values("cluster_id")
        return queryset.filter(Q(region__code__in=codes) | Q(pk__in=other))
