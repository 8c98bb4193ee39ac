"""The change history of platforms, clusters and organisations (django-simple-history).

Each model is registered in its app's ``translation.py`` with ``register(Model, links=[…])``,
after its translation fields exist, so that the per-language columns (``name_fi``…) are
recorded. A record holds who (the signed-in user, or the API token's user), when, every field
and the entry's links as they were.

- **Links** are recorded with simple-history's ``m2m_fields``, which works with the registry's
  explicit link tables (``PlatformPriority``…): each record keeps a copy of the entry's link rows.
  Links changed from the other side (``region.served_platforms.add(platform)``) are recorded on
  the entries too.
- **One record per write.** A write path saves an entry and then sets its links; inside
  ``one_record(obj)`` (or between ``hold(obj)`` and ``release(obj)``) those saves become one
  record, and none at all when nothing differs from the last record. A save outside (a bulk
  action, the shell) gets a record of its own when a field differs. ``bulk_create`` writes no
  history.
- ``annotate_changes(model, records)`` sets on each record what changed since the one before:
  ``{"name", "field", "old", "new"}`` or, for links, ``{"name", "field", "added", "removed"}``
  (``field`` is the label), leaving out a change from one kind of empty to another.
"""

from contextlib import contextmanager
from itertools import pairwise

from django.conf import settings
from django.contrib.admin.utils import display_for_value
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from simple_history import register as register_history
from simple_history.models import DeletedObject, HistoricalRecords

import search

# Written by the search service, never by hand: their changes are not history.
MACHINE_FIELDS = search.COLUMNS
HELD = "_history_held"
RESTORED = "restored:"
# Longer old and new texts are shown around the place where they start to differ.
SHOWN_CHARACTERS = 160

RECORDS = {}  # model → its RegistryRecords


class RegistryRecords(HistoricalRecords):
    """simple-history's records, written once per write and only when something changed."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        RECORDS[sender] = self

    def post_save(self, instance, created, using=None, **kwargs):
        held = instance.__dict__.get(HELD)
        if kwargs.get("raw"):  # loading a fixture
            return
        if held is not None:
            held.add("+" if created else "~")
        elif created or self.changed(instance, links=False):
            super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if reverse:
            self.other_side_changed(instance, action, attr, pk_set)
        elif action in ("post_add", "post_remove", "post_clear"):
            held = instance.__dict__.get(HELD)
            if held is not None:
                held.add("~")
            else:
                super().m2m_changed(instance, action, attr, pk_set, reverse)

    def other_side_changed(self, other, action, attr, pk_set):
        """Links changed from the other side, e.g. ``region.served_platforms.add(platform)``:
        ``other`` is the region, ``pk_set`` holds the entries."""
        key = f"_history_clearing_{attr}"
        if action == "pre_clear":
            other.__dict__[key] = list(self.cls._default_manager.filter(**{attr: other}))
            return
        if action == "post_clear":
            entries = other.__dict__.pop(key, [])
        elif action in ("post_add", "post_remove"):
            entries = self.cls._default_manager.filter(pk__in=pk_set)
        else:
            return
        for entry in entries:
            super().m2m_changed(entry, action, attr, pk_set, False)

    def changed(self, instance, *, links):
        """Whether ``instance`` (and, with ``links``, its links) differs from its last record."""
        latest = getattr(instance, self.manager_name).first()
        if latest is None:
            return True
        for field in self.fields_included(instance):
            name = field.attname
            if field.editable and not _same(getattr(latest, name), getattr(instance, name)):
                return True
        if links:
            for field in self.get_m2m_fields_from_model(type(instance)):
                through = field.remote_field.through
                source = field.m2m_field_name()
                columns = [f"{field.m2m_reverse_field_name()}_id", *link_columns(through)]
                now = through._default_manager.filter(**{source: instance})
                then = getattr(latest, field.name)
                if _rows(now.values_list(*columns)) != _rows(then.values_list(*columns)):
                    return True
        return False


def _rows(rows):
    return {tuple(_plain(value) for value in row) for row in rows}


def link_columns(through):
    """The columns of a link table beyond its two keys (``PlatformService``: ``offer_text_fi``,
    ``offer_text_sv``, ``offer_text_en``); a translated column by its languages only."""
    translated = (
        translator.get_options_for_model(through).all_fields
        if through in translator.get_registered_models()
        else {}
    )
    return [
        f.attname
        for f in through._meta.concrete_fields
        if not f.is_relation and not f.primary_key and f.name not in translated
    ]


def _plain(value):
    # A form saves an empty text as "" and line breaks as \r\n, a load None and \n: the
    # same to a reader.
    if value is None:
        return ""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _same(old, new):
    return _plain(old) == _plain(new)


def _machine_fields(model):
    """The search service's columns that ``model`` has (``search_facets`` only platforms)."""
    names = {field.name for field in model._meta.get_fields()}
    return [name for name in MACHINE_FIELDS if name in names]


