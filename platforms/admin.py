from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from elmo.admin import RegistryAdmin
from elmo.i18n import columns
from entries.admin import (
    CONTACT_FIELDSET,
    STATUS_FIELDSET,
    EntryAdmin,
    LinkInline,
    ScopedAdmin,
)
from search.admin import ReindexedAdmin

from .models import InnovationPlatform, Organisation, PlatformService, Service


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    add_title = _("Add organisation")
    change_title = _("Change organisation")
    list_display = ("name", "kind", "region", "business_id", "website")
    list_filter = ("kind", "region")
    list_select_related = ("region",)
    search_fields = ("slug", "business_id", *columns("name"))
    autocomplete_fields = ("region",)
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Service)
class ServiceAdmin(ReindexedAdmin, RegistryAdmin):
    add_title = _("Add service")
    change_title = _("Change service")
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("slug", *columns("name"))
    prepopulated_fields = {"slug": ("name_fi",)}


class ServiceOfferInline(LinkInline, TranslationTabularInline):
    """The platform's services, each with what a company gets of it."""

    model = PlatformService
    link_target = "service"
    fields = ("service", "offer_text")
    autocomplete_fields = ("service",)
    verbose_name = _("service")
    verbose_name_plural = _("services and what a company gets of each")


@admin.register(InnovationPlatform)
class InnovationPlatformAdmin(EntryAdmin):
    add_title = _("Add innovation platform")
    change_title = _("Change innovation platform")
    list_display = (
        "name",
        "region",
        "platform_type",
        "town",
        "status",
        "updated_on",
        "reviewed_on",
    )
    list_filter = (
        *EntryAdmin.list_filter,
        "platform_type",
        "services",
        ("hosts", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("region",)
    search_fields = ("slug", *columns("name", "town", "keywords"))
    autocomplete_fields = (
        "hosts",
        "region",
        "other_regions",
        "priorities",
        "editors",
    )
    inlines = (ServiceOfferInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "platform_type", "summary", "description")}),
        (_("Hosts and regions"), {"fields": ("hosts", "region", "other_regions")}),
        (_("Priorities and keywords"), {"fields": ("priorities", "keywords")}),
        (_("For companies"), {"fields": ("offer", "equipment", "access_terms")}),
        (
            _("Readiness and terms"),
            {
                "fields": (
                    ("trl_min", "trl_max"),
                    "access_model",
                    "pricing_note",
                    "lead_time",
                    "user_groups",
                    "country_restriction",
                )
            },
        ),
        (
            _("Where and when"),
            {"fields": ("delivery", "months", "service_languages")},
        ),
        (_("How to start"), {"fields": ("booking_url", "general_email")}),
        (_("Identifiers"), {"fields": ("research_fi_urn",)}),
        (
            _("Location"),
            {"fields": ("town", "street_address", "postal_code", "latitude", "longitude")},
        ),
        CONTACT_FIELDSET,
        STATUS_FIELDSET,
    )

    class Media:
        # The location picked on a map below the coordinates (served from static/).
        css = {"all": ("vendor/leaflet/leaflet.css",)}
        js = ("vendor/leaflet/leaflet.js", "js/admin-location.js")
