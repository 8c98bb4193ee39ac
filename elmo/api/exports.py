"""The exports of the platform and cluster lists (``?format=csv``, ``?format=geojson``).

An export holds every match, without paging — partners mirror the whole filtered set — and at
20 000 platforms that is 20–60 MB. Built as the JSON list is built (model instances, related
managers and a nested serializer for every entry and link, then the whole file as one string),
one export took 20–60 s and over 1 GB of memory and held a synchronous worker all that time,
and a random extra parameter made every request compute it again. So an export is made
differently, and each step answers one of those costs:

- **Streamed in batches** (memory): the ids of the matches are read first, in the list's order
  (a few bytes each), then ``BATCH`` entries at a time are read, turned into JSON and written
  out, so memory holds one batch whatever the number of matches.
- **Narrow rows** (time per row): a batch is one ``values()`` query for the entries and one per
  relation — the relations and their querysets (only published members, say) are the list
  queryset's own prefetches — and each value becomes JSON through the serializer's own field
  (``to_representation``, ``fields.translated``), not through DRF's per-object machinery.
  The rows are the JSON list's, value for value (``tests/api/test_api_exports.py``).
- **Made once per content version** (repeats): an anonymous export is also written to a file
  named by the content token (``elmo.cache``) and by what shapes it — address, format,
  ``include``, ``lang``, the filters and ordering, the language, not any other parameter — and
  served from that file until the content changes. A new content version removes the files of
  older ones, and at most ``EXPORT_CACHE_FILES`` files are kept per version, so that varied
  filters cannot fill the disk. Staff, who also see drafts, always get a fresh export.

An export that fails after its first bytes were sent cannot become an error answer any more:
the connection is closed and the client has a truncated file. Bad parameters are found before
(``ExportMixin``) and answered with JSON.
"""

import contextlib
import hashlib
import json
import logging
import re
import shutil
import uuid
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from rest_framework.fields import CharField
from rest_framework.relations import ManyRelatedField, SlugRelatedField
from rest_framework.serializers import ListSerializer

from elmo import i18n
from elmo.addresses import page_address
from elmo.cache import anonymous_read, content_token

from .fields import TranslatedField, translated
from .serializers import PageUrlField

logger = logging.getLogger(__name__)

# zlib's window bits for the gzip format, and how Django's GZipMiddleware reads Accept-Encoding.
GZIP_WINDOW = 16 + zlib.MAX_WBITS
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Entries read and written at once: large enough that the queries per batch cost little per
# entry, small enough that a batch takes little memory.
BATCH = 500