def register(model, *, links=()):
    """Record the history of ``model`` and of its ``links`` (many-to-many field names).

    ``register(InnovationPlatform, links=["hosts", "priorities"])``, in ``translation.py`` after
    the model's translation registration. The untranslated base columns (``name``) are left
    out: modeltranslation fills them with whichever language was active, so only their
    per-language columns (``name_fi``, ``name_sv``, ``name_en``) say what changed.
    """
    options = translator.get_options_for_model(model)
    register_history(
        model,
        records_class=RegistryRecords,
        excluded_fields=[*_machine_fields(model), *sorted(options.all_fields)],
        m2m_fields=list(links),
        history_id_field=models.BigAutoField(primary_key=True),
    )


def hold(obj):
    """Collect the saves of ``obj`` and of its links into one record, written by ``release``.

    Returns False (and does nothing) when ``obj`` has no history or is already held.
    """
    if type(obj) not in RECORDS or HELD in obj.__dict__:
        return False
    obj.__dict__[HELD] = set()
    return True


def release(obj):
    """Write the one record of what was saved since ``hold(obj)``, if anything changed."""
    held = obj.__dict__.pop(HELD, None)
    if not held or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    records = RECORDS[type(obj)]
    if "+" in held:
        records.create_historical_record(obj, "+")
    elif records.changed(obj, links=True):
        records.create_historical_record(obj, "~")


@contextmanager
def one_record(obj):
    """``with one_record(platform): platform.save(); platform.hosts.set(hosts)`` records once."""
    if not hold(obj):
        yield
        return
    try:
        yield
    except BaseException:
        obj.__dict__.pop(HELD, None)
        raise
    release(obj)


def links_of(record):
    """The links a version had: ``{field name: [primary keys]}``, as a form's initial data."""
    model = record.instance_type
    result = {}
    for field in RECORDS[model].get_m2m_fields_from_model(model):
        target = field.m2m_reverse_field_name()
        rows = getattr(record, field.name).values_list(f"{target}_id", flat=True)
        result[field.name] = list(rows)
    return result


def link_rows_of(record):
    """The links with columns of their own a version had, as ``entry_save`` takes them:
    ``{"services": {testing: {"offer_text_fi": "…", …}}}``; a linked row deleted since is
    left out."""
    model = record.instance_type
    result = {}
    for field in RECORDS[model].get_m2m_fields_from_model(model):
        columns = link_columns(field.remote_field.through)
        if not columns:
            continue
        target = field.m2m_reverse_field_name()
        rows = list(getattr(record, field.name).all())
        linked = field.related_model._default_manager.in_bulk(
            [getattr(row, f"{target}_id") for row in rows]
        )
        result[field.name] = {
            linked[pk]: {column: getattr(row, column) for column in columns}
            for row in rows
            if (pk := getattr(row, f"{target}_id")) in linked
        }
    return result


PROPOSAL = "proposal:"


def proposal_reason(number):
    """The change reason of accepting proposal ``number``, language-neutral, shown translated."""
    return f"{PROPOSAL}{number}"


def restored_reason(record):
    """The change reason of a restore, stored language-neutral and shown translated."""
    return f"{RESTORED}{record.history_id}"


# --- what changed, for the admin's history page -------------------------------------------------


def _empty():
    return _("(empty)")


def _deleted(pk):
    return _("deleted (id %(id)s)") % {"id": pk}


def _display(field, value):
    if value is None or value == "":
        return _empty()
    if isinstance(value, DeletedObject):
        return _deleted(value.pk)
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    return str(display_for_value(value, _empty()))


