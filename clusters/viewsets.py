from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from elmo.api.views import LANG_PARAMETER, ReadOnlyRegistryViewSet
from platforms.models import InnovationPlatform
from platforms.viewsets import EntryViewSet, entry_schema

from .filters import ClusterApiFilter
from .models import Cluster, VanguardPilot
from .serializers import ClusterSerializer, PilotSerializer


@entry_schema(ClusterSerializer)
class ClusterViewSet(EntryViewSet):
    """Clusters; `?format=csv` or `?format=geojson` downloads every match."""

    serializer_class = ClusterSerializer
    filterset_class = ClusterApiFilter
    queryset = Cluster.objects.all()
    include_options = tuple(ClusterSerializer.embeddable)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class PilotViewSet(ReadOnlyRegistryViewSet):
    """The Vanguard Initiative's pilots, with the published platforms and clusters in each."""

    serializer_class = PilotSerializer
    queryset = VanguardPilot.objects.prefetch_related(
        Prefetch("platforms", queryset=InnovationPlatform.objects.published().order_by("pk")),
        Prefetch("clusters", queryset=Cluster.objects.published().order_by("pk")),
    ).order_by("pk")
