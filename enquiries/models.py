"""An enquiry from a company to up to five platforms and clusters, and the figures kept of
enquiries once their personal data are gone."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class Status(models.TextChoices):
    """Where a recipient stands with its answer. Only "yes" and "no" are answers: a forwarded
    enquiry still waits for one from the address it was forwarded to."""

    WAITING = "waiting", _("no answer yet")
    YES = "yes", _("we can help")
    NO = "no", _("not for us")
    FORWARDED = "forwarded", _("forwarded")


OPEN = (Status.WAITING, Status.FORWARDED)
ANSWERED = (Status.YES, Status.NO)


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
            ),
            models.Prefetch(
                "recipients__events", queryset=EnquiryEvent.objects.select_related("user")
            ),
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
    # The company found what it needed: no more answers, reminders or notices.
    closed = models.DateTimeField(_("closed by the company"), null=True, blank=True)

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
    status = models.CharField(
        _("answer"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    # The first "yes" or "no", for the time to answer.
    answered = models.DateTimeField(_("answered"), null=True, blank=True)
    forwarded_to = models.EmailField(_("forwarded to"), blank=True)
    # The follow-up of an unanswered recipient, each done once (``enquiries_remind``).
    reminded = models.DateTimeField(_("officers reminded"), null=True, blank=True)
    company_told = models.DateTimeField(_("company told of no answer"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        indexes = [
            # The daily reminder's question: the recipients still waiting for an answer.
            models.Index(
                fields=["enquiry"],
                condition=Q(status__in=["waiting", "forwarded"], company_told__isnull=True),
                name="enquiry_recipient_open",
            )
        ]
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
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="enquiry_recipient_status_valid"
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

    @property
    def is_open(self) -> bool:
        """Whether it may still answer: no "yes" or "no" yet, and the enquiry not closed."""
        return self.status not in ANSWERED and not self.enquiry.closed

    @property
    def last_message(self) -> str:
        """The message of its latest answer (events prefetched by ``for_list``)."""
        answers = [e for e in self.events.all() if e.kind in Status.values and e.message]
        return answers[-1].message if answers else ""


class Actor(models.TextChoices):
    """Who changed an enquiry's state."""

    PROVIDER = "provider", _("the recipient, by its link")
    COMPANY = "company", _("the company, by its link")
    STAFF = "staff", _("registry staff")
    SYSTEM = "system", _("the registry (daily follow-up)")


class Event(models.TextChoices):
    SENT = "sent", _("sent")
    YES = "yes", _("answered: we can help")
    NO = "no", _("answered: not for us")
    FORWARDED = "forwarded", _("forwarded")
    REMINDED = "reminded", _("officers reminded")
    COMPANY_TOLD = "company_told", _("company told of no answer")
    CLOSED = "closed", _("closed by the company")


class EnquiryEvent(models.Model):
    """One change of an enquiry's or a recipient's state: when, what, and who made it. Deleted
    with the enquiry."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    recipient = models.ForeignKey(
        EnquiryRecipient, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    created = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("change"), max_length=15, choices=Event.choices)
    actor = models.CharField(_("by"), max_length=10, choices=Actor.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message"), blank=True)
    forwarded_to = models.EmailField(_("forwarded to"), blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Event.values) & Q(actor__in=Actor.values),
                name="enquiry_event_valid",
            )
        ]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    @property
    def who(self) -> str:
        """The user's name for staff, otherwise the kind of actor."""
        if self.actor == Actor.STAFF and self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return self.get_actor_display()


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


class NeedGap(models.Model):
    """A word of the needs that found few matches on the need page, counted per month and per
    the company's region (if given): what companies ask for that the registry lacks. Holds
    single words only, never a need's text."""

    month = models.DateField(_("month"))
    region = company_region()
    word = models.CharField(_("word"), max_length=60)
    needs = models.PositiveIntegerField(_("needs"), default=0)

    class Meta:
        ordering = ["-month", "-needs"]
        verbose_name = _("need with few matches")
        verbose_name_plural = _("needs with few matches")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "word", "region"],
                name="need_gap_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.word}: {self.needs}"
