from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elmo.admin import RegistryAdmin
from elmo.i18n import columns
from search.admin import ReindexedAdmin

from .models import Priority, Region, Strategy


@admin.register(Region)
class RegionAdmin(ReindexedAdmin, RegistryAdmin):
    add_title = _("Add region")
    change_title = _("Change region")
    list_display = (
        "name",
        "code",
        "nuts3_code",
        "iso_code",
        "centre",
        "council_name",
        "population",
    )
    search_fields = ("code", "slug", *columns("name", "centre"))
    prepopulated_fields = {"slug": ("name_fi",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "code", "nuts3_code", "iso_code", "centre")}),
        (_("Regional council"), {"fields": ("council_name", "council_website")}),
        (_("Population"), {"fields": ("population", "population_date", "population_source")}),
        (_("Boundary"), {"fields": ("boundary",), "classes": ("collapse",)}),
    )


@admin.register(Strategy)
class StrategyAdmin(RegistryAdmin):
    add_title = _("Add strategy")
    change_title = _("Change strategy")
    list_display = ("name", "first_year", "last_year", "is_current")
    list_filter = ("is_current",)
    search_fields = ("slug", *columns("name"))
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Priority)
class PriorityAdmin(ReindexedAdmin, RegistryAdmin):
    add_title = _("Add priority")
    change_title = _("Change priority")
    list_display = ("name", "strategy", "region", "order")
    list_filter = ("strategy", "region")
    list_select_related = ("strategy", "region")
    search_fields = ("slug", *columns("name"))
    autocomplete_fields = ("strategy", "region")
    prepopulated_fields = {"slug": ("name_fi",)}