class RowPlan:
    """How a serializer's JSON of one object is made from ``values()`` rows.

    ``columns`` are the object's own columns and ``relations`` the columns of the objects each
    relation links to; ``fetch`` reads them for a batch of objects, and ``represent(row,
    batch)`` makes the JSON of one. A field the plan cannot read from rows is an
    ``ImproperlyConfigured`` error, found by the first export.
    """

    def __init__(self, serializer, model):
        self.model = model
        self.columns = {"pk"}
        self.relations = {}
        self.readers = [
            (name, self.reader(serializer, name, field))
            for name, field in serializer.fields.items()
        ]

    def represent(self, row, batch):
        return {name: read(row, batch) for name, read in self.readers}

    def reader(self, serializer, name, field):
        if isinstance(field, TranslatedField):
            columns = i18n.columns_by_language(field.column)
            self.columns.update(columns.values())
            language = serializer.context.get("lang")
            return lambda row, batch: translated(
                {code: row[c] for code, c in columns.items()}, language
            )
        if isinstance(field, PageUrlField):
            self.columns.add("slug")
            with translation.override(serializer.context.get("page_language") or i18n.DEFAULT):
                address = page_address(self.model)
            host = field.to_representation("/").removesuffix("/")  # PageUrlField's absolute form
            return lambda row, batch: host + address(row["slug"])
        if isinstance(field, ManyRelatedField) and isinstance(
            field.child_relation, SlugRelatedField
        ):
            relation, slug = field.source, field.child_relation.slug_field
            self.relations.setdefault(relation, {"pk"}).add(slug)
            return lambda row, batch: [linked[slug] for linked in batch.linked(relation, row["pk"])]
        if isinstance(field, SlugRelatedField):
            column = f"{field.source}__{field.slug_field}"
            self.columns.add(column)
            return lambda row, batch: row[column]
        if isinstance(field, ListSerializer):
            # Rows of a relation, each as its own serializer makes it (a platform's services
            # with what it offers of each).
            relation = field.source
            plan = RowPlan(field.child, _relation(self.model, relation).related_model)
            self.relations.setdefault(relation, {"pk"}).update(plan.columns)
            return lambda row, batch: [
                plan.represent(linked, batch) for linked in batch.linked(relation, row["pk"])
            ]
        if name == "embedded":
            return self.embedded_reader(serializer)
        model_field = self.model._meta.get_field(field.source) if field.source else None
        if model_field is None or not model_field.concrete or model_field.is_relation:
            raise ImproperlyConfigured(f"{type(serializer).__name__}.{name} cannot be exported.")
        column = field.source
        self.columns.add(column)
        if type(field).to_representation is CharField.to_representation:
            # str() of a text is the text; an empty one is null (RegistrySerializer).
            return lambda row, batch: row[column] or None
        # Any other empty value (a choice left blank) is null as well, as the serializer has it.
        return lambda row, batch: (
            None if row[column] in (None, "") else field.to_representation(row[column])
        )

    def embedded_reader(self, serializer):
        """``embedded``: the related objects asked for with ``?include=`` (RegistrySerializer)."""
        parts = []
        for include in sorted(serializer.context.get("include", ())):
            relation, serializer_class = serializer.embeddable[include]
            field = self.model._meta.get_field(relation)
            plan = RowPlan(serializer_class(context=serializer.context), field.related_model)
            self.relations.setdefault(relation, {"pk"}).update(plan.columns)
            parts.append((include, relation, plan, field.many_to_many or field.one_to_many))

        def read(row, batch):
            embedded = {}
            for include, relation, plan, many in parts:
                objects = batch.represented(relation, row["pk"], plan)
                embedded[include] = objects if many else (objects[0] if objects else None)
            return embedded

        return read

    def fetch(self, queryset, ids):
        """The ``Batch`` of the objects ``ids``: their rows and the rows they link to.

        The linked objects are read as ``queryset`` prefetches them (a ``Prefetch`` may keep
        only the published ones), in the same order.
        """
        prefetched = {
            lookup.prefetch_through: lookup.queryset
            for lookup in queryset._prefetch_related_lookups
            if isinstance(lookup, Prefetch) and lookup.queryset is not None
        }
        batch = Batch(
            _rows(self.model._default_manager.order_by().filter(pk__in=ids), self.columns)
        )
        for relation, columns in self.relations.items():
            field = _relation(self.model, relation)
            # The name by which the linked model reaches back to this one.
            back = field.field.name if field.auto_created else field.related_query_name()
            linked = prefetched.get(relation, field.related_model._default_manager.all())
            batch.add(
                relation, back, _rows(linked.filter(**{f"{back}__in": ids}), {back, *columns})
            )
        return batch


def _relation(model, name):
    """The relation of ``model`` named ``name``, or reached by the accessor ``name``
    (``platformservice_set``)."""
    for field in model._meta.related_objects:
        if field.get_accessor_name() == name:
            return field
    return model._meta.get_field(name)


def _rows(queryset, columns):
    # modeltranslation's values() would also work out every translated field's fallback; the
    # plans name each language's column themselves.
    values = getattr(queryset, "raw_values", queryset.values)
    return values(*columns)


class Batch:
    """The rows of a batch of objects, and of the objects each one links to."""

    def __init__(self, rows):
        self.rows = {row["pk"]: row for row in rows}
        self.links = {}  # relation -> owner's id -> linked ids, in order
        self.targets = {}  # relation -> linked id -> row
        self.representations = {}  # (relation, linked id) -> JSON, made once per batch

    def add(self, relation, back, rows):
        links, targets = self.links[relation], self.targets[relation] = {}, {}
        for row in rows:
            links.setdefault(row.pop(back), []).append(row["pk"])
            targets[row["pk"]] = row

    def linked(self, relation, owner):
        targets = self.targets[relation]
        return [targets[pk] for pk in self.links[relation].get(owner, ())]

    def represented(self, relation, owner, plan):
        """The JSON of the objects ``owner`` links to: the organisations hosting a batch of
        platforms are few, and each is made once."""
        made = self.representations
        for pk in self.links[relation].get(owner, ()):
            if (relation, pk) not in made:
                made[relation, pk] = plan.represent(self.targets[relation][pk], self)
        return [made[relation, pk] for pk in self.links[relation].get(owner, ())]


