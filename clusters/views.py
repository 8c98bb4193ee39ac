"""Public pages of clusters: the list with its filters, and one cluster."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from elmo.cache import cached_page
from elmo.paginator import CappedPaginator
from entries.views import entry_page
from priorities.models import Priority, Region, Strategy

from .filters import ClusterFilter
from .models import Cluster, IndustrialEcosystem

PAGE_SIZE = 20


def facet_groups(request, filterset):
    """The filter checkboxes as on the platform search: names (not "Kainuu (18)"), and beside
    each the number of clusters choosing it would give with the other filters. One query per
    facet, whatever the number of clusters."""

    def group(name, legend, options, condition):
        data = request.GET.copy()
        data.pop(name, None)
        data.pop("page", None)
        others = ClusterFilter(data, queryset=Cluster.objects.published()).qs.order_by()
        counts = others.aggregate(
            **{
                f"c{n}": Count("pk", filter=condition(value), distinct=True)
                for n, (value, _label) in enumerate(options)
            }
        )
        chosen = set(filterset.form[name].value() or [])
        return {
            "name": name,
            "legend": legend,
            "options": [
                {
                    "value": value,
                    "label": label,
                    "count": counts[f"c{n}"],
                    "checked": value in chosen,
                }
                for n, (value, label) in enumerate(options)
            ],
        }

    groups = [
        group(
            "region",
            _("Region"),
            [(region.code, region.name) for region in Region.objects.all()],
            lambda code: Q(region__code=code) | Q(other_regions__code=code),
        )
    ]
    strategies = Strategy.objects.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.shared())
    )
    for strategy in strategies:
        groups.append(
            group(
                "priority",
                _("Priorities %(period)s") % {"period": strategy.period},
                [(p.slug, p.name) for p in strategy.priorities.all()],
                lambda slug: Q(priorities__slug=slug),
            )
        )
    groups.append(
        group(
            "ecosystem",
            _("EU industrial ecosystem"),
            [(e.slug, e.name) for e in IndustrialEcosystem.objects.all()],
            lambda slug: Q(ecosystems__slug=slug),
        )
    )
    return groups


@cached_page
def cluster_list(request):
    """``/<lang>/clusters/?q=…&region=19&priority=…&ecosystem=…&page=…``"""
    filterset = ClusterFilter(request.GET, queryset=Cluster.objects.published())
    clusters = filterset.qs.for_list().order_by_name()
    page = CappedPaginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clusters/cluster_list.html",
        {
            "nav": "clusters",
            "filterset": filterset,
            "facet_groups": facet_groups(request, filterset),
            "query": filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else "",
            "page": page,
            "query_without_page": query.urlencode(),
        },
    )


@cached_page
def cluster_detail(request, slug):
    return entry_page(
        request,
        Cluster,
        slug,
        "clusters/cluster_detail.html",
        lambda cluster: {"nav": "clusters", "cluster": cluster},
    )
