from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elmo.admin import RegistryAdmin
from elmo.i18n import columns
from entries.admin import CONTACT_FIELDSET, STATUS_FIELDSET, EntryAdmin
from search.admin import ReindexedAdmin

from .models import Cluster, IndustrialEcosystem, VanguardPilot


@admin.register(IndustrialEcosystem)
class IndustrialEcosystemAdmin(ReindexedAdmin, RegistryAdmin):
    add_title = _("Add industrial ecosystem")
    change_title = _("Change industrial ecosystem")
    list_display = ("name", "slug", "order")
    search_fields = ("slug", *columns("name"))
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(VanguardPilot)
class VanguardPilotAdmin(RegistryAdmin):
    add_title = _("Add Vanguard pilot")
    change_title = _("Change Vanguard pilot")
    list_display = ("name", "started", "ip_area_participates")
    list_filter = ("ip_area_participates",)
    search_fields = ("slug", *columns("name"))
    autocomplete_fields = ("platforms",)
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Cluster)
class ClusterAdmin(EntryAdmin):
    add_title = _("Add cluster")
    change_title = _("Change cluster")
    list_display = ("name", "region", "coordinator", "status", "updated_on", "reviewed_on")
    list_filter = (
        *EntryAdmin.list_filter,
        "ecosystems",
        ("coordinator", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("region", "coordinator")
    search_fields = ("slug", *columns("name"))
    autocomplete_fields = (
        "coordinator",
        "partners",
        "members",
        "region",
        "other_regions",
        "priorities",
        "ecosystems",
        "pilots",
        "editors",
    )
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "description", "founded")}),
        (
            _("Members and regions"),
            {"fields": ("coordinator", "partners", "members", "region", "other_regions")},
        ),
        (
            _("Priorities and networks"),
            {"fields": ("priorities", "ecosystems", "pilots", "eccp_url")},
        ),
        CONTACT_FIELDSET,
        STATUS_FIELDSET,
    )
