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
VERSION = 2
# The versions an import reads: version 1 is version 2 without the texts of links.
READS = (1, 2)
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
    """A many-to-many relation, written as the list of the linked rows' keys, and the link
    table's own translated columns, if it has any, each as a member of its own that holds
    the linked rows' texts by key."""

    name: str  # "services"
    through: type[models.Model]
    source: str  # the link table's column of the row itself: "platform_id"
    target: str  # and of the linked row: "service_id"
    section: Section | None  # None: users, linked by user name
    texts: tuple = ()  # the link table's translated columns: ("offer_text",)

    @property
    def target_field(self):
        return self.through._meta.get_field(self.target).name

    @property
    def text_members(self):
        """``{column: member}``: the member of a row that holds each translated column of
        its links, ``{"offer_text": "services_offer_text"}``."""
        return {column: f"{self.name}_{column}" for column in self.texts}


@dataclass(frozen=True)
class Layout:
    """How a section's rows are written: ``fields`` in model order as (kind, name, field), the
    kind "value", "text" (an object with a value per language) or "ref" (the key of a row of
    an earlier section); ``links`` in model order."""

    fields: tuple
    links: tuple

    @property
    def names(self):
        return (
            {name for _kind, name, _field in self.fields}
            | {link.name for link in self.links}
            | {member for link in self.links for member in link.text_members.values()}
        )


@cache
def layout(section):
    """The fields and links of ``section``, read from its model.

    A field added to a model is in the next snapshot without a change here, and so is a
    translated text column added to a link table. A link table with a column of its own of
    another kind, or a relation to a model without an earlier section, raises instead of being
    left out silently.
    """
    model = section.model
    translated = _translated(model)
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
        texts = _link_texts(m2m)
        target = m2m.related_model
        links.append(
            Link(
                name=m2m.name,
                through=through,
                source=through._meta.get_field(m2m.m2m_field_name()).attname,
                target=through._meta.get_field(m2m.m2m_reverse_field_name()).attname,
                section=None if target is get_user_model() else _earlier(section, target),
                texts=texts,
            )
        )
    members = [name for _kind, name, _field in fields]
    members += [m for link in links for m in (link.name, *link.text_members.values())]
    if len(set(members)) != len(members):
        raise RuntimeError(f"Two members of a row of {section.name} would have the same name.")
    return Layout(fields=tuple(fields), links=tuple(links))


def _translated(model):
    """The names of ``model``'s translated fields (django-modeltranslation)."""
    if model not in translator.get_registered_models():
        return set()
    return set(translator.get_options_for_model(model).all_fields)


def _link_texts(m2m):
    """The translated text columns of the link table of ``m2m`` beside its two references;
    raises for a column of any other kind."""
    through = m2m.remote_field.through
    references = {m2m.m2m_field_name(), m2m.m2m_reverse_field_name()}
    translated = _translated(through)
    translations = set(i18n.columns(*translated))
    texts = []
    for f in through._meta.concrete_fields:
        if f.primary_key or f.name in references or f.name in translations:
            continue
        if f.name not in translated or not isinstance(f, models.CharField | models.TextField):
            raise RuntimeError(f"A snapshot cannot hold the columns of {through.__name__}.")
        texts.append(f.name)
    return tuple(texts)


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
