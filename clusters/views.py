"""Public pages of clusters: the list with its filters, and one cluster."""

from django.shortcuts import render

from elmo.cache import cached_page
from elmo.paginator import CappedPaginator
from entries.views import entry_page

from .filters import ClusterFilter
from .models import Cluster

PAGE_SIZE = 20


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
