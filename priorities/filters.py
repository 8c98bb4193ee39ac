"""Filters of the API's priority list."""

import django_filters

from .models import Priority, Strategy


class PriorityFilter(django_filters.FilterSet):
    """``?strategy=ip-area-2024``: the priorities of one strategy."""

    strategy = django_filters.ModelChoiceFilter(
        queryset=Strategy.objects.all(), to_field_name="slug", field_name="strategy"
    )

    class Meta:
        model = Priority
        fields = ["strategy"]
