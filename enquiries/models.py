"""An enquiry from a company to up to five platforms and clusters, and the figures kept of
enquiries once their personal data are gone."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from clusters.models import Cluster
from elmo.validators import validate_business_id, validate_phone
from platforms.models import InnovationPlatform
from priorities.models import Region

MAX_RECIPIENTS = 5
LANGUAGE_CHOICES = settings.LANGUAGES


def company_region():
    """The region a company says it is from: optional, and kept in the monthly figures."""
    return models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the company's region"),
    )


class Route(models.TextChoices):
    """Where a recipient's copy went (``enquiries.routing``)."""

    CONTACT = "contact", _("the contact on record")
    OFFICERS = "officers", _("the regional officers, to forward")
    NOBODY = "nobody", _("nobody: no address on record")


class EnquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The enquiries ``user`` may read in the admin: every one for the coordinator, those
        with a recipient in their regions for a regional officer, none for anyone else.

        ``Enquiry.objects.visible_to(request.user)``
        """
        if roles.is_coordinator(user):
            return self
        regions = roles.region_ids(user)
        if not regions:
            return self.none()
        return self.filter(
            pk__in=EnquiryRecipient.objects.filter(region__in=regions).values("enquiry")
        )

    def confirmed(self):
        return self.filter(confirmed__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed__isnull=True)

    def for_list(self):
        """Everything a list of enquiries shows, in a constant number of queries."""
        return self.select_related("region").prefetch_related(
            models.Prefetch(
                "recipients",
                queryset=EnquiryRecipient.objects.select_related(
                    "platform__region", "cluster__region", "region"
                ),
            )
        )


class Enquiry(models.Model):
    """One enquiry of a company, sent to its recipients once its e-mail address is confirmed.

    Made by ``enquiries.services.enquiry_submit()``, sent by ``enquiry_confirm()``, deleted by
    ``enquiry_delete()`` (the sender's link, the retention).
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language of the page"), max_length=5)
    reply_language = models.CharField(
        _("language for replies"), max_length=5, choices=LANGUAGE_CHOICES
    )
    region = company_region()
    company_name = models.CharField(_("company"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    message = models.TextField(_("message"), max_length=5000)
    consented = models.DateTimeField(_("consent given"))
    confirmed = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_language__in=[code for code, _name in LANGUAGE_CHOICES]),
                name="enquiry_reply_language_valid",
            )
        ]

    def __str__(self):
        return f"{self.company_name} ({self.created:%Y-%m-%d})"

    @property
    def reference(self) -> str:
        """What the outbox files this enquiry's e-mails under."""
        return f"enquiry:{self.uuid}"


class EnquiryRecipient(models.Model):
    """A platform or cluster an enquiry is for, with the region whose officers may read it
    and, once sent, where its copy went."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="recipients")
    # Protected like every link to content: an entry that has enquiries is archived, or
    # deleted once they are anonymised.
    platform = models.ForeignKey(
        InnovationPlatform, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The entry's primary region when the enquiry was sent: its officers read the enquiry.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(_("sent to"), max_length=10, choices=Route.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.CheckConstraint(
                condition=Q(platform__isnull=False, cluster__isnull=True)
                | Q(platform__isnull=True, cluster__isnull=False),
                name="enquiry_recipient_one_entry",
            ),
            models.UniqueConstraint(
                fields=["enquiry", "platform"], name="enquiry_recipient_unique_platform"
            ),
            models.UniqueConstraint(
                fields=["enquiry", "cluster"], name="enquiry_recipient_unique_cluster"
            ),
        ]

    def __str__(self):
        return str(self.entry)

    @property
    def entry(self):
        return self.platform or self.cluster

    @property
    def reference(self) -> str:
        return f"{self.enquiry.reference}:recipient:{self.pk}"


class EnquiryTally(models.Model):
    """What is kept of enquiries once their personal data are gone: how many went, per month,
    to the entries of a region, from companies of a region, and by which route."""

    month = models.DateField(_("month"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient's region")
    )
    sender_region = company_region()
    entry_type = models.CharField(_("kind of entry"), max_length=10)
    route = models.CharField(_("sent to"), max_length=10, choices=Route.choices)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-month", "region"]
        verbose_name = _("enquiry figure")
        verbose_name_plural = _("enquiry figures")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region", "sender_region", "entry_type", "route"],
                name="enquiry_tally_unique",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.region}: {self.recipients}"
