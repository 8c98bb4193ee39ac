from django.db.models import Prefetch

from elmo.api.views import ReadOnlyRegistryViewSet, lang_schema
from entries.viewsets import EntryViewSet, entry_schema
from platforms.models import InnovationPlatform

from .filters import ClusterApiFilter
from .models import Cluster, IndustrialEcosystem, VanguardPilot
from .serializers import ClusterSerializer, EcosystemSerializer, PilotSerializer


@entry_schema(ClusterSerializer)
class ClusterViewSet(EntryViewSet):
    """Clusters; `?format=csv` or `?format=geojson` downloads every match."""

    serializer_class = ClusterSerializer
    filterset_class = ClusterApiFilter
    queryset = Cluster.objects.all()


@lang_schema
class PilotViewSet(ReadOnlyRegistryViewSet):
    """The Vanguard Initiative's pilots, with the published platforms and clusters in each."""

    serializer_class = PilotSerializer
    queryset = VanguardPilot.objects.prefetch_related(
        Prefetch("platforms", queryset=InnovationPlatform.objects.published().order_by("pk")),
        Prefetch("clusters", queryset=Cluster.objects.published().order_by("pk")),
    ).order_by("pk")


@lang_schema
class EcosystemViewSet(ReadOnlyRegistryViewSet):
    """The 14 industrial ecosystems of the EU industrial strategy, which clusters name
    (`ecosystem` on the cluster list)."""

    serializer_class = EcosystemSerializer
    queryset = IndustrialEcosystem.objects.order_by("order", "slug")
