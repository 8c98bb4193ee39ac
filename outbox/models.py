"""An e-mail waiting to be sent, sent, or given up on."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("not sent")


class EmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued e-mails whose next attempt has come, oldest first: ``Email.objects.due()``."""
        now = now or timezone.now()
        return self.filter(status=Status.QUEUED, next_attempt__lte=now).order_by(
            "next_attempt", "pk"
        )

    def about(self, reference: str):
        """E-mails about ``reference`` and everything under it: ``about("enquiry:42")`` also
        holds those with the reference ``enquiry:42:recipient:7``."""
        return self.filter(Q(reference=reference) | Q(reference__startswith=f"{reference}:"))


class Email(models.Model):
    """One plain-text e-mail to one address. Written by ``outbox.services.email_enqueue()`` in
    the transaction of what caused it; sent by the worker (``outbox.delivery``)."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, blank=True)
    # Kept for every attempt, so a receiving server can tell a resent e-mail from a new one.
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    # What the e-mail is about, for its sender's use: "enquiry:42:recipient:7".
    reference = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [
            # What the worker asks every few seconds: the queued e-mails that are due.
            models.Index(
                fields=["next_attempt", "id"],
                condition=Q(status="queued"),
                name="outbox_email_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="outbox_email_status_valid"
            )
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
