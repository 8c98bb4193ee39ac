from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignedLinksConfig(AppConfig):
    name = "signedlinks"
    verbose_name = _("Signed links")
