"""Update invitations and proposed changes of platforms."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from clusters.models import Cluster
from elmo import i18n
from platforms.models import InnovationPlatform
from priorities.models import Region

from .links import INVITATION_DAYS

# What a provider's form offers (and so all a proposal can change): texts in every language,
# the contact, what a company decides on. Never the status, the region, the name or the slug.
TEXT_FIELDS = (
    "summary",
    "description",
    "contact_role",
    "offer",
    "equipment",
    "access_terms",
    "pricing_note",
    "lead_time",
    "country_restriction",
    "town",
)
PLAIN_FIELDS = (
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "general_email",
    "booking_url",
    "trl_min",
    "trl_max",
    "access_model",
    "user_groups",
    "delivery",
    "months",
    "service_languages",
    "street_address",
    "postal_code",
    "research_fi_urn",
)
# The columns of the form, in the order the form and the review show them.
COLUMNS = (
    *i18n.columns("summary", "description"),
    "website",
    "contact_name",
    *i18n.columns("contact_role"),
    "contact_email",
    "contact_phone",
    "general_email",
    "booking_url",
    *i18n.columns("offer", "equipment", "access_terms"),
    "trl_min",
    "trl_max",
    "access_model",
    *i18n.columns("pricing_note", "lead_time"),
    "user_groups",
    *i18n.columns("country_restriction"),
    "delivery",
    "months",
    "service_languages",
    "street_address",
    "postal_code",
    *i18n.columns("town"),
    "research_fi_urn",
)
# What the platform offers of each of its services, per language, is proposed under keys of
# its own: "services.testing.offer_text_fi" (``offer_key``). The form offers it for the services
# the platform has; which services it has is not the form's to change.
OFFER_COLUMNS = i18n.columns("offer_text")


def offer_key(slug: str, column: str) -> str:
    """``offer_key("testing", "offer_text_fi")`` → ``"services.testing.offer_text_fi"``."""
    return f"services.{slug}.{column}"


def offer_of_key(key: str) -> tuple[str, str] | None:
    """The service slug and column of an ``offer_key``; None for any other key.

    >>> offer_of_key("services.testing.offer_text_fi")
    ('testing', 'offer_text_fi')
    >>> offer_of_key("offer_fi") is None
    True
    """
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "services" and parts[2] in OFFER_COLUMNS:
        return parts[1], parts[2]
    return None


# What a cluster editor's change of a published cluster may hold: its texts and contact.
CLUSTER_COLUMNS = (
    *i18n.columns("summary", "description"),
    "website",
    "contact_name",
    *i18n.columns("contact_role"),
    "contact_email",
    "contact_phone",
    "eccp_url",
)


def columns_for(model) -> tuple[str, ...]:
    """The columns a proposal of an entry of ``model`` may change."""
    return CLUSTER_COLUMNS if model is Cluster else COLUMNS


# A new platform proposed from the public site also gives these.
NEW_COLUMNS = (*i18n.columns("name"), "platform_type", "region", *COLUMNS)
LANGUAGE_CHOICES = settings.LANGUAGES


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The coordinator sees every invitation; an officer those of their regions."""
        if roles.is_coordinator(user):
            return self
        return self.filter(platform__region__in=roles.region_ids(user))

    def overdue(self, now=None):
        """Sent at least 30 days ago and not answered: for the officer to follow up."""
        since = (now or timezone.now()) - timedelta(days=INVITATION_DAYS)
        return self.filter(answered__isnull=True, sent__lte=since)


class Invitation(models.Model):
    """An e-mail sent to a platform's contact with a link to the update form."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    platform = models.ForeignKey(
        InnovationPlatform,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("platform"),
    )
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    sent = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answered = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent", "-pk"]
        verbose_name = _("update invitation")
        verbose_name_plural = _("update invitations")
        indexes = [
            # The dashboard's counts per region and the overdue list.
            models.Index(fields=["platform", "sent"], name="invitation_platform_sent"),
            models.Index(
                fields=["sent"], condition=Q(answered__isnull=True), name="invitation_open"
            ),
        ]

    def __str__(self):
        return f"{self.platform} – {self.email}"

    @property
    def expires(self):
        return self.sent + timedelta(days=INVITATION_DAYS)


class Kind(models.TextChoices):
    UPDATE = "update", _("update from the platform")
    EDITOR = "editor", _("change by an editor")
    NEW = "new", _("new platform proposed")


class Decision(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    RETURNED = "returned", _("returned with a comment")


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The coordinator sees every proposal; an officer those of their regions; an editor
        their own."""
        if roles.is_coordinator(user):
            return self
        return self.filter(Q(region__in=roles.region_ids(user)) | Q(proposed_by=user.pk))

    def pending(self):
        return self.filter(decision=Decision.PENDING)


class Proposal(models.Model):
    """Changes proposed to a platform (or a new platform), waiting for an officer's review.

    ``values`` holds the proposed value of each changed column (``{"offer_fi": "…",
    "months": [1, 2]}``), ``before`` the entry's values of those columns when it was proposed.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    platform = models.ForeignKey(
        InnovationPlatform,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("platform"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("cluster"),
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("invitation"),
    )
    proposer_name = models.CharField(_("proposed by"), max_length=150, blank=True)
    proposer_email = models.EmailField(_("proposer's e-mail"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    values = models.JSONField(_("proposed values"), default=dict)
    before = models.JSONField(_("values when proposed"), default=dict)
    created = models.DateTimeField(_("proposed"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    accepted = models.JSONField(_("accepted columns"), default=list, blank=True)
    comment = models.TextField(_("comment to the proposer"), blank=True)
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        indexes = [
            models.Index(
                fields=["region", "created"],
                condition=Q(decision="pending"),
                name="proposal_pending_by_region",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="proposal_decision_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="proposal_kind_valid"),
            models.CheckConstraint(
                condition=Q(platform__isnull=True) | Q(cluster__isnull=True),
                name="proposal_of_one_entry",
            ),
        ]

    def __str__(self):
        entry = self.entry
        name = entry.name if entry else self.values.get("name_fi", "")
        return f"{self.get_kind_display()}: {name}"

    @property
    def entry(self):
        """The platform or cluster proposed to be changed (None once deleted)."""
        return self.platform or self.cluster

    @staticmethod
    def of(entry) -> Q:
        """``Proposal.objects.filter(Proposal.of(cluster))``: the proposals made to ``entry``."""
        return Q(cluster=entry) if isinstance(entry, Cluster) else Q(platform=entry)
