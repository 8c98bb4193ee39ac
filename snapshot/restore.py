"""Restoring a snapshot: all of it is checked first, then written in one transaction."""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from elmo import i18n
from elmo.bulk import Builder
from entries.services import entries_bulk_saved
from priorities.models import Region

from .export import BATCH, batches
from .layout import (
    BY_MODEL,
    BY_NAME,
    FORMAT,
    MACHINE_WRITTEN,
    READS,
    SECTIONS,
    SnapshotError,
    count_names,
    layout,
    plain,
    summary,
)
from .reader import read_events

MAX_ERRORS = 20
INDEX_BATCH = 1000  # entries whose search documents are built at a time (memory)


@dataclass
class ImportReport:
    """What an import wrote, and what it could not reconnect."""

    counts: dict = field(default_factory=dict)
    deleted: dict = field(default_factory=dict)  # with replace=True
    editors_not_found: set = field(default_factory=set)
    officer_regions_kept: int = 0
    officer_regions_dropped: int = 0
    indexed: int = 0


def registry_import(*, open_snapshot, replace=False):
    """Restore a snapshot into an empty registry: everything or nothing.

    ``registry_import(open_snapshot=lambda: open("registry.json", encoding="utf-8"))``.
    ``open_snapshot()`` opens the snapshot as a text stream. It is read twice, once to check
    all of it and once to write it, so that nothing is written from a faulty snapshot and the
    whole document is never in memory.

    Refuses another format or version, counts that do not match the data, a reference to a
    key the snapshot does not hold, and a registry that already has content — unless
    ``replace``, which first deletes the content the snapshot replaces. Users stay, and so do
    officers' regions the snapshot has; editors are linked again by user name. Raises
    SnapshotError naming the object. Afterwards every search document is rebuilt.

    While it runs, ``created`` and ``updated`` are written as the snapshot has them instead of
    the current time: not for a process that serves requests at the same time.
    """
    with open_snapshot() as stream:
        sections = check_snapshot(stream)
    report = ImportReport(counts={name: 0 for s in sections for name in count_names(s)})
    officers = Region.officers.through
    with transaction.atomic(), _stored_timestamps([s.model for s in sections]):
        present = {s.name: n for s in sections if (n := s.model.objects.count())}
        officer_regions = []
        if present and not replace:
            raise SnapshotError(
                f"The registry is not empty ({summary(present)}). Import into an empty "
                "database (after `migrate`), or give --replace to delete the current content "
                "first."
            )
        if present:
            officer_regions = list(officers.objects.values_list("user_id", "region__code"))
            report.deleted = _delete_content(sections)
        with _search_indexes_set_aside([s.model for s in sections]):
            keys = {section: {} for section in sections}
            with open_snapshot() as stream:
                rows = ((name, row) for kind, name, row in read_events(stream) if kind == "row")
                for name, group in groupby(rows, key=itemgetter(0)):
                    section = BY_NAME[name]
                    keys[section] = _import_section(
                        section, (row for _name, row in group), keys, report
                    )
            # Bulk inserts bypass the write path: its search and cache steps, for all of them.
            report.indexed = entries_bulk_saved(batch=INDEX_BATCH)
        region_ids = keys[BY_NAME["regions"]]
        kept = [(user, code) for user, code in officer_regions if code in region_ids]
        officers.objects.bulk_create(
            officers(user_id=user, region_id=region_ids[code]) for user, code in kept
        )
        report.officer_regions_kept = len(kept)
        report.officer_regions_dropped = len(officer_regions) - len(kept)
    return report


# --- checking ---------------------------------------------------------------------------------


