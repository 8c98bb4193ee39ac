from django.db.models import Prefetch

from elmo.api.views import ReadOnlyRegistryViewSet, lang_schema
from entries.viewsets import EntryViewSet, entry_schema
from platforms.models import InnovationPlatform

from .filters import ClusterApiFilter
from .models import Cluster, VanguardPilot
from .serializers import ClusterSerializer, PilotSerializer


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
