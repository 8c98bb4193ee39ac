from elmo.api.views import ReadOnlyRegistryViewSet, RegistryViewSet, lang_schema
from entries.viewsets import EntryViewSet, entry_schema

from .filters import OrganisationFilter, PlatformApiFilter
from .models import InnovationPlatform, Organisation, Service
from .serializers import OrganisationSerializer, PlatformSerializer, ServiceSerializer


@entry_schema(PlatformSerializer)
class PlatformViewSet(EntryViewSet):
    """Innovation platforms; `?format=csv` or `?format=geojson` downloads every match."""

    serializer_class = PlatformSerializer
    filterset_class = PlatformApiFilter
    queryset = InnovationPlatform.objects.all()


@lang_schema
class OrganisationViewSet(RegistryViewSet):
    """Organisations that host platforms or take part in clusters: universities, research
    institutes, companies, development companies."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.select_related("region").order_by("pk")


@lang_schema
class ServiceViewSet(ReadOnlyRegistryViewSet):
    """The kinds of service platforms offer (testing, piloting, prototyping…), which the
    platform list filters on (`service`)."""

    serializer_class = ServiceSerializer
    queryset = Service.objects.order_by("order", "slug")
