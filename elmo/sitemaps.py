"""sitemap.xml: every public page in every language, with hreflang alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusters.models import Cluster
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Priority, Region


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    # On the public address (PUBLIC_URL), not the request's host (elmo.addresses).
    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_URL).netloc


class PageSitemap(I18nSitemap):
    def items(self):
        return ["home", "platform-search", "cluster-list", "about", "accessibility", "privacy"]

    def location(self, item):
        return reverse(item)


class PlatformSitemap(I18nSitemap):
    def items(self):
        return InnovationPlatform.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class ClusterSitemap(PlatformSitemap):
    def items(self):
        return Cluster.objects.published().order_by("pk")


class RegionSitemap(I18nSitemap):
    def items(self):
        return Region.objects.order_by("code")


class PrioritySitemap(I18nSitemap):
    def items(self):
        return Priority.objects.order_by("pk")


class OrganisationSitemap(I18nSitemap):
    def items(self):
        return Organisation.objects.filter(platforms__status="published").distinct().order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "platforms": PlatformSitemap,
    "clusters": ClusterSitemap,
    "regions": RegionSitemap,
    "priorities": PrioritySitemap,
    "organisations": OrganisationSitemap,
}
