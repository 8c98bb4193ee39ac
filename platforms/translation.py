from modeltranslation.translator import TranslationOptions, register

from .models import Entry, InnovationPlatform, Organisation, Service


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "contact_role")


@register(InnovationPlatform)
class InnovationPlatformTranslation(TranslationOptions):
    fields = ("town", "keywords", "equipment", "access_terms")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description")
