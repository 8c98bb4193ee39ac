from django.db.models import Prefetch

from elmo.api.views import ReadOnlyRegistryViewSet, lang_schema

from .filters import PriorityFilter
from .models import Priority, Region, Strategy
from .serializers import PrioritySerializer, RegionSerializer, StrategySerializer


@lang_schema
class RegionViewSet(ReadOnlyRegistryViewSet):
    """The seven regions of the IP area, with their boundaries as GeoJSON."""

    serializer_class = RegionSerializer
    queryset = Region.objects.order_by("code")


@lang_schema
class StrategyViewSet(ReadOnlyRegistryViewSet):
    """The smart-specialisation strategies of the area, each with its priorities."""

    serializer_class = StrategySerializer
    queryset = Strategy.objects.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("order", "slug"))
    ).order_by("first_year")


@lang_schema
class PriorityViewSet(ReadOnlyRegistryViewSet):
    """The priorities of the strategies; `strategy` gives those of one strategy."""

    serializer_class = PrioritySerializer
    queryset = Priority.objects.select_related("strategy", "region").order_by("pk")
    filterset_class = PriorityFilter
