"""Spreadsheet columns of clusters (see ``elmo.resources`` and ``platforms.resources``)."""

from elmo.resources import RegistryResource, lookup, lookup_list
from platforms.models import InnovationPlatform, Organisation
from platforms.resources import EntryResource

from .models import Cluster, IndustrialEcosystem, VanguardPilot


class ClusterResource(EntryResource):
    coordinator = lookup(Organisation, "coordinator")
    partners = lookup_list(Organisation, "partners")
    members = lookup_list(InnovationPlatform, "members")
    ecosystems = lookup_list(IndustrialEcosystem, "ecosystems")
    pilots = lookup_list(VanguardPilot, "pilots")

    select_related = ("region", "coordinator")
    prefetch_related = (
        "other_regions",
        "partners",
        "members",
        "priorities",
        "ecosystems",
        "pilots",
    )

    class Meta(RegistryResource.Meta):
        model = Cluster
        fields = (
            *EntryResource.FIRST_COLUMNS,
            "founded",
            "region",
            "other_regions",
            "coordinator",
            "partners",
            "members",
            "priorities",
            "ecosystems",
            "pilots",
            "eccp_url",
            *EntryResource.LAST_COLUMNS,
        )
