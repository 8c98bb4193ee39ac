"""Spreadsheet columns of organisations and platforms (see ``elmo.resources``).

Texts have one column per language (``name_fi``, ``name_sv``, ``name_en``); regions are given by
their Statistics Finland code, everything else that is linked by its slug; lists are separated
by semicolons.
"""

from elmo.admin import translated
from elmo.resources import RegistryResource, lookup, lookup_list
from priorities.models import Priority, Region

from .models import InnovationPlatform, Organisation, Service


class OrganisationResource(RegistryResource):
    region = lookup(Region, "region", field="code")

    required_columns = ("slug", "name_fi", "kind")
    select_related = ("region",)

    class Meta(RegistryResource.Meta):
        model = Organisation
        fields = ("slug", *translated("name"), "kind", "business_id", "website", "region")


class EntryResource(RegistryResource):
    """The columns platforms and clusters share."""

    region = lookup(Region, "region", field="code")
    other_regions = lookup_list(Region, "other_regions", field="code")
    priorities = lookup_list(Priority, "priorities")

    required_columns = ("slug", "name_fi", "summary_fi", "region")

    FIRST_COLUMNS = ("slug", "status", *translated("name", "summary", "description"))
    LAST_COLUMNS = (
        "contact_name",
        *translated("contact_role"),
        "contact_email",
        "contact_phone",
        "website",
        "sources",
        "last_reviewed",
    )


class InnovationPlatformResource(EntryResource):
    hosts = lookup_list(Organisation, "hosts")
    services = lookup_list(Service, "services")

    required_columns = (*EntryResource.required_columns, "platform_type")
    select_related = ("region",)
    prefetch_related = ("other_regions", "hosts", "priorities", "services")

    class Meta(RegistryResource.Meta):
        model = InnovationPlatform
        fields = (
            *EntryResource.FIRST_COLUMNS,
            "platform_type",
            "region",
            "other_regions",
            "hosts",
            "priorities",
            "services",
            *translated("keywords", "town"),
            "street_address",
            "postal_code",
            "latitude",
            "longitude",
            *translated("equipment", "access_terms"),
            *EntryResource.LAST_COLUMNS,
        )
