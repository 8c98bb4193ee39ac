"""The API's one explicit router: every endpoint of /api/v1/ is registered here."""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from clusters.viewsets import ClusterViewSet, EcosystemViewSet, PilotViewSet
from enquiries import api as enquiries_api
from enquiries.statistics_api import EnquiryStatistics
from platforms.viewsets import OrganisationViewSet, PlatformViewSet, ServiceViewSet
from priorities.viewsets import PriorityViewSet, RegionViewSet, StrategyViewSet
from search import api as search_api

from .views import SchemaView, api_root

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("strategies", StrategyViewSet, basename="strategy")
router.register("priorities", PriorityViewSet, basename="priority")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("services", ServiceViewSet, basename="service")
router.register("platforms", PlatformViewSet, basename="platform")
router.register("clusters", ClusterViewSet, basename="cluster")
router.register("pilots", PilotViewSet, basename="pilot")
router.register("ecosystems", EcosystemViewSet, basename="ecosystem")

app_name = "api"
urlpatterns = [
    path("", api_root, name="root"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("search/", search_api.search, name="search"),
    path("search/autocomplete/", search_api.autocomplete, name="autocomplete"),
    path("match/", enquiries_api.match, name="match"),
    path("statistics/enquiries/", EnquiryStatistics.as_view(), name="enquiry-statistics"),
    *router.urls,
]
