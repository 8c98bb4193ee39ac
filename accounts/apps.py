from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Users")

    def ready(self):
        # django-otp names its authenticator apps in English only ("TOTP devices", under
        # "Otp_Totp"); the admin shows them in the officer's language. Only the names shown
        # change, not the model's declared options, so no migration follows.
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice._meta.verbose_name = _("authenticator app")
        TOTPDevice._meta.verbose_name_plural = _("authenticator apps")
        TOTPDevice._meta.app_config.verbose_name = _("Two-step verification")


class ElmoAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with `admin.site` built from the registry's own site class.

    Every app keeps registering its models on `admin.site`; the site adds the optional
    two-step verification (accounts.sites). Not the default config of this module, which
    remains AccountsConfig.
    """

    default = False
    default_site = "accounts.sites.ElmoAdminSite"
