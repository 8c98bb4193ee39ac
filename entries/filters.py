"""Filters that the lists of platforms, clusters and organisations share, on the site and in the
API: values repeated or comma-separated, regions by code or slug, slugs of linked objects, times
of change, and the search and region filters of every list of entries."""

import datetime

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from priorities.models import Priority, Region
from search import search_entries


class CommaSeparatedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that also accept ``?region=19,18`` as well as ``?region=19&region=18``."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [part.strip() for value in values for part in value.split(",") if part.strip()]


class CodeOrSlugMultipleField(forms.ModelMultipleChoiceField):
    """Regions given by Statistics Finland code or by slug: ``19`` or ``lappi``."""

    also_accepts = "slug"  # beside the code (to_field_name), as the schema says

    def _check_values(self, value):
        values = {str(v) for v in value}
        found = list(self.queryset.filter(Q(code__in=values) | Q(slug__in=values)))
        known = {r.code for r in found} | {r.slug for r in found}
        for unknown in sorted(values - known):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown},
            )
        return found


EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


class ModifiedAfterField(IsoDateTimeField):
    """An ISO 8601 date and time with its time-zone offset (``Z``, ``+02:00``), converted to UTC.

    A time without an offset is refused rather than read in the server's time zone: a sync
    client must not lose or repeat changes because of a misread hour. An empty value is refused
    too; a time before 1900 means "everything".
    """

    def clean(self, value):
        if value is not None and not str(value).strip():
            raise forms.ValidationError(_("Enter a date and time."))
        value = super().clean(value)
        if value is None:
            return None
        try:
            value = value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):  # before the year 1 in UTC
            return EARLIEST
        # Nothing in the registry is older; the database need not compare ancient dates.
        return max(value, EARLIEST)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise forms.ValidationError(
                _("Enter a date and time with its time-zone offset, e.g. 2026-01-31T12:00:00Z.")
            )
        return parsed


@extend_schema_field({"type": "string", "format": "date-time"})
class ModifiedAfterFilter(django_filters.IsoDateTimeFilter):
    field_class = ModifiedAfterField


@extend_schema_field({"type": "string"})  # one value; the schema makes the list of them
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Several slugs, repeated or comma-separated; an unknown slug is an error."""


def slugs_filter(queryset, field_name=None, **kwargs):
    """A filter on the slugs of ``queryset`` through ``field_name``: ``?x=a,b`` or ``?x=a&x=b``."""
    if field_name:
        kwargs.update(field_name=field_name, distinct=True)
    return SlugsFilter(
        queryset=queryset, to_field_name="slug", widget=CommaSeparatedCheckboxes, **kwargs
    )


def visible_entries(label):
    """What a filter may name of the model ``label`` ("clusters.Cluster"): of entries those the
    reader's list shows, of anything else all.

    ``slugs_filter(visible_entries("clusters.Cluster"), "clusters__slug")``: for anyone but
    staff a draft's slug is refused exactly as an unknown one, so the answer does not reveal
    it. django-filter calls the returned function with the request; the model is looked up
    then, so that a filter may name a model of an app that depends on its own.
    """

    def queryset(request):
        objects = apps.get_model(label).objects
        if hasattr(objects, "visible_to"):
            return objects.visible_to(getattr(request, "user", None))
        return objects.all()

    return queryset


@extend_schema_field({"type": "string"})
class RegionFilter(django_filters.ModelMultipleChoiceFilter):
    """Regions by code or slug, repeated or comma-separated."""

    field_class = CodeOrSlugMultipleField


class SearchFilterMixin:
    """``q``: the search service, the same for every list, applied after every other filter —
    a broad search's order is read from what was searched (``search.order_by_relevance``)."""

    def filter_q(self, queryset, name, value):
        return search_entries(queryset, value)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset


class EntryFilter(SearchFilterMixin, django_filters.FilterSet):
    """The filters every list of entries has: the search, regions (primary or served) and
    priorities."""

    q = django_filters.CharFilter(label=_("Search words"), method="filter_q", max_length=200)
    region = RegionFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        widget=CommaSeparatedCheckboxes,
    )
    priority = slugs_filter(
        Priority.objects.select_related("strategy"), "priorities__slug", label=_("Priority")
    )

    def filter_region(self, queryset, name, value):
        return queryset.in_regions(*value) if value else queryset
