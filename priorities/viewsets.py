from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from elmo.api.views import LANG_PARAMETER, ReadOnlyRegistryViewSet

from .models import Priority, Region, Strategy
from .serializers import PrioritySerializer, RegionSerializer, StrategySerializer

LANG_ONLY = extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)


@LANG_ONLY
class RegionViewSet(ReadOnlyRegistryViewSet):
    """The seven regions of the IP area, with their boundaries as GeoJSON."""

    serializer_class = RegionSerializer
    queryset = Region.objects.order_by("code")


@LANG_ONLY
class StrategyViewSet(ReadOnlyRegistryViewSet):
    serializer_class = StrategySerializer
    queryset = Strategy.objects.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("order", "slug"))
    ).order_by("first_year")


@LANG_ONLY
class PriorityViewSet(ReadOnlyRegistryViewSet):
    serializer_class = PrioritySerializer
    queryset = Priority.objects.select_related("strategy", "region").order_by("pk")
    filterset_fields = {"strategy__slug": ["exact"]}
