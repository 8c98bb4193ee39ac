from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Users")


class ElmoAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with `admin.site` built from the registry's own site class.

    Every app keeps registering its models on `admin.site`; the site adds the optional
    two-step verification (accounts.sites). Not the default config of this module, which
    remains AccountsConfig.
    """

    default = False
    default_site = "accounts.sites.ElmoAdminSite"
