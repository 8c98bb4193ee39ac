from modeltranslation.translator import TranslationOptions, register

from elmo import i18n

from .models import Priority, Region, Strategy


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "centre", "council_name")
    required_languages = i18n.LANGUAGES


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("name", "description")
