from modeltranslation.translator import TranslationOptions, register

from .models import Priority, Region, Strategy


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "centre", "council_name")
    required_languages = ("fi", "sv", "en")


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("name", "description")