def check_snapshot(stream):
    """Check a whole snapshot without writing: envelope, sections, counts, keys, references.

    Returns the sections it has; raises SnapshotError listing what is wrong, the format and
    version first.
    """
    header, order, found = {}, [], {}
    check = _RowCheck()
    for kind, name, value in read_events(stream):
        if kind == "value":
            header[name] = value
        elif kind == "data":
            _check_envelope(header, complete=False)
            header["data"] = {}
        elif kind == "section":
            order.append(name)
            if name in BY_NAME:
                found.update((count, 0) for count in count_names(BY_NAME[name]))
        elif name in BY_NAME:
            section = BY_NAME[name]
            found[name] += 1
            check.row(section, value, found[name])
            for link in layout(section).links:
                linked = value.get(link.name) if isinstance(value, dict) else None
                found[f"{name}.{link.name}"] += len(linked) if isinstance(linked, list) else 0
    _check_envelope(header, complete=True)
    problems = [f'"{key[5:]}" is not a list' for key in header if key.startswith("data.")]
    problems += [f'unknown section "{name}"' for name in order if name not in BY_NAME]
    problems += [
        f'the section "{name}" comes twice' for name in set(order) if order.count(name) > 1
    ]
    missing = [s.name for s in SECTIONS if not s.optional and s.name not in order]
    if missing:
        problems.append(f"sections missing: {', '.join(missing)}")
    known = [SECTIONS.index(BY_NAME[name]) for name in order if name in BY_NAME]
    if known != sorted(known):
        problems.append(
            "the sections must come in the order " + ", ".join(s.name for s in SECTIONS)
        )
    if problems:  # the rows' references cannot be judged in sections out of order
        _refuse(problems)
    counts = header["counts"]
    problems += [
        f"{name}: counts say {counts.get(name)}, the data holds {found.get(name)}"
        for name in [*found, *(name for name in counts if name not in found)]
        if counts.get(name) != found.get(name)
    ]
    problems += check.errors
    if problems:
        _refuse(problems)
    return [s for s in SECTIONS if s.name in order]


def _refuse(problems):
    more = " (and possibly more)" if len(problems) > MAX_ERRORS else ""
    raise SnapshotError(
        f"The snapshot cannot be imported{more}:\n  " + "\n  ".join(problems[:MAX_ERRORS])
    )


def _check_envelope(header, *, complete):
    """The format and version, as soon as they are known; the rest once all is read."""
    if (complete or "format" in header) and header.get("format") != FORMAT:
        raise SnapshotError(f'This is not an ELMO registry snapshot (no "format": "{FORMAT}").')
    version = header.get("version")
    # bool is a kind of int, and True == 1: not a version.
    if (complete or "version" in header) and (type(version) is not int or version not in READS):
        readable = " and ".join(str(n) for n in READS)
        raise SnapshotError(
            f"The snapshot is format version {version!r}; this installation reads versions "
            f"{readable}."
        )
    if complete and not isinstance(header.get("data"), dict):
        raise SnapshotError('The snapshot has no "data" object.')
    if complete and not isinstance(header.get("counts"), dict):
        raise SnapshotError('The snapshot has no "counts" object.')


class _RowCheck:
    """Keys and references of each row, against the rows of the sections before it."""

    def __init__(self):
        self.keys = defaultdict(set)
        self.errors = []

    def row(self, section, row, number):
        if len(self.errors) > MAX_ERRORS:
            return
        label = _label(section, row, number)
        if not isinstance(row, dict):
            self.errors.append(f"{label}: not an object")
            return
        spec = layout(section)
        unknown = sorted(set(row) - spec.names)
        if unknown:
            self.errors.append(f"{label}: unknown fields {', '.join(unknown)}")
        if section.key:
            key = row.get(section.key)
            if not isinstance(key, str) or not key:
                self.errors.append(f"{label}: no {section.key}")
            elif key in self.keys[section]:
                self.errors.append(f"{label}: a second {section.one} with this {section.key}")
            else:
                self.keys[section].add(key)
        for kind, name, f in spec.fields:
            target = row.get(name)
            if kind == "ref" and target is not None:
                self.reference(label, name, BY_MODEL[f.related_model], target)
        for link in spec.links:
            linked = row.get(link.name, [])
            if not isinstance(linked, list) or not all(isinstance(k, str) for k in linked):
                self.errors.append(f"{label}: {link.name} must be a list of keys")
            elif len(set(linked)) != len(linked):
                self.errors.append(f"{label}: {link.name}: a key is listed twice")
            else:
                if link.section is not None:
                    for key in linked:
                        self.reference(label, link.name, link.section, key)
                for member in link.text_members.values():
                    if member in row:
                        self.link_texts(label, member, row[member], link.name, linked)

    def link_texts(self, label, member, texts, name, linked):
        """A member with the texts of links: ``{linked key: {"fi": …, "sv": …, "en": …}}``,
        each key one of the row's links ``name``."""
        if not isinstance(texts, dict):
            self.errors.append(f"{label}: {member} must be an object of {name} keys")
            return
        for key, text in texts.items():
            if key not in linked:
                self.errors.append(f"{label}: {member}: {key!r} is not one of its {name}")
            elif not _is_text_object(text):
                self.errors.append(
                    f"{label}: {member}: {key!r}: must be an object with the languages "
                    f"{', '.join(i18n.LANGUAGES)}, each a text or null"
                )

    def reference(self, label, name, target, key):
        if not isinstance(key, str) or key not in self.keys[target]:
            self.errors.append(f"{label}: {name}: there is no {target.one} {key!r}")


