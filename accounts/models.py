from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in to the registry: the coordinator, regional officers and editors.

    A project-owned user model from the first migration, so that officers' regions and roles
    can be added to it without swapping the user model later.
    """

    regions = models.ManyToManyField(
        "priorities.Region",
        blank=True,
        related_name="officers",
        verbose_name=_("regions"),
        help_text=_("A regional officer changes and publishes the entries of these regions."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
