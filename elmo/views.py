"""Site-wide public pages: home, region, priority, organisation and the information pages.

Region, priority and organisation pages show platforms and clusters together, so they live here
rather than in one app (priorities must not depend on platforms or clusters).
"""

from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import ERROR_PAGE_TEMPLATE
from rest_framework.exceptions import APIException, NotFound, ParseError

from clusters.models import Cluster, VanguardPilot
from feedback.forms import FeedbackForm
from platforms.models import InnovationPlatform, Organisation
from platforms.views import map_markers
from priorities.models import Priority, Region, Strategy

from .addresses import absolute_url
from .cache import cached_page
from .paginator import CappedPaginator

RECENT_COUNT = 6
# Region, priority and organisation pages show at most this many platforms, with their number
# and a link to the search for all of them: a region may have thousands.
LIST_LIMIT = 60


def first_platforms(queryset):
    """The first LIST_LIMIT platforms of ``queryset`` as a page (``page.paginator.count`` counts
    up to 1 000, ``page.paginator.more`` says whether there were more)."""
    return CappedPaginator(queryset, LIST_LIMIT).page(1)


@cached_page
def home(request):
    strategy = Strategy.objects.current().first()
    priorities = list(strategy.priorities.shared()) if strategy else []
    regions = list(Region.objects.all())
    counts = InnovationPlatform.objects.published().region_priority_counts()
    matrix = [
        (
            region,
            [(priority, counts.get((region.code, priority.slug), 0)) for priority in priorities],
        )
        for region in regions
    ]
    # Both kinds, half each when there are enough of both (clusters, loaded or edited last,
    # would otherwise fill every place), the newest first.
    platforms = list(
        InnovationPlatform.objects.published()
        .select_related("region")
        .order_by("-updated")[:RECENT_COUNT]
    )
    clusters = list(
        Cluster.objects.published().select_related("region").order_by("-updated")[:RECENT_COUNT]
    )
    half = RECENT_COUNT // 2
    recent = sorted(
        [
            *platforms[: max(half, RECENT_COUNT - len(clusters))],
            *clusters[: max(half, RECENT_COUNT - len(platforms))],
        ],
        key=lambda entry: entry.updated,
        reverse=True,
    )[:RECENT_COUNT]
    return render(
        request,
        "elmo/home.html",
        {
            "strategy": strategy,
            "priorities": priorities,
            "regions": regions,
            "matrix": matrix,
            "recent": recent,
            "platform_count": InnovationPlatform.objects.published().count(),
            "cluster_count": Cluster.objects.published().count(),
        },
    )


@cached_page
def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    platforms = first_platforms(
        InnovationPlatform.objects.published().in_regions(region).for_list().order_by_name()
    )
    return render(
        request,
        "elmo/region_detail.html",
        {
            "region": region,
            "platforms": platforms,
            "markers": map_markers(platforms.object_list),
            "clusters": Cluster.objects.published().in_regions(region).for_list().order_by_name(),
            "own_priorities": region.own_priorities.select_related("strategy"),
        },
    )


def by_region(entries):
    """Group entries (ordered by region) into ``[(region, [entries…]), …]``."""
    return [(region, list(group)) for region, group in groupby(entries, key=lambda e: e.region)]


def in_every_region(regions, entries):
    """``[(region, [entries of that region…]), …]`` for every one of ``regions``, in their order
    (alphabetical, as everywhere on the site), a region without entries with an empty list."""
    found: dict[int, list] = {region.pk: [] for region in regions}
    for entry in entries:
        found[entry.region_id].append(entry)
    return [(region, found[region.pk]) for region in regions]


@cached_page
def priority_detail(request, slug):
    priority = get_object_or_404(Priority.objects.select_related("strategy", "region"), slug=slug)
    platforms = first_platforms(
        InnovationPlatform.objects.published()
        .filter(priorities=priority)
        .select_related("region")
        .order_by_name()
    )
    clusters = Cluster.objects.published().filter(priorities=priority).select_related("region")
    regions = list(Region.objects.all())
    return render(
        request,
        "elmo/priority_detail.html",
        {
            "priority": priority,
            "platforms_by_region": in_every_region(regions, platforms.object_list),
            "clusters_by_region": in_every_region(regions, clusters.order_by_name()),
            "platforms": platforms,
            "platform_count": platforms.paginator.count,
        },
    )


@cached_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public().select_related("region"), slug=slug
    )
    clusters = Cluster.objects.published().for_list().order_by_name()
    return render(
        request,
        "elmo/organisation_detail.html",
        {
            "organisation": organisation,
            "platforms": first_platforms(
                InnovationPlatform.objects.published()
                .filter(hosts=organisation)
                .for_list()
                .order_by_name()
            ),
            "coordinated": clusters.filter(coordinator=organisation),
            "partnered": clusters.filter(partners=organisation),
        },
    )


@cached_page
def about(request):
    strategies = Strategy.objects.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.shared())
    )
    pilots = VanguardPilot.objects.order_by("-ip_area_participates", "name")
    return render(
        request,
        "pages/about.html",
        {
            "page": "about",
            "strategies": strategies,
            "pilots": pilots,
            "contact_email": settings.ELMO_CONTACT_EMAIL,
        },
    )


def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {"page": "accessibility", "feedback_form": FeedbackForm()},
    )


@cached_page
@cached_page
def privacy(request):
    # Only the personal data the registry holds: contact persons only when an entry names one.
    # Cached like the other public pages: the question is asked once per change of content.
    contacts_held = any(
        model.objects.exclude(contact_name="", contact_email="", contact_phone="").exists()
        for model in (InnovationPlatform, Cluster)
    )
    return render(
        request,
        "pages/privacy.html",
        {
            "page": "privacy",
            "contact_email": settings.ELMO_CONTACT_EMAIL,
            "contacts_held": contacts_held,
        },
    )


@require_GET
@never_cache
def ping(request):
    """``/ping``: the smallest answer the application gives through all its middleware and its
    URLs, without the database — the floor of `make bench`. (``/healthz`` is answered before
    the middleware; use that one for liveness checks.)"""
    return JsonResponse({"pong": True})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    # A custom ADMIN_PATH is kept out of robots.txt, which anyone can read.
    hidden = [f"Disallow: /{settings.ADMIN_PATH}"] if settings.ADMIN_PATH == "admin/" else []
    lines = ["User-agent: *", *hidden, f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def region_boundaries(request):
    """The regions as a GeoJSON FeatureCollection with names in three languages, for the maps."""
    features = [
        {
            "type": "Feature",
            "geometry": region.boundary,
            "properties": {
                "code": region.code,
                "slug": region.slug,
                "name_fi": region.name_fi,
                "name_sv": region.name_sv,
                "name_en": region.name_en,
            },
        }
        for region in Region.objects.exclude(boundary=None)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# --- error pages ---------------------------------------------------------------------------------
# Django's own error views look for a CSRF token, which reads a POST body again: when the body
# was what failed (a form in a charset other than UTF-8), that raised once more and the error page
# became a server error. These never read the body. The API's errors are JSON, as its answers are.


def is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if is_api(request):
        return JsonResponse({"detail": str(ParseError.default_detail)}, status=400)
    return HttpResponseBadRequest(
        ERROR_PAGE_TEMPLATE % {"title": "Bad Request (400)", "details": ""}
    )


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    if is_api(request):
        return JsonResponse({"detail": str(APIException.default_detail)}, status=500)
    # Without the request: its context processors may be what failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))