def _shorten(old, new):
    """Cut long texts to the part around their first difference."""
    if len(old) <= SHOWN_CHARACTERS and len(new) <= SHOWN_CHARACTERS:
        return old, new
    pairs = zip(old, new, strict=False)
    same = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(old), len(new)))
    start = max(0, same - 40)

    def cut(text):
        part = text[start : start + SHOWN_CHARACTERS]
        return ("…" if start else "") + part + ("…" if start + SHOWN_CHARACTERS < len(text) else "")

    return cut(old), cut(new)


def _links(model, records):
    """``{history_id: {field name: {linked pk: (its name, {own column: value})}}}`` in one
    query per link field."""
    result = {record.history_id: {} for record in records}
    for field in RECORDS[model].get_m2m_fields_from_model(model):
        link_model = RECORDS[model].m2m_models[field]
        target = field.m2m_reverse_field_name()
        columns = link_columns(field.remote_field.through)
        rows = link_model.objects.filter(history_id__in=list(result)).select_related(target)
        for row in rows:
            pk = getattr(row, f"{target}_id")
            linked = getattr(row, target)
            name = str(linked) if linked is not None else _deleted(pk)
            values = {column: getattr(row, column) for column in columns}
            result[row.history_id].setdefault(field.name, {})[pk] = (name, values)
    return result


def _link_value_changes(model, name, then, now):
    """The changes of the own columns of the links kept between two records:
    ``[{"name": "services.offer_text_fi", "field": "Services: Testing – what … [fi]", …}]``."""
    through = model._meta.get_field(name).remote_field.through
    label = capfirst(model._meta.get_field(name).verbose_name)
    changes = []
    for pk in sorted(now.keys() & then.keys(), key=lambda pk: now[pk][0]):
        linked, values = now[pk]
        for column, new in values.items():
            old = then[pk][1].get(column)
            if _same(old, new):
                continue
            field = through._meta.get_field(column)
            old, new = _shorten(_display(field, old), _display(field, new))
            changes.append(
                {
                    "name": f"{name}.{column}",
                    "field": f"{label}: {linked} – {field.verbose_name}",
                    "old": old,
                    "new": new,
                }
            )
    return changes


def annotate_changes(model, records, older=None):
    """Set ``changes`` (a list, see the module docstring) and ``restored_from`` (the date of
    the version a restore brought back, or None) on each of ``records``, newest first.

    ``older`` is the record before the last one, so that it has its changes too.
    """
    records = list(records)
    chain = records + ([older] if older is not None else [])
    if not records:
        return
    link_fields = [f.name for f in RECORDS[model].get_m2m_fields_from_model(model)]
    links = _links(model, chain)
    for record in records:
        record.changes = []
    for newer, before in pairwise(chain):
        delta = newer.diff_against(before, excluded_fields=link_fields, foreign_keys_are_objs=True)
        for change in delta.changes:
            if _same(change.old, change.new):
                continue
            field = model._meta.get_field(change.field)
            old, new = _shorten(_display(field, change.old), _display(field, change.new))
            label = capfirst(field.verbose_name)
            newer.changes.append({"name": field.name, "field": label, "old": old, "new": new})
        for name in link_fields:
            then = links[before.history_id].get(name, {})
            now = links[newer.history_id].get(name, {})
            added = sorted(now[pk][0] for pk in now.keys() - then.keys())
            removed = sorted(then[pk][0] for pk in then.keys() - now.keys())
            if added or removed:
                label = capfirst(model._meta.get_field(name).verbose_name)
                newer.changes.append(
                    {"name": name, "field": label, "added": added, "removed": removed}
                )
            newer.changes.extend(_link_value_changes(model, name, then, now))
    restored = {}
    for record in records:
        reason = record.history_change_reason or ""
        number = reason[len(PROPOSAL) :]
        record.from_proposal = (
            int(number) if reason.startswith(PROPOSAL) and number.isdigit() else None
        )
        if reason.startswith(RESTORED) and reason[len(RESTORED) :].isdigit():
            restored[record.history_id] = int(reason[len(RESTORED) :])
    dates = {}
    if restored:
        versions = type(records[0])._default_manager.filter(history_id__in=restored.values())
        dates = dict(versions.values_list("history_id", "history_date"))
    for record in records:
        date = dates.get(restored.get(record.history_id))
        record.restored_from = formats.localize(timezone.localtime(date)) if date else None
