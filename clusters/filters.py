"""Filters of the cluster list, shared by the public site and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from entries.filters import EntryFilter, ModifiedAfterFilter, slugs_filter, visible_entries
from platforms.models import Organisation
from priorities.models import Strategy

from .models import Cluster, ClusterMember, IndustrialEcosystem, VanguardPilot


class ClusterFilter(EntryFilter):
    ecosystem = slugs_filter(
        IndustrialEcosystem.objects.all(), "ecosystems__slug", label=_("EU industrial ecosystem")
    )

    class Meta:
        model = Cluster
        fields = ["q", "region", "priority", "ecosystem"]


class ClusterApiFilter(ClusterFilter):
    """The site's filters and more for API clients: incremental sync and ordering."""

    strategy = slugs_filter(Strategy.objects.all(), "priorities__strategy__slug")
    organisation = slugs_filter(Organisation.objects.all(), method="filter_organisation")
    platform = slugs_filter(visible_entries("platforms.InnovationPlatform"), "members__slug")
    pilot = slugs_filter(VanguardPilot.objects.all(), "pilots__slug")
    modified_after = ModifiedAfterFilter(method="filter_modified_after")
    ordering = django_filters.OrderingFilter(fields=["name", "updated", "created", "slug"])

    class Meta(ClusterFilter.Meta):
        fields = [
            *ClusterFilter.Meta.fields,
            "strategy",
            "organisation",
            "platform",
            "pilot",
            "modified_after",
        ]

    def filter_organisation(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(coordinator__in=value) | Q(partners__in=value)).distinct()

    def filter_modified_after(self, queryset, name, value):
        """Changed since ``value`` — or a member platform changed (it may have been withdrawn)."""
        if value is None:
            return queryset
        changed_members = ClusterMember.objects.filter(platform__updated__gt=value)
        return queryset.filter(
            Q(updated__gt=value) | Q(pk__in=changed_members.values("cluster_id"))
        )
