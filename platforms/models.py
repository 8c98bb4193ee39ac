"""Organisations, the services companies can get, and the innovation platforms themselves."""

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elmo.fields import ChoiceListField
from elmo.validators import (
    FINLAND_LATITUDE,
    FINLAND_LONGITUDE,
    TextWithoutControlCharacters,
    validate_business_id,
    validate_latitude,
    validate_longitude,
    validate_research_fi_urn,
    validate_ror_id,
)
from entries.models import Entry, EntryQuerySet, Status
from priorities.models import Priority, Region


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("university")
    UAS = "uas", _("university of applied sciences")
    RESEARCH_INSTITUTE = "research_institute", _("research institute")
    COMPANY = "company", _("company")
    CITY_DEVELOPMENT = "city_development", _("city or development company")
    OTHER = "other", _("other")


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """The organisations the public sees — in the search, the sitemap and on their own
        page: those behind something published, as hosts of a published platform or
        coordinators and partners of a published cluster.

        ``Organisation.objects.public().order_by("slug")``
        """
        # By label: platforms do not import the clusters app, which depends on them.
        clusters = apps.get_model("clusters", "Cluster").objects.published()
        hosts = PlatformHost.objects.filter(platform__in=InnovationPlatform.objects.published())
        return self.filter(
            Q(pk__in=hosts.values("organisation_id"))
            | Q(pk__in=clusters.values("coordinator_id"))
            | Q(pk__in=clusters.values("partners"))
        )


class Organisation(TextWithoutControlCharacters, models.Model):
    """A university, institute, company or city organisation that hosts or coordinates entries."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), e.g. 1572860-0."),
    )
    ror_id = models.CharField(
        _("ROR id"),
        max_length=9,
        blank=True,
        validators=[validate_ror_id],
        help_text=_("The organisation's identifier in the Research Organization Registry."),
    )
    website = models.URLField(_("website"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
        help_text=_("Leave empty for a national or international organisation."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    search_document = SearchVectorField(null=True, editable=False)
    search_head = SearchVectorField(null=True, editable=False)
    search_quality = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="organisation_unique_business_id",
                violation_error_message=_("Another organisation has this business ID."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation-detail", args=[self.slug])

    @property
    def ror_url(self):
        return f"https://ror.org/{self.ror_id}" if self.ror_id else ""


class Service(TextWithoutControlCharacters, models.Model):
    """A kind of help a company can get from a platform, e.g. testing or R&D partnership."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class PlatformType(models.TextChoices):
    TESTING_PILOTING = "testing_piloting", _("testing and piloting environment")
    RESEARCH_INFRASTRUCTURE = "research_infrastructure", _("research infrastructure")
    LABORATORY = "laboratory", _("laboratory")
    LIVING_LAB = "living_lab", _("living lab")
    DIH = "dih", _("digital innovation hub")
    BUSINESS_PARK = "business_park", _("business park or ecosystem")
    NETWORK = "network", _("network")
    OTHER = "other", _("other")


class AccessModel(models.TextChoices):
    """On what terms a company gets the platform's services."""

    FREE = "free", _("free of charge")
    SUBSIDISED = "subsidised", _("subsidised")
    COMMERCIAL = "commercial", _("commercial")
    ON_REQUEST = "on_request", _("on request")


class Delivery(models.TextChoices):
    """Where the service is given."""

    ON_SITE = "on_site", _("on site")
    REMOTE = "remote", _("remote")
    BOTH = "both", _("on site or remote")


class UserGroup(models.TextChoices):
    """Who may use a platform."""

    SME = "sme", _("small and medium-sized enterprises")
    LARGE = "large", _("large companies")
    RESEARCH = "research", _("research organisations")
    PUBLIC = "public", _("public bodies")


MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]
# Languages a platform may serve in, by ISO 639-1 code.
SERVICE_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("se", _("Northern Sami")),
    ("no", _("Norwegian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("ru", _("Russian")),
]
# Technology readiness levels.
TRL_RANGE = (1, 9)
# The site's own pages under /<lang>/platforms/ (proposals.urls), which a platform's page of the
# same slug would be hidden behind.
RESERVED_SLUGS = frozenset({"propose", "update", "update-sent"})


def service_links():
    """The prefetch of ``InnovationPlatform.service_offers``."""
    return Prefetch("platformservice_set", queryset=PlatformService.objects.in_order())


class PlatformQuerySet(EntryQuerySet):
    def for_list(self):
        """Everything a list of platforms shows, in a constant number of queries."""
        return self.select_related("region").prefetch_related(
            "hosts", "priorities", "services", "other_regions", service_links()
        )

    def for_api(self, *, user=None, include=()):
        """What the API lists to ``user`` (``visible_to``), linked objects prefetched.

        ``include`` names the relations embedded with ``?include=``; ordered by id, so that
        paging through the list while it changes neither skips nor repeats entries.
        """
        embedded = [name for name in ("clusters", "pilots") if name in include]
        return self.visible_to(user).for_list().order_by("pk").prefetch_public(*embedded)

    def region_priority_counts(self):
        """Count entries per (region code, priority slug), a region counting what it is served by.

        ``{("19", "clean-tech"): 5, …}`` in two queries, whatever the number of rows; the counts
        match what the search shows for ``?region=19&priority=clean-tech``.
        """
        ids = self.order_by().values("pk")
        links = PlatformPriority.objects.filter(platform_id__in=ids).order_by()
        primary = links.values_list("platform__region__code", "priority__slug").annotate(
            n=models.Count("platform_id")
        )
        served = (
            PlatformRegion.objects.filter(platform_id__in=ids)
            .exclude(region_id=models.F("platform__region_id"))
            .values_list("region__code", "platform__platformpriority__priority__slug")
            .annotate(n=models.Count("platform_id"))
            .order_by()
        )
        counts = {}
        for code, slug, n in [*primary, *served]:
            if slug is not None:
                counts[code, slug] = counts.get((code, slug), 0) + n
        return counts

    def for_detail(self):
        """Everything a platform page shows, with only the published clusters it belongs to."""
        return (
            self.select_related("region")
            .prefetch_related(
                "hosts",
                "other_regions",
                "services",
                service_links(),
                Prefetch("priorities", queryset=Priority.objects.select_related("strategy")),
                "pilots",
            )
            .prefetch_public("clusters")
        )


class InnovationPlatform(Entry):
    """A testing and piloting environment, laboratory or other facility companies can use."""

    platform_type = models.CharField(
        _("platform type"), max_length=32, choices=PlatformType.choices, db_index=True
    )
    hosts = models.ManyToManyField(
        Organisation,
        through="PlatformHost",
        related_name="platforms",
        blank=True,
        verbose_name=_("host organisations"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="platforms", verbose_name=_("primary region")
    )
    other_regions = models.ManyToManyField(
        Region,
        through="PlatformRegion",
        related_name="served_platforms",
        blank=True,
        verbose_name=_("other regions served"),
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Enter a five-digit postal code."))],
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[validate_latitude],
        help_text=_("WGS84 decimal degrees, e.g. 65.01236."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[validate_longitude],
        help_text=_("WGS84 decimal degrees, e.g. 25.46816."),
    )
    priorities = models.ManyToManyField(
        Priority,
        through="PlatformPriority",
        related_name="platforms",
        blank=True,
        verbose_name=_("priorities"),
    )
    services = models.ManyToManyField(
        Service,
        through="PlatformService",
        related_name="platforms",
        blank=True,
        verbose_name=_("services"),
    )
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Words companies search with, separated by commas.")
    )
    equipment = models.TextField(_("equipment and facilities"), blank=True)
    access_terms = models.TextField(
        _("access terms for companies"),
        blank=True,
        help_text=_("How a company gets access: booking, prices, confidentiality."),
    )

    # What a company decides on: what it gets, at which readiness, on what terms, where and when,
    # how to start, and the platform's identifier in research.fi. All optional: unknown stays
    # empty (an empty list means "not known", not "none").
    offer = models.TextField(
        _("what a company gets"),
        blank=True,
        help_text=_(
            "In a few sentences, what a company gets here; what it gets of each kind of "
            "service goes with the services."
        ),
    )
    trl_min = models.PositiveSmallIntegerField(
        _("lowest readiness level (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(TRL_RANGE[0]), MaxValueValidator(TRL_RANGE[1])],
    )
    trl_max = models.PositiveSmallIntegerField(
        _("highest readiness level (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(TRL_RANGE[0]), MaxValueValidator(TRL_RANGE[1])],
    )
    access_model = models.CharField(
        _("access model"), max_length=16, choices=AccessModel.choices, blank=True
    )
    pricing_note = models.TextField(
        _("pricing and state aid"),
        blank=True,
        help_text=_("Prices, or the state-aid rules that apply (e.g. de minimis)."),
    )
    lead_time = models.CharField(
        _("typical lead time"), max_length=150, blank=True, help_text=_("E.g. two to four weeks.")
    )
    user_groups = ChoiceListField(_("who may use it"), item_choices=UserGroup.choices)
    country_restriction = models.CharField(
        _("restriction by country"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when companies of any country are served."),
    )
    delivery = models.CharField(
        _("on site or remote"), max_length=16, choices=Delivery.choices, blank=True
    )
    months = ChoiceListField(
        _("months available"),
        item_choices=MONTHS,
        help_text=_("Leave all unchecked when not known; check every month when year-round."),
    )
    service_languages = ChoiceListField(_("languages of service"), item_choices=SERVICE_LANGUAGES)
    booking_url = models.URLField(_("booking or contact link"), blank=True)
    general_email = models.EmailField(
        _("general e-mail"),
        blank=True,
        help_text=_("The platform's own address, not a person's."),
    )
    research_fi_urn = models.CharField(
        _("research.fi infrastructure URN"),
        max_length=64,
        blank=True,
        validators=[validate_research_fi_urn],
    )

    objects = PlatformQuerySet.as_manager()

    # Written with the search document (search/index.py): the platform's facet values, such as
    # "region:19" or "priority:clean-tech", so that the facets of a search are counted from one
    # narrow column of its matches (search.facet_counts), not through every link table.
    search_facets = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("innovation platform")
        verbose_name_plural = _("innovation platforms")
        indexes = [
            # Counts and facets over all published platforms, or those of a region or type
            # (the home page matrix, the search page without words) read this index alone (an
            # index-only scan), not the table.
            models.Index(
                fields=["status", "region", "platform_type"],
                include=["id", "search_facets"],
                name="platform_published_cover",
            ),
            # The API's changes in the order they were made (SyncPagination), from any point.
            models.Index(
                fields=["updated", "id"],
                condition=Q(status=Status.PUBLISHED),
                name="platform_published_changes",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="platform_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(platform_type__in=PlatformType.values), name="platform_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=FINLAND_LATITUDE[0],
                    latitude__lte=FINLAND_LATITUDE[1],
                    longitude__gte=FINLAND_LONGITUDE[0],
                    longitude__lte=FINLAND_LONGITUDE[1],
                ),
                name="platform_location_in_finland",
                violation_error_message=_("Give both latitude and longitude, inside Finland."),
            ),
            models.CheckConstraint(
                condition=Q(trl_min__isnull=True, trl_max__isnull=True)
                | Q(
                    trl_min__gte=TRL_RANGE[0],
                    trl_max__lte=TRL_RANGE[1],
                    trl_min__lte=models.F("trl_max"),
                ),
                name="platform_trl_range",
                violation_error_message=_(
                    "Give the readiness levels as a range from 1 to 9, the lowest first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(access_model="") | Q(access_model__in=AccessModel.values),
                name="platform_access_model_valid",
            ),
            models.CheckConstraint(
                condition=Q(delivery="") | Q(delivery__in=Delivery.values),
                name="platform_delivery_valid",
            ),
        ]

    def get_absolute_url(self):
        return reverse("platform-detail", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is the address of a page of the site: choose another.")
                    % {"slug": self.slug}
                }
            )
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})
        if (self.trl_min is None) != (self.trl_max is None):
            missing = "trl_max" if self.trl_max is None else "trl_min"
            raise ValidationError(
                {missing: _("Give both the lowest and the highest readiness level, or neither.")}
            )
        if self.trl_min is not None and self.trl_max is not None and self.trl_min > self.trl_max:
            raise ValidationError(
                {"trl_max": _("The highest readiness level cannot be below the lowest.")}
            )

    @property
    def trl_levels(self):
        """The readiness levels served, ``[4, 5, 6]``, or ``[]`` when not known."""
        if self.trl_min is None or self.trl_max is None:
            return []
        return list(range(self.trl_min, self.trl_max + 1))

    @property
    def is_remote(self):
        return self.delivery in (Delivery.REMOTE, Delivery.BOTH)

    @property
    def research_fi_url(self):
        """The URN resolved through urn.fi."""
        return f"https://urn.fi/{self.research_fi_urn}" if self.research_fi_urn else ""

    def labels_of(self, name):
        """The labels of a list field's values: ``platform.labels_of("months")``."""
        return self._meta.get_field(name).labels(getattr(self, name))

    @property
    def user_groups_labels(self):
        return self.labels_of("user_groups")

    @property
    def months_labels(self):
        return self.labels_of("months")

    @property
    def service_languages_labels(self):
        return self.labels_of("service_languages")

    @property
    def has_terms(self):
        return any(
            [
                self.offer,
                self.trl_min,
                self.access_model,
                self.pricing_note,
                self.lead_time,
                self.user_groups,
                self.country_restriction,
                self.delivery,
                self.months,
                self.service_languages,
                self.booking_url,
                self.offered_services,
            ]
        )

    @property
    def service_offers(self):
        """The platform's services, each with what a company gets of it: its link rows
        (``PlatformService``: ``.service``, ``.offer_text``) in the services' order, prefetched
        by ``for_list`` and ``for_detail``."""
        return list(self.platformservice_set.all())

    @property
    def offered_services(self):
        """Those of ``service_offers`` that say what a company gets, in the active language or
        else in Finnish."""
        return [link for link in self.service_offers if link.offer_text]

    @property
    def keyword_list(self):
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


# Link tables. They are explicit so that a linked organisation, region, priority or service that
# is still in use cannot be deleted (PROTECT); deleting a platform removes only its own links.


class PlatformHost(models.Model):
    platform = models.ForeignKey(InnovationPlatform, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "organisation"], name="unique_platform_host"
            )
        ]

    def __str__(self):
        return f"{self.platform} – {self.organisation}"


class PlatformRegion(models.Model):
    platform = models.ForeignKey(InnovationPlatform, on_delete=models.CASCADE)
    region = models.ForeignKey(Region, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("other region served")
        verbose_name_plural = _("other regions served")
        constraints = [
            models.UniqueConstraint(fields=["platform", "region"], name="unique_platform_region")
        ]

    def __str__(self):
        return f"{self.platform} – {self.region}"


class PlatformPriority(models.Model):
    platform = models.ForeignKey(InnovationPlatform, on_delete=models.CASCADE)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("platform priority")
        verbose_name_plural = _("platform priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "priority"], name="unique_platform_priority"
            )
        ]

    def __str__(self):
        return f"{self.platform} – {self.priority}"


class PlatformServiceQuerySet(models.QuerySet):
    def in_order(self):
        """The links with their services, in the services' order (``Service.Meta``)."""
        return self.select_related("service").order_by("service__order", "service__slug")


class PlatformService(TextWithoutControlCharacters, models.Model):
    """A kind of service a platform gives, with what a company gets of it (translated)."""

    platform = models.ForeignKey(InnovationPlatform, on_delete=models.CASCADE)
    service = models.ForeignKey(Service, on_delete=models.PROTECT)
    # Not named "offer": the history's copies of link rows leave out the names of the
    # platform's own translated columns.
    offer_text = models.TextField(
        _("what a company gets of this service"),
        blank=True,
        help_text=_("In a sentence or two: what a company gets of this kind of service here."),
    )

    objects = PlatformServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("platform service")
        verbose_name_plural = _("platform services")
        constraints = [
            models.UniqueConstraint(fields=["platform", "service"], name="unique_platform_service")
        ]

    def __str__(self):
        return f"{self.platform} – {self.service}"
