from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elmo.admin import RegistryAdmin, translated

from .models import Priority, Region, Strategy


@admin.register(Region)
class RegionAdmin(RegistryAdmin):
    list_display = (
        "name",
        "code",
        "nuts3_code",
        "iso_code",
        "centre",
        "council_name",
        "population",
    )
    search_fields = ("code", "slug", *translated("name", "centre"))
    prepopulated_fields = {"slug": ("name_fi",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "code", "nuts3_code", "iso_code", "centre")}),
        (_("Regional council"), {"fields": ("council_name", "council_website")}),
        (_("Population"), {"fields": ("population", "population_date", "population_source")}),
        (_("Boundary"), {"fields": ("boundary",), "classes": ("collapse",)}),
    )


@admin.register(Strategy)
class StrategyAdmin(RegistryAdmin):
    list_display = ("name", "first_year", "last_year", "is_current")
    list_filter = ("is_current",)
    search_fields = ("slug", *translated("name"))
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Priority)
class PriorityAdmin(RegistryAdmin):
    list_display = ("name", "strategy", "region", "order")
    list_filter = ("strategy", "region")
    list_select_related = ("strategy", "region")
    search_fields = ("slug", *translated("name"))
    autocomplete_fields = ("strategy", "region")
    prepopulated_fields = {"slug": ("name_fi",)}
