from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elmo.admin import (
    EntryAdmin,
    MissingFilter,
    RegistryAdmin,
    ReviewFilter,
    ScopedAdmin,
    translated,
)

from .models import InnovationPlatform, Organisation, Service
from .resources import InnovationPlatformResource, OrganisationResource

# The fieldsets of platforms and clusters share these groups.
CONTACT_FIELDSET = (
    _("Contact"),
    {"fields": ("contact_name", "contact_role", "contact_email", "contact_phone", "website")},
)
STATUS_FIELDSET = (
    _("Status and sources"),
    {"fields": ("status", "editors", "last_reviewed", "sources", "created", "updated")},
)


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ("name", "kind", "region", "business_id", "website")
    list_filter = ("kind", "region")
    list_select_related = ("region",)
    search_fields = ("slug", "business_id", *translated("name"))
    autocomplete_fields = ("region",)
    prepopulated_fields = {"slug": ("name_fi",)}
    resource_classes = [OrganisationResource]


@admin.register(Service)
class ServiceAdmin(RegistryAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("slug", *translated("name"))
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(InnovationPlatform)
class InnovationPlatformAdmin(EntryAdmin):
    list_display = ("name", "region", "platform_type", "town", "status", "updated", "last_reviewed")
    list_filter = (
        "status",
        ReviewFilter,
        MissingFilter,
        "region",
        "platform_type",
        "priorities",
        "services",
        ("hosts", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("region",)
    search_fields = ("slug", *translated("name", "town", "keywords"))
    autocomplete_fields = (
        "hosts",
        "region",
        "other_regions",
        "priorities",
        "services",
        "editors",
    )
    prepopulated_fields = {"slug": ("name_fi",)}
    readonly_fields = ("created", "updated")
    date_hierarchy = "updated"
    resource_classes = [InnovationPlatformResource]
    fieldsets = (
        (None, {"fields": ("name", "slug", "platform_type", "summary", "description")}),
        (_("Hosts and regions"), {"fields": ("hosts", "region", "other_regions")}),
        (_("Priorities and services"), {"fields": ("priorities", "services", "keywords")}),
        (_("For companies"), {"fields": ("equipment", "access_terms")}),
        (
            _("Location"),
            {"fields": ("town", "street_address", "postal_code", "latitude", "longitude")},
        ),
        CONTACT_FIELDSET,
        STATUS_FIELDSET,
    )
