from modeltranslation.translator import TranslationOptions, register

from entries import history

from .models import Entry, InnovationPlatform, Organisation, PlatformService, Service


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "contact_role")


@register(InnovationPlatform)
class InnovationPlatformTranslation(TranslationOptions):
    fields = (
        "town",
        "keywords",
        "equipment",
        "access_terms",
        "offer",
        "pricing_note",
        "lead_time",
        "country_restriction",
    )


@register(PlatformService)
class PlatformServiceTranslation(TranslationOptions):
    fields = ("offer_text",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description")


# The change history, registered after the translations so that it records name_fi, name_sv…
history.register(
    InnovationPlatform,
    links=["hosts", "other_regions", "priorities", "services", "editors"],
)
history.register(Organisation)
