from modeltranslation.translator import TranslationOptions, register

from entries import history

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


# The change history, registered after the translations so that it records name_fi, name_sv…
history.register(
    Cluster,
    links=[
        "partners",
        "members",
        "other_regions",
        "priorities",
        "ecosystems",
        "pilots",
        "editors",
    ],
)
