"""The sitemap: every public page in every language, with hreflang alternates.

``/sitemap.xml`` is an index of one sitemap per section (``/sitemap-platforms.xml`` …), each in
pages of ``entries_per_page`` entries (``?p=2`` …), since one sitemap of 20 000 platforms in
three languages took 11 s and 25 MB. A page reads only its own entries, and only their slugs
(and, for platforms and clusters, the time of the last change); its addresses are made from
one reversed address per language (``elmo.addresses``). The views are cached under the content
token like the pages they list (``elmo.urls``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.translation import get_language

from clusters.models import Cluster
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Priority, Region

from .addresses import page_address, public_address


class EveryLanguage:
    """The (item, language) pairs Django's sitemap pages through, made for one page's slice of
    ``items`` only, where Django would make them for all items on every page."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def __len__(self):
        count = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return count * len(self.languages)

    def __getitem__(self, pairs):
        per_item = len(self.languages)
        first, last = pairs.start // per_item, -(-pairs.stop // per_item)
        chosen = [(item, code) for item in self.items[first:last] for code in self.languages]
        start = pairs.start - first * per_item
        return chosen[start : start + pairs.stop - pairs.start]


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    entries_per_page = 1000

    @property
    def limit(self):
        """Addresses per page: ``entries_per_page`` entries, each in every language."""
        return self.entries_per_page * len(self._languages())

    @property
    def paginator(self):
        return Paginator(EveryLanguage(self.items(), self._languages()), self.limit)

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


class ModelSitemap(I18nSitemap):
    """The pages of ``objects()``, read as rows of their slugs (and ``fields``)."""

    model = None
    fields = ()

    def __init__(self):
        self.addresses = {}  # language -> the address of a slug's page

    def objects(self):
        return self.model.objects.all()

    def items(self):
        return self.objects().order_by("pk").values("slug", *self.fields)

    def location(self, item):
        language = get_language()
        if language not in self.addresses:
            self.addresses[language] = page_address(self.model)
        return self.addresses[language](item["slug"])


class EntrySitemap(ModelSitemap):
    fields = ("updated",)

    def objects(self):
        return self.model.objects.published()

    def lastmod(self, item):
        return item["updated"]

    def get_latest_lastmod(self):
        return self.objects().aggregate(latest=Max("updated"))["latest"]


class PlatformSitemap(EntrySitemap):
    model = InnovationPlatform


class ClusterSitemap(EntrySitemap):
    model = Cluster


class RegionSitemap(ModelSitemap):
    model = Region


class PrioritySitemap(ModelSitemap):
    model = Priority


class OrganisationSitemap(ModelSitemap):
    model = Organisation

    def objects(self):
        return Organisation.objects.public()


SITEMAPS = {
    "pages": PageSitemap,
    "platforms": PlatformSitemap,
    "clusters": ClusterSitemap,
    "regions": RegionSitemap,
    "priorities": PrioritySitemap,
    "organisations": OrganisationSitemap,
}


def index(request, **kwargs):
    """Django's sitemap index, whose addresses Django makes from the request's host: moved to
    the public address (``PUBLIC_URL``), as every other address of the site."""
    response = sitemap_views.index(request, **kwargs)
    for item in response.context_data["sitemaps"]:
        item.location = public_address(item.location)
    return response
