"""Writing a snapshot: the envelope, then every section's rows, one row a line."""

import datetime
import decimal
import json
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from elmo import i18n

from .layout import BY_MODEL, FORMAT, SECTIONS, VERSION, count_names, layout, plain

BATCH = 2000


def registry_export(out, *, feedback=False):
    """Write the snapshot to the text stream ``out`` and return its counts.

    ``registry_export(sys.stdout, feedback=True)``. The rows are read in batches, so memory
    does not grow with the registry; on PostgreSQL one REPEATABLE READ transaction makes the
    counts and every section show the same moment while officers keep working.
    """
    sections = [s for s in SECTIONS if feedback or not s.optional]
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = {}
        for section in sections:
            models = [section.model, *(link.through for link in layout(section).links)]
            for name, model in zip(count_names(section), models, strict=True):
                counts[name] = model._default_manager.count()
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported": timezone.now().isoformat(),
            "counts": counts,
        }
        # One row a line: a snapshot reads and compares well in an editor or with diff.
        out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n"data": {\n')
        keys = {}
        for number, section in enumerate(sections):
            out.write(f"{json.dumps(section.name)}: [")
            separator = "\n"
            for row in _rows(section, keys):
                out.write(separator + json.dumps(row, ensure_ascii=False))
                separator = ",\n"
            out.write("\n]" + (",\n" if number < len(sections) - 1 else "\n"))
        out.write("}}\n")
    return counts


def _rows(section, keys):
    """The rows of ``section`` as snapshot objects; records their keys in ``keys``."""
    spec = layout(section)
    columns = ["pk"]
    for kind, name, f in spec.fields:
        columns += list(i18n.columns(name)) if kind == "text" else [f.attname]
    own_keys = keys[section] = {}
    rows = plain(section.model).order_by("pk").values_list(*columns)
    for batch in batches(rows.iterator(chunk_size=BATCH), BATCH):
        ids = [row[0] for row in batch]
        linked = {link.name: _linked(link, ids, keys) for link in spec.links}
        for row in batch:
            values = dict(zip(columns, row, strict=True))
            obj = {}
            for kind, name, f in spec.fields:
                if kind == "text":
                    obj[name] = i18n.to_object(values, name, keep_empty=True)
                elif kind == "ref":
                    target = values[f.attname]
                    obj[name] = None if target is None else keys[BY_MODEL[f.related_model]][target]
                else:
                    obj[name] = _encode(values[f.attname])
            for link in spec.links:
                keys_of, texts = linked[link.name]
                obj[link.name] = keys_of.get(values["pk"], [])
                for column, member in link.text_members.items():
                    if values["pk"] in texts[column]:
                        obj[member] = texts[column][values["pk"]]
            if section.key:
                own_keys[values["pk"]] = obj[section.key]
            yield obj


def _linked(link, ids, keys):
    """The links of the rows ``ids``: ``{row id: [linked keys in the order they were
    linked]}``, and for each translated column of the link table ``{row id: {linked key:
    {"fi": …, "sv": …, "en": …}}}`` with the links that have a text in some language."""
    rows = plain(link.through).filter(**{f"{link.source}__in": ids}).order_by("pk")
    if link.section is None:
        target = f"{link.target_field}__{get_user_model().USERNAME_FIELD}"
        target_keys = None
    else:
        target, target_keys = link.target, keys[link.section]
    text_columns = i18n.columns(*link.texts)
    linked = defaultdict(list)
    texts = {column: defaultdict(dict) for column in link.texts}
    for source, target_value, *text_values in rows.values_list(link.source, target, *text_columns):
        key = target_value if target_keys is None else target_keys[target_value]
        linked[source].append(key)
        values = dict(zip(text_columns, text_values, strict=True))
        for column in link.texts:
            text = i18n.to_object(values, column, keep_empty=True)
            if any(text.values()):
                texts[column][source][key] = text
    return linked, texts


def _encode(value):
    if isinstance(value, datetime.date):  # and datetime: ISO 8601, with the UTC offset
        return value.isoformat()
    if isinstance(value, decimal.Decimal):  # as written, not as a binary fraction
        return str(value)
    return value


def batches(iterable, size):
    """Lists of ``size`` items of ``iterable`` (the last one shorter)."""
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
