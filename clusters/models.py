"""Clusters built on the platform network, the EU industrial ecosystems and the Vanguard pilots."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elmo.validators import TextWithoutControlCharacters, validate_eccp_url
from entries.models import Entry, EntryQuerySet, Status
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Priority, Region


class IndustrialEcosystem(TextWithoutControlCharacters, models.Model):
    """One of the 14 industrial ecosystems of the EU industrial strategy (2021 update)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("industrial ecosystem")
        verbose_name_plural = _("industrial ecosystems")

    def __str__(self):
        return self.name


class VanguardPilot(TextWithoutControlCharacters, models.Model):
    """A joint industrial pilot of the Vanguard Initiative."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    started = models.CharField(_("started"), max_length=200, blank=True)
    lead_regions = models.CharField(_("lead regions"), max_length=300, blank=True)
    ip_area_participates = models.BooleanField(
        _("IP area takes part"),
        default=False,
        help_text=_("Whether East and North Finland takes part in the pilot."),
    )
    website = models.URLField(_("website"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    platforms = models.ManyToManyField(
        InnovationPlatform,
        through="PilotPlatform",
        related_name="pilots",
        blank=True,
        verbose_name=_("platforms taking part"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Vanguard pilot")
        verbose_name_plural = _("Vanguard pilots")

    def __str__(self):
        return self.name


class ClusterQuerySet(EntryQuerySet):
    def for_list(self):
        """Everything a list of clusters shows, in a constant number of queries."""
        return self.select_related("region", "coordinator").prefetch_related(
            "partners",
            Prefetch("members", queryset=InnovationPlatform.objects.published().order_by("pk")),
            "other_regions",
            "priorities",
            "ecosystems",
            "pilots",
        )

    def for_api(self, *, user=None, include=()):
        """What the API lists to ``user`` (``visible_to``), with their links, by id."""
        return self.visible_to(user).for_list().order_by("pk")

    def for_detail(self):
        """Everything a cluster page shows, with only its published member platforms."""
        return self.select_related("region", "coordinator").prefetch_related(
            "partners",
            "other_regions",
            "ecosystems",
            "pilots",
            Prefetch("priorities", queryset=Priority.objects.select_related("strategy")),
            Prefetch(
                "members",
                queryset=InnovationPlatform.objects.published()
                .select_related("region")
                .order_by_name(),
            ),
        )


class Cluster(Entry):
    """A cluster: companies, research and platforms around a theme, across one or more regions."""

    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_clusters",
        verbose_name=_("coordinator"),
    )
    partners = models.ManyToManyField(
        Organisation,
        through="ClusterPartner",
        related_name="partner_clusters",
        blank=True,
        verbose_name=_("partner organisations"),
    )
    members = models.ManyToManyField(
        InnovationPlatform,
        through="ClusterMember",
        related_name="clusters",
        blank=True,
        verbose_name=_("member platforms"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("primary region")
    )
    other_regions = models.ManyToManyField(
        Region,
        through="ClusterRegion",
        related_name="served_clusters",
        blank=True,
        verbose_name=_("other regions"),
    )
    priorities = models.ManyToManyField(
        Priority,
        through="ClusterPriority",
        related_name="clusters",
        blank=True,
        verbose_name=_("priorities"),
    )
    ecosystems = models.ManyToManyField(
        IndustrialEcosystem,
        through="ClusterEcosystem",
        related_name="clusters",
        blank=True,
        verbose_name=_("EU industrial ecosystems"),
    )
    pilots = models.ManyToManyField(
        VanguardPilot,
        through="ClusterPilot",
        related_name="clusters",
        blank=True,
        verbose_name=_("Vanguard pilots"),
    )
    eccp_url = models.URLField(
        _("ECCP profile"),
        blank=True,
        validators=[validate_eccp_url],
        help_text=_("The cluster's profile on the European Cluster Collaboration Platform."),
    )
    founded = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="cluster_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(founded__isnull=True) | Q(founded__gte=1900, founded__lte=2100),
                name="cluster_founded_plausible",
            ),
        ]

    def get_absolute_url(self):
        return reverse("cluster-detail", args=[self.slug])


# Link tables: explicit so that a linked entry still in use cannot be deleted (PROTECT).


class ClusterPartner(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation"], name="unique_cluster_partner"
            )
        ]

    def __str__(self):
        return f"{self.cluster} – {self.organisation}"


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    platform = models.ForeignKey(InnovationPlatform, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("member platform")
        verbose_name_plural = _("member platforms")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "platform"], name="unique_cluster_member")
        ]

    def __str__(self):
        return f"{self.cluster} – {self.platform}"


class ClusterRegion(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    region = models.ForeignKey(Region, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("cluster region")
        verbose_name_plural = _("cluster regions")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "region"], name="unique_cluster_region")
        ]

    def __str__(self):
        return f"{self.cluster} – {self.region}"


class ClusterPriority(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("cluster priority")
        verbose_name_plural = _("cluster priorities")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "priority"], name="unique_cluster_priority")
        ]

    def __str__(self):
        return f"{self.cluster} – {self.priority}"


class ClusterEcosystem(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    ecosystem = models.ForeignKey(IndustrialEcosystem, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("cluster ecosystem")
        verbose_name_plural = _("cluster ecosystems")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "ecosystem"], name="unique_cluster_ecosystem"
            )
        ]

    def __str__(self):
        return f"{self.cluster} – {self.ecosystem}"


class ClusterPilot(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE)
    pilot = models.ForeignKey(VanguardPilot, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("cluster pilot")
        verbose_name_plural = _("cluster pilots")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "pilot"], name="unique_cluster_pilot")
        ]

    def __str__(self):
        return f"{self.cluster} – {self.pilot}"


class PilotPlatform(models.Model):
    pilot = models.ForeignKey(VanguardPilot, on_delete=models.CASCADE)
    platform = models.ForeignKey(InnovationPlatform, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("pilot platform")
        verbose_name_plural = _("pilot platforms")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "platform"], name="unique_pilot_platform")
        ]

    def __str__(self):
        return f"{self.pilot} – {self.platform}"
