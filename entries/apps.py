from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntriesConfig(AppConfig):
    """What platforms and clusters share: status and workflow, the base model, the one write
    path (services.py), the change history, the admin's and the API's bases, the dashboard."""

    name = "entries"
    verbose_name = _("entries")
