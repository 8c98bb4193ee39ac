from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in to the registry: the coordinator, regional officers and editors.

    A project-owned user model from the first migration, so that officers' regions and roles
    can be added to it without swapping the user model later.
    """

    otp_required = models.BooleanField(
        _("two-step verification required"),
        default=False,
        help_text=_(
            "The user must set up an authenticator app before working in the admin. Only "
            "superusers can change this."
        ),
    )
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

    @property
    def must_use_two_step(self) -> bool:
        """Whether the admin is open to this user only with an authenticator app.

        Required per user by the coordinator, or for all staff by ELMO_REQUIRE_2FA_FOR_STAFF.
        """
        return self.otp_required or (self.is_staff and settings.ELMO_REQUIRE_2FA_FOR_STAFF)
