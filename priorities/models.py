"""The strategy side of the registry: the seven regions, the strategies and their priorities."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elmo.validators import TextWithoutControlCharacters, validate_nace_codes

FIRST_YEAR = 1990
LAST_YEAR = 2100


def validate_boundary(value):
    """Accept a GeoJSON Polygon or MultiPolygon with WGS84 longitude/latitude positions.

    >>> square = [[[25, 65], [26, 65], [26, 66], [25, 65]]]
    >>> validate_boundary({"type": "Polygon", "coordinates": square})
    """
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("Enter a GeoJSON geometry of type Polygon or MultiPolygon."))
    polygons = value.get("coordinates")
    if value["type"] == "Polygon":
        polygons = [polygons]
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise ValidationError(_("Every ring of the boundary must be closed."))
                for lon, lat, *_rest in ring:
                    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                        raise ValidationError(_("Boundary positions must be longitude, latitude."))
    except (TypeError, ValueError) as error:
        raise ValidationError(_("The boundary coordinates are not valid GeoJSON.")) from error


class Region(TextWithoutControlCharacters, models.Model):
    """One of the seven regions (maakunta) of the IP area, keyed by its Statistics Finland code."""

    code = models.CharField(
        _("Statistics Finland code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Enter the two-digit region code, e.g. 19."))],
    )
    nuts3_code = models.CharField(
        _("NUTS 3 code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^FI[0-9A-Z]{3}$", _("Enter a NUTS 3 code, e.g. FI1D7."))],
    )
    iso_code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^FI-\d{2}$", _("Enter an ISO 3166-2 code, e.g. FI-10."))],
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    centre = models.CharField(_("regional centre"), max_length=100)
    council_name = models.CharField(_("regional council"), max_length=150)
    council_website = models.URLField(_("regional council website"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population date"), null=True, blank=True)
    population_source = models.TextField(_("source of the population figure"), blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_("GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_date__isnull=False),
                name="region_population_has_date",
                violation_error_message=_("Give the date of the population figure."),
            ),
        ]

    def __str__(self):
        # The name only: in the admin's lists and choices and on the site the code in brackets
        # ("Kainuu (18)") read as a count.
        return self.name

    def get_absolute_url(self):
        return reverse("region-detail", args=[self.slug])

    def clean(self):
        if self.population is not None and self.population_date is None:
            raise ValidationError({"population_date": _("Give the date of the population figure.")})


class StrategyQuerySet(models.QuerySet):
    def current(self):
        """The strategy in force, e.g. ``Strategy.objects.current().first()``."""
        return self.filter(is_current=True)


class Strategy(TextWithoutControlCharacters, models.Model):
    """A joint smart-specialisation strategy of the IP area, e.g. the ELMO strategy 2019–2023."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Leave empty while the strategy has no fixed end."),
    )
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("Only one strategy can be current at a time.")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(first_year__lte=models.F("last_year")),
                name="strategy_years_in_order",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="strategy_one_current",
                violation_error_message=_("Another strategy is already marked as current."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """The name with its period, unless the name already ends with its first year: "…
        strategy 2024", not "… strategy 2024 (2024–)"; "… strategy (2019–2023)"."""
        if self.name.rstrip().endswith(str(self.first_year)):
            return self.name
        return f"{self.name} ({self.period})"

    @property
    def period(self):
        return f"{self.first_year}–{self.last_year or ''}"


class PriorityQuerySet(models.QuerySet):
    def shared(self):
        """Priorities of the whole IP area, not of one region."""
        return self.filter(region__isnull=True)

    def of_current_strategy(self):
        return self.filter(strategy__is_current=True)


class Priority(TextWithoutControlCharacters, models.Model):
    """A priority of a strategy: shared by the whole IP area, or specific to one region."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="priorities", verbose_name=_("strategy")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_priorities",
        verbose_name=_("region"),
        help_text=_("Leave empty for a priority shared by the whole IP area."),
    )
    nace_codes = models.CharField(
        _("NACE codes"),
        max_length=200,
        blank=True,
        validators=[validate_nace_codes],
        help_text=_(
            "The industries of the priority by NACE Rev. 2, separated by commas, where the "
            "strategy defines them: e.g. C27, C28.1."
        ),
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["-strategy__first_year", "order", "slug"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("priority-detail", args=[self.slug])

    @property
    def nace_list(self):
        return [code.strip() for code in self.nace_codes.split(",") if code.strip()]
