"""Public pages of platforms: the search with its filters and map, and one platform."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elmo import i18n
from elmo.cache import cached_page
from elmo.paginator import COUNT_CAP, CappedPaginator
from entries.views import entry_page
from priorities.models import Priority, Region, Strategy
from search import known_count, order_by_relevance, split_matches
from search.engine import FEW

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
        # Written as on the cards: "Laboratory", not "laboratory".
        group(
            "type", _("Platform type"), [(v, capfirst(label)) for v, label in PlatformType.choices]
        ),
        group("service", _("Service"), [(s.slug, s.name) for s in Service.objects.all()]),
        group(
            "host_kind",
            _("Host organisation"),
            [(v, capfirst(label)) for v, label in OrganisationKind.choices],
        ),
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


def active_filters(request, groups):
    """The chosen filter values as removable chips: ``[{"label", "legend", "query"}, …]``, where
    ``query`` is the search without that value (and without the page number)."""
    base = request.GET.copy()
    base.pop("page", None)
    chosen: dict[str, list[str]] = {}
    for group in groups:
        chosen.setdefault(group["name"], []).extend(
            option["value"] for option in group["options"] if option["checked"]
        )
    for name, values in chosen.items():
        base.setlist(name, values)  # "region=19,18" as two values, like the checkboxes
    chips = []
    for group in groups:
        for option in group["options"]:
            if option["checked"]:
                query = base.copy()
                query.setlist(
                    group["name"], [v for v in chosen[group["name"]] if v != option["value"]]
                )
                chips.append(
                    {
                        "label": option["label"],
                        "legend": group["legend"],
                        "query": query.urlencode(),
                    }
                )
    return chips


# The search's map shows every match up to this many (the first in the list's order).
MAP_LIMIT = 1000
# What a marker of the map and its line in the list below it show.
MAP_COLUMNS = (
    "slug",
    "latitude",
    "longitude",
    "search_quality",
    "updated",
    *i18n.columns("name", "town"),
    *(f"region__{column}" for column in i18n.columns("name")),
)


def map_matches(results, order, partial_page):
    """Every match of a search that has a location, for its map: the entries with every word
    (the first MAP_LIMIT, in the list's order) and the partial ones listed on the page. One query
    beside the page's, whatever the number of matches."""
    # Ordered as the list, unfiltered: a broad search then ranks a bounded set of candidates.
    # Only what a marker shows is read: a thousand whole rows, with their long texts and
    # facts, cost far more than the page itself.
    located = results.select_related("region").only(*MAP_COLUMNS)
    first = order(located)(MAP_LIMIT)[:MAP_LIMIT]
    matches = [platform for platform in first if platform.latitude is not None]
    if partial_page:
        matches += [p for p in partial_page.object_list if p.latitude is not None]
    return matches


def map_markers(platforms):
    """The platforms that have a location, as data for the map script."""
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


def elsewhere(request, found):
    """With a region chosen and few entries there with every word: how many platforms of the
    other regions have every word, and the address of the search without the region filter —
    the point of the registry is that a company may use the whole area. None otherwise."""
    if found >= FEW:
        return None
    query = request.GET.copy()
    query.pop("region", None)
    query.pop("page", None)
    filterset = PlatformFilter(query, queryset=InnovationPlatform.objects.published())
    every, _some = split_matches(filterset.qs)
    count = every.order_by().values("pk")[: COUNT_CAP + 1].count() - found
    return {"count": count, "query": query.urlencode()} if count > 0 else None


@cached_page
def platform_search(request):
    """``/<lang>/platforms/?q=…&region=19&priority=…&type=…&service=…&sort=…&page=…``

    The entries with every word are the results, counted and paged; those with only some of the
    words (or near misses) are listed apart on the first page, and not counted as found.
    """
    filterset = PlatformFilter(request.GET, queryset=InnovationPlatform.objects.published())
    valid = filterset.form.is_valid()
    searching = bool(valid and filterset.form.cleaned_data.get("q"))
    sort = request.GET.get("sort")
    if sort not in SORTS:
        sort = "relevance" if searching else "name"
    results, partial = split_matches(filterset.qs.for_list())
    order = result_order(results, sort, searching=searching)
    counted = known_count(results)
    page = CappedPaginator(results, PAGE_SIZE, order=order, counted=counted).get_page(
        request.GET.get("page")
    )
    partial_page = None
    if partial is not None and page.number == 1:
        partial_order = result_order(partial, sort, searching=searching)
        partial_page = CappedPaginator(partial, PAGE_SIZE, order=partial_order).page(1)
    nearby = None
    if searching and filterset.form.cleaned_data.get("region"):
        nearby = elsewhere(request, page.paginator.count)
    query = request.GET.copy()
    query.pop("page", None)
    on_map = map_matches(
        split_matches(filterset.qs)[0],
        lambda located: result_order(located, sort, searching=searching),
        partial_page,
    )
    groups = facet_groups(filterset, filterset.facet_counts())
    return render(
        request,
        "platforms/platform_search.html",
        {
            "nav": "platforms",
            "filterset": filterset,
            "facet_groups": groups,
            "active_filters": active_filters(request, groups),
            "page": page,
            "partial_page": partial_page,
            "elsewhere": nearby,
            "markers": map_markers(on_map),
            "map_limit": MAP_LIMIT,
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
