"""Public pages of platforms: the search with its filters and map, and one platform."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from elmo.cache import cached_page
from elmo.paginator import CappedPaginator
from entries.views import entry_page
from priorities.models import Priority, Region, Strategy
from search import order_by_relevance

from .filters import MONTH_CHOICES, REMOTE_CHOICES, TRL_CHOICES, PlatformFilter
from .models import AccessModel, InnovationPlatform, OrganisationKind, PlatformType, Service

PAGE_SIZE = 20
SORTS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "updated": _("Recently updated"),
}


def result_order(queryset, sort, *, searching):
    """``order(depth)`` for the paginator: the results in the chosen order, right for at least
    their first ``depth``; relevance falls back to name when nothing was searched."""
    if sort == "relevance" and searching:
        return lambda depth: order_by_relevance(
            queryset, *queryset.name_ordering(), "pk", depth=depth
        )
    if sort == "updated":
        return lambda depth: queryset.order_by("-updated", "pk")
    return lambda depth: queryset.order_by(*queryset.name_ordering(), "pk")


def facet_groups(filterset, counts):
    """The filter checkboxes: one group per facet (priorities per strategy), with counts."""
    selected = {name: set(filterset.form[name].value() or []) for name in PlatformFilter.FACETS}

    def group(name, legend, options):
        return {
            "name": name,
            "legend": legend,
            "options": [
                {
                    "value": value,
                    "label": label,
                    "count": counts[name].get(value, 0),
                    "checked": value in selected[name],
                }
                for value, label in options
            ],
        }

    groups = [group("region", _("Region"), [(r.code, r.name) for r in Region.objects.all()])]
    strategies = Strategy.objects.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.shared())
    )
    for strategy in strategies:
        groups.append(
            group(
                "priority",
                _("Priorities %(period)s") % {"period": strategy.period},
                [(p.slug, p.name) for p in strategy.priorities.all()],
            )
        )
    groups += [
        group("type", _("Platform type"), PlatformType.choices),
        group("service", _("Service"), [(s.slug, s.name) for s in Service.objects.all()]),
        group("host_kind", _("Host organisation"), OrganisationKind.choices),
    ]
    # The terms the platforms give themselves: a group is shown once some platform of the
    # search has a value in it (or one is chosen), not as a list of zeros while none is known.
    terms = [
        group("trl", _("Readiness level (TRL)"), TRL_CHOICES),
        group("access", _("Access"), AccessModel.choices),
        group("remote", _("Remote"), REMOTE_CHOICES),
        group("month", _("Available in"), MONTH_CHOICES),
    ]
    groups += [
        g for g in terms if any(option["count"] or option["checked"] for option in g["options"])
    ]
    return groups


def map_markers(platforms):
    """The platforms of a page that have a location, as data for the map script."""
    return [
        {
            "name": platform.name,
            "url": platform.get_absolute_url(),
            "lat": float(platform.latitude),
            "lon": float(platform.longitude),
            "place": platform.town or platform.region.name,
        }
        for platform in platforms
        if platform.latitude is not None
    ]


@cached_page
def platform_search(request):
    """``/<lang>/platforms/?q=…&region=19&priority=…&type=…&service=…&sort=…&page=…``"""
    filterset = PlatformFilter(request.GET, queryset=InnovationPlatform.objects.published())
    searching = bool(filterset.form.is_valid() and filterset.form.cleaned_data.get("q"))
    sort = request.GET.get("sort")
    if sort not in SORTS:
        sort = "relevance" if searching else "name"
    results = filterset.qs.for_list()
    order = result_order(results, sort, searching=searching)
    page = CappedPaginator(results, PAGE_SIZE, order=order).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "platforms/platform_search.html",
        {
            "nav": "platforms",
            "filterset": filterset,
            "facet_groups": facet_groups(filterset, filterset.facet_counts()),
            "page": page,
            "markers": map_markers(page.object_list),
            "sort": sort,
            "sorts": SORTS,
            "searching": searching,
            "query": filterset.form.cleaned_data.get("q", "") if searching else "",
            "query_without_page": query.urlencode(),
        },
    )


@cached_page
def platform_detail(request, slug):
    return entry_page(
        request,
        InnovationPlatform,
        slug,
        "platforms/platform_detail.html",
        lambda platform: {
            "nav": "platforms",
            "platform": platform,
            "markers": map_markers([platform]),
        },
    )
