"""The base of the registry's entries (platforms and clusters): their status and the reads
every list, page and endpoint shares. Writes go through ``entries.services``."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elmo import i18n
from elmo.validators import TextWithoutControlCharacters, validate_phone, validate_source_urls
from priorities.models import Region


class Status(models.TextChoices):
    """draft → in review → published → archived; only published entries are public."""

    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


def region_codes(regions):
    """Statistics Finland codes of Regions or codes: ``region_codes([lappi, "18"])``."""
    return [region.code if isinstance(region, Region) else str(region) for region in regions]


class EntryQuerySet(models.QuerySet):
    """Reads shared by platforms and clusters."""

    def published(self):
        """Entries the public may see: ``InnovationPlatform.objects.published()``."""
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What the public sees, the name the search asks every kind of object: the published
        entries (``Organisation.objects.public()`` has its own rule)."""
        return self.published()

    def visible_to(self, user):
        """What ``user`` may read: every entry for staff (a preview of the unpublished ones),
        published entries for anyone else. The API's lists, the detail pages and the filters
        that name entries all ask here, so that nothing reveals a draft.

        ``Cluster.objects.visible_to(request.user)``
        """
        return self if getattr(user, "is_staff", False) else self.published()

    def withdrawn(self):
        """Entries that were public once and are not any more (drafted back or archived)."""
        return self.exclude(status=Status.PUBLISHED).filter(first_published__isnull=False)

    def in_regions(self, *regions):
        """Entries whose primary region, or one of whose other regions served, is one of
        ``regions`` (Regions or Statistics Finland codes), each entry once.

        ``InnovationPlatform.objects.in_regions("19", "18")``
        """
        codes = region_codes(regions)
        other_regions = self.model._meta.get_field("other_regions")
        links = other_regions.remote_field.through.objects.filter(region__code__in=codes)
        served = links.values(f"{other_regions.m2m_field_name()}_id")
        return self.filter(Q(region__code__in=codes) | Q(pk__in=served))

    def prefetch_public(self, *lookups):
        """``prefetch_related(*lookups)``, where a relation to entries holds only the published
        ones, by name: ``InnovationPlatform.objects.prefetch_public("clusters", "hosts")``."""
        prefetches = []
        for lookup in lookups:
            related = None
            if isinstance(lookup, str):
                related = self.model._meta.get_field(lookup).related_model
            if related is not None and issubclass(related, Entry):
                public = related.objects.published().order_by_name()
                lookup = models.Prefetch(lookup, queryset=public)
            prefetches.append(lookup)
        return self.prefetch_related(*prefetches)

    def name_ordering(self):
        """The order by name in the active language (Finnish where a translation is missing)."""
        return i18n.ordering("name")

    def order_by_name(self):
        """``InnovationPlatform.objects.published().order_by_name()`` in the active language."""
        return self.order_by(*self.name_ordering(), "pk")


class Entry(TextWithoutControlCharacters, models.Model):
    """What platforms and clusters have in common: texts, contact, status and review dates."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("The last part of the page address.")
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences shown in search results.")
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("A shared role mailbox is preferred.")
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    sources = models.TextField(
        _("sources"),
        blank=True,
        validators=[validate_source_urls],
        help_text=_("Where the information comes from: one web address per line."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_%(class)ss",
        verbose_name=_("editors"),
        help_text=_("Platform editors who may update this entry and submit it for review."),
    )
    # Set the first time the entry is published: an entry that was public and no longer is
    # is reported to API clients as withdrawn; a draft never published is not.
    first_published = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    # Written by the search service (search/index.py), never by hand: the whole document,
    # its names and keywords alone, and how complete the entry is (the order of ties).
    search_document = SearchVectorField(null=True, editable=False)
    search_head = SearchVectorField(null=True, editable=False)
    search_quality = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.first_published is None:
            self.first_published = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def kind_label(self):
        """What the entry is, for a list that mixes kinds: "Innovation platform", "Cluster"."""
        return capfirst(self._meta.verbose_name)

    @property
    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]
