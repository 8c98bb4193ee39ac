from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("accessibility")
    CONTENT = "content", _("an entry's content")
    PRIVACY = "privacy", _("personal data")
    OTHER = "other", _("something else")


class Feedback(models.Model):
    """A message sent from the public site: the feedback channel of the accessibility statement."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=5000)
    email = models.EmailField(
        _("e-mail for an answer"), blank=True, help_text=_("Optional. Only used to answer you.")
    )
    page = models.CharField(_("page"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=5)
    created = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=Topic.values), name="feedback_topic"
            )
        ]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.message[:60]}"