def _is_text_object(value):
    return (
        isinstance(value, dict)
        and set(value) <= set(i18n.LANGUAGES)
        and all(text is None or isinstance(text, str) for text in value.values())
    )


def _label(section, row, number):
    key = row.get(section.key) if section.key and isinstance(row, dict) else None
    return f"{section.name} {key!r}" if isinstance(key, str) else f"{section.name} #{number}"


# --- writing --------------------------------------------------------------------------------


def _delete_content(sections):
    """Delete the rows the snapshot replaces, the referring sections first.

    Django's delete, so that a row something else still protects stops the import.
    """
    deleted = {}
    for section in reversed(sections):
        ids = list(section.model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            try:
                section.model.objects.filter(pk__in=ids[start : start + BATCH]).delete()
            except ProtectedError as error:
                blockers = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
                raise SnapshotError(
                    f"The current {section.name} cannot be deleted: {', '.join(blockers)} "
                    "still refer to them."
                ) from error
        deleted[section.name] = len(ids)
    return deleted


def _import_section(section, rows, keys, report):
    """Create the rows of one section and their links in batches; return ``{key: id}``."""
    spec = layout(section)
    build = Builder(section.model)
    link_builds = {link.name: Builder(link.through) for link in spec.links}
    users = {}
    own_keys = {}
    number = 0
    for batch in batches(rows, BATCH):
        objects = []
        for row in batch:
            number += 1
            objects.append(build(**_row_values(section, spec, row, number, keys)))
        first = number - len(batch) + 1
        _bulk_create(section, section.model, objects, batch, first)
        if section.key:
            if any(obj.pk is None for obj in objects):  # a database that returns no ids
                created = [row[section.key] for row in batch]
                own_keys.update(
                    plain(section.model)
                    .filter(**{f"{section.key}__in": created})
                    .values_list(section.key, "pk")
                )
            else:
                own_keys.update(
                    (row[section.key], obj.pk) for row, obj in zip(batch, objects, strict=True)
                )
        for link in spec.links:
            if link.section is None:
                targets = _users(batch, link, users, report)
            else:
                targets = keys[link.section]
            build_link = link_builds[link.name]
            links = []
            for offset, row in enumerate(batch):
                texts = _link_texts(section, link, row, first + offset)
                source = own_keys[row[section.key]]
                links += [
                    build_link(
                        **{link.source: source, link.target: targets[key]}, **texts.get(key, {})
                    )
                    for key in row.get(link.name, [])
                    if key in targets
                ]
            _bulk_create(section, link.through, links, batch, first)
            report.counts[f"{section.name}.{link.name}"] += len(links)
        report.counts[section.name] += len(batch)
    return own_keys


def _users(batch, link, users, report):
    """``users`` ({user name: id}) with the editors named in ``batch`` that exist here."""
    User = get_user_model()
    names = {name for row in batch for name in row.get(link.name, [])}
    names -= users.keys() | report.editors_not_found
    if names:
        lookup = {f"{User.USERNAME_FIELD}__in": names}
        users.update(User.objects.filter(**lookup).values_list(User.USERNAME_FIELD, "pk"))
        report.editors_not_found |= names - users.keys()
    return users


def _bulk_create(section, model, objects, rows, first):
    try:
        model.objects.bulk_create(objects, batch_size=BATCH)
    except DatabaseError as error:
        start = _label(section, rows[0], first)
        end = _label(section, rows[-1], first + len(rows) - 1).removeprefix(section.name)
        # PostgreSQL's detail of a failing row lists every column of it: not helpful here.
        lines = str(error).strip().splitlines()
        reason = "\n".join(line for line in lines if not line.startswith("DETAIL:  Failing row"))
        raise SnapshotError(f"The database refused one of {start} …{end}: {reason}") from error


def _row_values(section, spec, row, number, keys):
    """The model field values of one snapshot object."""
    values = {}
    for kind, name, f in spec.fields:
        try:
            if name not in row:
                value = _missing(f)
            elif kind == "text":
                texts = _texts(f, row[name])
                values.update(i18n.to_columns(texts, name, keep_empty=True))
                value = _first_text(texts)
            elif kind == "ref":
                target = row[name]
                value = None if target is None else keys[BY_MODEL[f.related_model]][target]
            else:
                value = _decode(f, row[name])
        except (ValidationError, ValueError, TypeError) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise SnapshotError(f"{_label(section, row, number)}: {name}: {message}") from error
        values[f.attname] = value
    return values


def _link_texts(section, link, row, number):
    """The translated columns of the links ``link`` of one snapshot object, by linked key:
    ``{"testing": {"offer_text_fi": "…", "offer_text_sv": None, "offer_text_en": "…",
    "offer_text": "…"}}``; a link without texts is not in it (its columns keep their
    defaults)."""
    values = defaultdict(dict)
    for column, member in link.text_members.items():
        f = link.through._meta.get_field(column)
        for key, given in row.get(member, {}).items():
            try:
                texts = _texts(f, given)
            except (ValidationError, ValueError, TypeError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                label = _label(section, row, number)
                raise SnapshotError(f"{label}: {member}: {key!r}: {message}") from error
            values[key].update(i18n.to_columns(texts, column, keep_empty=True))
            values[key][f.attname] = _first_text(texts)
    return values


def _first_text(texts):
    """What modeltranslation's column without a language gets: the text of the first language
    that has one, else "" (nothing reads it, and it may not be null)."""
    return next((texts[c] for c in i18n.LANGUAGES if texts.get(c)), "")


def _texts(f, value):
    if not isinstance(value, dict) or not set(value) <= set(i18n.LANGUAGES):
        raise ValueError(f"must be an object with the languages {', '.join(i18n.LANGUAGES)}")
    return {code: None if text is None else _decode(f, text) for code, text in value.items()}


def _missing(f):
    """The value of a field an object leaves out: its default, where it may have one."""
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return timezone.now()
    if f.has_default() or f.null or f.blank:
        return f.get_default()
    raise ValueError("missing")


def _decode(f, value):
    """A JSON value as the field's Python value. Types are checked and the rest is left to the
    database's constraints, so that whatever the registry held can be restored."""
    if value is None:
        if not f.null:
            raise ValueError("may not be null")
        return None
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.CharField | models.TextField) and not isinstance(value, str):
        raise ValueError("must be a string")
    if isinstance(f, models.BooleanField) and not isinstance(value, bool):
        raise ValueError("must be true or false")
    value = f.to_python(value)
    if isinstance(f, models.CharField) and f.max_length and len(value) > f.max_length:
        raise ValueError(f"longer than {f.max_length} characters")
    return value


@contextmanager
def _stored_timestamps(model_list):
    """Let ``bulk_create`` write the snapshot's ``created`` and ``updated`` times.

    Django sets ``auto_now``/``auto_now_add`` fields to the current time on every insert, with
    no way to pass a value; the flags are lifted for the duration and restored after.
    """
    fields = [
        f
        for model in model_list
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@contextmanager
def _search_indexes_set_aside(model_list):
    """Drop the indexes of the search documents while the rows are written and indexed, and
    create them again after: one CREATE INDEX costs a fraction of updating a GIN index
    row by row (an import of 10 000 platforms: 19 s instead of 32 s).

    PostgreSQL only, inside the import's transaction: a failure brings the indexes back with
    everything else. Readers of the tables wait until the import commits.
    """
    tables = [
        model._meta.db_table
        for model in model_list
        if any(f.name in MACHINE_WRITTEN for f in model._meta.fields)
    ]
    if connection.vendor != "postgresql" or not tables:
        yield
        return
    # No index can be dropped or created while deferred constraint checks are pending.
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef ~ %s",
            [tables, "|".join(sorted(MACHINE_WRITTEN))],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    connection.check_constraints()
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
