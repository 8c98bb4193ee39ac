"""The admin front page: what is in the registry, what is out of date and what is missing.

``dashboard()`` returns everything the template shows, in a fixed number of queries whatever the
number of entries: per model one grouped count (region × status), one count of each gap, the
ten entries longest without review and the ten last changed.
"""

from datetime import timedelta

from django.apps import apps
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from priorities.models import Region

from .models import Entry, Status

STALE_AFTER = timedelta(days=365)


def entry_models():
    """The kinds of entry (platforms, clusters), in the order of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, Entry)]


def _empty(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})


# Gaps in an entry, by the value of the admin's "missing" filter.
GAPS = {
    "sv": (_("Swedish text"), _empty("name_sv") | _empty("summary_sv")),
    "en": (_("English text"), _empty("name_en") | _empty("summary_en")),
    "contact": (_("contact"), Q(contact_email="") & Q(contact_phone="")),
    "location": (_("location"), Q(latitude__isnull=True)),
}


def gaps_of(model):
    """The gaps that apply to ``model`` (clusters have no location of their own)."""
    located = any(field.name == "latitude" for field in model._meta.fields)
    return {key: gap for key, gap in GAPS.items() if key != "location" or located}


def stale_condition():
    year_ago = timezone.localdate() - STALE_AFTER
    return Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=year_ago)


def _changelist(model, **filters):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{url}?{query}" if query else url


def _model_summary(model, regions):
    counts = {
        (row["region"], row["status"]): row["n"]
        for row in model.objects.values("region", "status").annotate(n=Count("pk")).order_by()
    }
    statuses = list(Status)
    by_region = [
        {
            "region": region,
            "cells": [
                {
                    "count": counts.get((region.pk, status.value), 0),
                    "url": _changelist(
                        model, region__id__exact=region.pk, status__exact=status.value
                    ),
                }
                for status in statuses
            ],
        }
        for region in regions
    ]
    totals = [sum(counts.get((r.pk, s.value), 0) for r in regions) for s in statuses]
    gaps = gaps_of(model)
    published = model.objects.published()
    aggregates = published.aggregate(
        stale=Count("pk", filter=stale_condition()),
        **{key: Count("pk", filter=condition) for key, (_label, condition) in gaps.items()},
    )
    return {
        "name": model._meta.verbose_name_plural,
        "statuses": [status.label for status in statuses],
        "rows": by_region,
        "totals": totals,
        "stale": aggregates["stale"],
        "stale_url": _changelist(model, review="stale", status__exact=Status.PUBLISHED),
        "gaps": [
            {
                "label": label,
                "count": aggregates[key],
                "url": _changelist(model, missing=key, status__exact=Status.PUBLISHED),
            }
            for key, (label, _condition) in gaps.items()
        ],
    }


def _entries(queryset, limit):
    model = queryset.model
    change = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
    return [
        {
            "entry": entry,
            "kind": model._meta.verbose_name,
            "url": reverse(change, args=[entry.pk]),
        }
        for entry in queryset.select_related("region")[:limit]
    ]


def dashboard(limit=10):
    regions = list(Region.objects.order_by("name"))
    stale, recent = [], []
    for model in entry_models():
        published = model.objects.published()
        stale += _entries(
            published.filter(stale_condition()).order_by("last_reviewed", "pk"), limit
        )
        recent += _entries(model.objects.order_by("-updated", "pk"), limit)
    oldest = timezone.localdate() - timedelta(days=100 * 365)
    stale.sort(key=lambda item: (item["entry"].last_reviewed or oldest, item["entry"].pk))
    recent.sort(key=lambda item: item["entry"].updated, reverse=True)
    return {
        "models": [_model_summary(model, regions) for model in entry_models()],
        "stale": stale[:limit],
        "recent": recent[:limit],
    }