def batches(plan, queryset, language):
    """The API's JSON of every entry of ``queryset``, in its order, as lists of ``BATCH``.

    ``language`` is the request's: the entries and the objects they link to are ordered by
    their names in it, as in the list. (A streamed export is read after the request's own
    language was put back.)
    """
    with translation.override(language):
        ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with translation.override(language):
            batch = plan.fetch(queryset, chunk)
        yield [plan.represent(batch.rows[pk], batch) for pk in chunk]


def export(request, queryset, serializer, shape):
    """The export of ``queryset`` in the request's format: from its file, or streamed.

    ``shape`` is what makes this export differ from others of the same list (a JSON-able
    value): the parameters the endpoint reads, not any other.
    """
    renderer = request.accepted_renderer
    content_type = renderer.media_type + (
        f"; charset={renderer.charset}" if renderer.charset else ""
    )
    plan = RowPlan(serializer, queryset.model)
    language = translation.get_language()
    if anonymous_read(request):
        response = _kept(request, renderer, content_type, shape, plan, queryset, language)
    else:  # staff also see drafts: never kept
        response = StreamingHttpResponse(
            renderer.chunks(batches(plan, queryset, language)), content_type=content_type
        )
    filename = f"{request.path.rstrip('/').rsplit('/', 1)[-1]}.{renderer.format}"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def _kept(request, renderer, content_type, shape, plan, queryset, language):
    """The anonymous export from its file of this content version, or streamed and kept."""
    token = content_token()
    address = request.build_absolute_uri(request.path)
    name = hashlib.sha256(
        json.dumps([address, language, renderer.format, shape]).encode()
    ).hexdigest()
    path = _directory(token) / f"{name}.{renderer.format}.gz"
    # The file is kept compressed: sent as it is to the many clients that take gzip (the API
    # would otherwise compress tens of megabytes again for each), inflated for the others.
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    try:
        file = path.open("rb")
    except OSError:
        chunks = _saved(renderer.chunks(batches(plan, queryset, language)), path, send_gzip=gzip)
        response = StreamingHttpResponse(chunks, content_type=content_type)
    else:
        if gzip:
            response = FileResponse(file, content_type=content_type)
        else:
            response = StreamingHttpResponse(_inflated(file), content_type=content_type)
    if gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    # Weak: the same export, whether compressed or not.
    response["ETag"] = f'W/"{hashlib.sha256(f"{token}:{name}".encode()).hexdigest()[:32]}"'
    return response


def _directory(token):
    """The folder of the exports of content version ``token``; made with the version's first
    export, which also removes the folders of older versions."""
    root = Path(settings.EXPORT_CACHE_DIR)
    directory = root / str(token)
    try:
        directory.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return directory
    except OSError as error:
        logger.warning("Exports cannot be kept in %s: %s", directory, error)
        return directory
    for other in root.iterdir():
        if other != directory:
            shutil.rmtree(other, ignore_errors=True)
    return directory


def _saved(chunks, path, *, send_gzip):
    """``chunks`` (gzipped if ``send_gzip``), also written gzipped to the file ``path`` once
    all of them were sent — unless the folder holds ``EXPORT_CACHE_FILES`` exports already or
    cannot be written."""
    part = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    try:
        full = len(list(path.parent.glob(f"*{path.suffix}"))) >= settings.EXPORT_CACHE_FILES
        file = None if full else part.open("xb")
    except OSError:
        file = None
    compressor = zlib.compressobj(6, zlib.DEFLATED, GZIP_WINDOW)
    try:
        for chunk in chunks:
            packed = compressor.compress(chunk) if file or send_gzip else b""
            file = _written(file, packed)
            if send_gzip:
                if packed:
                    yield packed
            else:
                yield chunk
        tail = compressor.flush()
        file = _written(file, tail)
        if send_gzip:
            yield tail
        if file is not None:
            file.close()
            file = None
            with contextlib.suppress(OSError):  # a newer version removed the folder meanwhile
                part.replace(path)
    finally:
        if file is not None:
            file.close()
        part.unlink(missing_ok=True)


def _written(file, data):
    """``file`` after writing ``data`` to it, or ``None`` if it cannot be written any more (a
    full disk): the client still gets the whole export."""
    if file is None:
        return None
    try:
        file.write(data)
    except OSError:
        file.close()
        return None
    return file


def _inflated(file):
    """The export in the gzipped ``file``, for a client that does not take gzip."""
    decompressor = zlib.decompressobj(GZIP_WINDOW)
    with file:
        for block in iter(lambda: file.read(1 << 16), b""):
            yield decompressor.decompress(block)
    yield decompressor.flush()
