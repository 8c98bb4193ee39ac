"""What a snapshot holds: its sections in dependency order, and each section's fields and links,
read from the models."""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.db import models
from modeltranslation.translator import translator

import search
from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from elmo import i18n
from feedback.models import Feedback
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region, Strategy

FORMAT = "elmo-registry-snapshot"
VERSION = 1
# Written by the search service from the rest of the row; rebuilt after an import.
MACHINE_WRITTEN = set(search.COLUMNS)


class SnapshotError(Exception):
    """The snapshot cannot be imported, or the registry cannot take it; the message says why."""


@dataclass(frozen=True)
class Section:
    """One list of the snapshot's ``data``: the rows of one model. Each section refers only to
    sections before it, so the sections are written and read in this order."""

    name: str
    model: type[models.Model]
    key: str | None  # the field other sections refer to its rows by
    optional: bool = False

    @property
    def one(self):
        return str(self.model._meta.verbose_name)


SECTIONS = (
    Section("regions", Region, "code"),
    Section("strategies", Strategy, "slug"),
    Section("priorities", Priority, "slug"),
    Section("services", Service, "slug"),
    Section("industrial_ecosystems", IndustrialEcosystem, "slug"),
    Section("organisations", Organisation, "slug"),
    Section("platforms", InnovationPlatform, "slug"),
    Section("vanguard_pilots", VanguardPilot, "slug"),
    Section("clusters", Cluster, "slug"),
    # Messages from the public, with e-mail addresses: only when asked for.
    Section("feedback", Feedback, None, optional=True),
)
BY_NAME = {section.name: section for section in SECTIONS}
BY_MODEL = {section.model: section for section in SECTIONS}


@dataclass(frozen=True)
class Link:
    """A many-to-many relation, written as the list of the linked rows' keys."""

    name: str  # "hosts"
    through: type[models.Model]
    source: str  # the link table's column of the row itself: "platform_id"
    target: str  # and of the linked row: "organisation_id"
    section: Section | None  # None: users, linked by user name

    @property
    def target_field(self):
        return self.through._meta.get_field(self.target).name


@dataclass(frozen=True)
class Layout:
    """How a section's rows are written: ``fields`` in model order as (kind, name, field), the
    kind "value", "text" (an object with a value per language) or "ref" (the key of a row of
    an earlier section); ``links`` in model order."""

    fields: tuple
    links: tuple

    @property
    def names(self):
        return {name for _kind, name, _field in self.fields} | {link.name for link in self.links}


@cache
def layout(section):
    """The fields and links of ``section``, read from its model.

    A field added to a model is in the next snapshot without a change here. A link table with
    a column of its own, or a relation to a model without an earlier section, raises instead
    of being left out silently.
    """
    model = section.model
    translated = (
        set(translator.get_options_for_model(model).all_fields)
        if model in translator.get_registered_models()
        else set()
    )
    translations = set(i18n.columns(*translated))
    fields = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in MACHINE_WRITTEN or f.name in translations:
            continue
        if f.name in translated:
            fields.append(("text", f.name, f))
        elif f.is_relation:
            _earlier(section, f.related_model)
            fields.append(("ref", f.name, f))
        else:
            fields.append(("value", f.name, f))
    links = []
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        own = [f.name for f in through._meta.concrete_fields if not f.is_relation]
        if own != [through._meta.pk.name] or len(through._meta.concrete_fields) != 3:
            raise RuntimeError(f"A snapshot cannot hold the columns of {through.__name__}.")
        target = m2m.related_model
        links.append(
            Link(
                name=m2m.name,
                through=through,
                source=through._meta.get_field(m2m.m2m_field_name()).attname,
                target=through._meta.get_field(m2m.m2m_reverse_field_name()).attname,
                section=None if target is get_user_model() else _earlier(section, target),
            )
        )
    return Layout(fields=tuple(fields), links=tuple(links))


def _earlier(section, model):
    target = BY_MODEL.get(model)
    if target is None or SECTIONS.index(target) >= SECTIONS.index(section):
        raise RuntimeError(f"{section.name} refers to {model.__name__}, not in an earlier section.")
    return target


def count_names(section):
    """The names under which ``counts`` gives the rows and the links of ``section``."""
    return [section.name, *(f"{section.name}.{link.name}" for link in layout(section).links)]


def summary(counts):
    """``{"regions": 7, "platforms.hosts": 80, …}`` as "7 regions, … and 80 links"."""
    rows = [f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if "." not in name]
    links = sum(n for name, n in counts.items() if "." in name)
    return ", ".join(rows) + (f" and {links} links" if links else "")


def plain(model):
    """All rows of ``model``, with modeltranslation's rewriting of field names turned off."""
    queryset = model._default_manager.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset
