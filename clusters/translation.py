from modeltranslation.translator import TranslationOptions, register

from .models import Cluster, IndustrialEcosystem, VanguardPilot


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ()


@register(IndustrialEcosystem)
class IndustrialEcosystemTranslation(TranslationOptions):
    fields = ("name",)


@register(VanguardPilot)
class VanguardPilotTranslation(TranslationOptions):
    fields = ("name", "description")
