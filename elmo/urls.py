from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from feedback.views import send_feedback

from . import sitemaps, views
from .cache import cached_page
from .sitemaps import SITEMAPS

admin.site.site_header = _("ELMO registry administration")
admin.site.site_title = _("ELMO registry")
admin.site.index_title = _("Innovation platforms and clusters of East and North Finland")

handler400 = views.bad_request
handler404 = views.page_not_found
# An unreachable database is a 503 with a translated page (or JSON under /api/); any other error
# the 500 page (JSON under /api/).
handler500 = "elmo.faults.server_error"

# /healthz and /readyz are answered by elmo.health.HealthCheckMiddleware, before this URLconf.
urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots"),
    path("ping", views.ping, name="ping"),
    # An index of a sitemap per section, each in pages (?p=2); cached like the pages they list.
    path(
        "sitemap.xml",
        cached_page(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("map/regions.geojson", views.region_boundaries, name="region-boundaries"),
    path("api/v1/", include("elmo.api.urls")),
]

# Public pages carry their language: /fi/…, /sv/…, /en/…; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # Before the platforms' own pages, whose /platforms/<slug>/ would take "propose/".
    path("platforms/", include("proposals.urls")),
    path("platforms/", include("platforms.urls")),
    path("clusters/", include("clusters.urls")),
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("priorities/<slug:slug>/", views.priority_detail, name="priority-detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("feedback/", send_feedback, name="feedback"),
    path("", include("enquiries.urls")),
)
