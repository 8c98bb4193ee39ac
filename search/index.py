"""The search document: weighted text of an entry, and of what it links to, in three languages.

Weights: A names; B keywords and services; C summaries, host organisations, towns, partners;
D descriptions, equipment, access terms, regions and priorities. Finnish text is lemmatised
(``search.finnish``) before PostgreSQL's ``finnish`` stemmer, so inflected forms and compound
parts match. Each row gets three columns (``COLUMNS``):

- ``search_document``: all of it;
- ``search_head``: its names, keywords and services (weights A and B) alone, small enough to be
  read quickly for a broad search's candidates;
- ``search_quality``: how much of the entry a company can act on is filled in (``QUALITY``),
  which orders entries that match a broad search equally well.

The words of names and keywords also go into the vocabulary of near misses
(``search.models.SearchWord``). All of it is written by ``reindex`` — called by every write
path (admin, API, ``load_ip_area``) after an entry or something it shows has changed — and by
``rebuild_index``.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import connection

from .finnish import index_text

COLUMNS = ("search_document", "search_head", "search_quality")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONFIG = {"fi": "elmo_fi", "sv": "elmo_sv", "en": "elmo_en"}
WEIGHTS = "ABCD"
HEAD = "AB"
BATCH = 500
WORD = re.compile(r"[^\W\d_]{3,100}", re.UNICODE)

# What a company can act on, per kind of entry: among equally good matches of a broad search,
# an entry with more of these filled in comes first.
QUALITY = {
    "innovationplatform": [
        "name_sv", "name_en", "summary_sv", "summary_en", "description_fi", "keywords_fi",
        "equipment_fi", "access_terms_fi", "website", "contact_email", "contact_phone",
        "latitude", "services", "hosts", "priorities",
    ],
    "cluster": [
        "name_sv", "name_en", "summary_sv", "summary_en", "description_fi", "website",
        "contact_email", "contact_phone", "coordinator", "members", "partners", "priorities",
    ],
    "organisation": ["name_sv", "name_en", "website", "business_id", "region"],
}  # fmt: skip


def _text(obj, field, language):
    return getattr(obj, f"{field}_{language}", None) or ""


def _names(objects, language):
    return [_text(obj, "name", language) for obj in objects]


def platform_document(platform, language):
    return {
        "A": [_text(platform, "name", language)],
        "B": [_text(platform, "keywords", language), *_names(platform.services.all(), language)],
        "C": [
            _text(platform, "summary", language),
            _text(platform, "town", language),
            *_names(platform.hosts.all(), language),
        ],
        "D": [
            _text(platform, "description", language),
            _text(platform, "equipment", language),
            _text(platform, "access_terms", language),
            _text(platform.region, "name", language),
            *_names(platform.priorities.all(), language),
        ],
    }


def cluster_document(cluster, language):
    # Only published members: a cluster must not be found by the name of a draft.
    members = [m for m in cluster.members.all() if m.status == "published"]
    return {
        "A": [_text(cluster, "name", language)],
        "B": [*_names(cluster.ecosystems.all(), language)],
        "C": [
            _text(cluster, "summary", language),
            *_names([cluster.coordinator] if cluster.coordinator else [], language),
            *_names(cluster.partners.all(), language),
            *_names(members, language),
        ],
        "D": [
            _text(cluster, "description", language),
            _text(cluster.region, "name", language),
            *_names(cluster.other_regions.all(), language),
            *_names(cluster.priorities.all(), language),
        ],
    }


def organisation_document(organisation, language):
    region = [_text(organisation.region, "name", language)] if organisation.region else []
    return {"A": [_text(organisation, "name", language)], "B": [], "C": region, "D": []}


# The document of each kind of entry, and the relations it reads.
DOCUMENTS = {
    "innovationplatform": (platform_document, ["services", "hosts", "priorities", "region"]),
    "cluster": (
        cluster_document,
        [
            "ecosystems",
            "partners",
            "members",
            "other_regions",
            "priorities",
            "region",
            "coordinator",
        ],
    ),
    "organisation": (organisation_document, ["region"]),
}


def _filled(obj, name):
    value = getattr(obj, name)
    if hasattr(value, "all"):  # a relation, prefetched
        return bool(value.all())
    return value not in (None, "")


def quality(obj):
    """How many of the things a company can act on the entry has: ``QUALITY``."""
    return sum(_filled(obj, name) for name in QUALITY[obj._meta.model_name])


def _row(obj, builder):
    """The values of one row of the update, and the words of its names and keywords."""
    values, words = [obj.pk, quality(obj)], set()
    for language in LANGUAGES:
        document = builder(obj, language)
        for weight in WEIGHTS:
            text = " ".join(t for t in document[weight] if t)
            text = index_text(text) if language == "fi" else text
            values.append(text)
            if weight in HEAD:
                words.update(word.lower() for word in WORD.findall(text))
    return values, words


def _update_sql(table, rows):
    columns = ["id", "quality"] + [f"t_{code}_{w}" for code in LANGUAGES for w in WEIGHTS]
    # One document holds all three languages, each part stemmed by its own language's rules,
    # so a query whose words are in different languages (a Swedish town name and an English
    # word) still matches.
    parts = [
        f"setweight(to_tsvector('{CONFIG[code]}', v.t_{code}_{w}), '{w}')"
        for code in LANGUAGES
        for w in WEIGHTS
    ]
    head = "{" + ",".join(HEAD.lower()) + "}"
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    sql = (
        f"UPDATE {table} AS t SET search_document = d.document, "
        f"search_head = ts_filter(d.document, '{head}'), search_quality = d.quality "
        f"FROM (SELECT v.id::bigint AS id, v.quality::smallint AS quality, "
        f"{' || '.join(parts)} AS document "
        f"FROM (VALUES {placeholders}) AS v({', '.join(columns)})) AS d WHERE t.id = d.id"
    )
    params = [value for row in rows for value in row]
    return sql, params


def vocabulary():
    return apps.get_model("search", "SearchWord")


def add_words(words):
    """Add words to the vocabulary of near misses (those it has are left as they are)."""
    if words:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {vocabulary()._meta.db_table} (word) SELECT unnest(%s::text[]) "
                "ON CONFLICT DO NOTHING",
                [sorted(words)],
            )


def reindex(queryset, *, words=None):
    """Rewrite the search columns of the rows of ``queryset`` (PostgreSQL; SQLite needs none).

    ``reindex(InnovationPlatform.objects.filter(pk=platform.pk))``. The words of their names and
    keywords are added to the vocabulary, or to the set ``words`` when one is given.
    """
    if connection.vendor != "postgresql":
        return 0
    model = queryset.model
    builder, related = DOCUMENTS[model._meta.model_name]
    single = [r for r in related if r in ("region", "coordinator")]
    many = [r for r in related if r not in single]
    queryset = queryset.select_related(*single).prefetch_related(*many).order_by("pk")
    done = 0
    objects = list(queryset)
    found = set() if words is None else words
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = []
            for obj in objects[start : start + BATCH]:
                values, row_words = _row(obj, builder)
                rows.append(values)
                found |= row_words
            sql, params = _update_sql(model._meta.db_table, rows)
            cursor.execute(sql, params)
            done += len(rows)
    if words is None:
        add_words(found)
    return done


def rebuild_index(queryset=None, *, stdout=None, batch=5000):
    """Rewrite every search document (or those of ``queryset``), in batches by id.

    A rebuild of everything also prunes the vocabulary to the words entries have now.
    """
    querysets = (
        [queryset]
        if queryset is not None
        else [
            apps.get_model("platforms", "InnovationPlatform").objects.all(),
            apps.get_model("clusters", "Cluster").objects.all(),
            apps.get_model("platforms", "Organisation").objects.all(),
        ]
    )
    total = 0
    words = set()
    for qs in querysets:
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            batch_words = set()
            total += reindex(
                qs.model.objects.filter(pk__in=ids[start : start + batch]), words=batch_words
            )
            add_words(batch_words - words)
            words |= batch_words
            if stdout is not None:
                stdout.write(f"{qs.model._meta.verbose_name_plural}: {total} indexed")
    if queryset is None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {vocabulary()._meta.db_table} WHERE NOT (word = ANY(%s::text[]))",
                [sorted(words)],
            )
    return total


def reindex_for(obj):
    """Rewrite the documents that show ``obj``: the entry itself and the entries linking to it."""
    Platform = apps.get_model("platforms", "InnovationPlatform")
    Cluster = apps.get_model("clusters", "Cluster")
    Organisation = apps.get_model("platforms", "Organisation")
    name = obj._meta.model_name
    if name == "innovationplatform":
        reindex(Platform.objects.filter(pk=obj.pk))
        reindex(Cluster.objects.filter(members=obj))
    elif name == "cluster":
        reindex(Cluster.objects.filter(pk=obj.pk))
    elif name == "organisation":
        reindex(Organisation.objects.filter(pk=obj.pk))
        reindex(Platform.objects.filter(hosts=obj))
        reindex(Cluster.objects.filter(pk__in=Cluster.objects.filter(partners=obj).values("pk")))
        reindex(Cluster.objects.filter(coordinator=obj))
    elif name in ("service", "priority", "region", "industrialecosystem"):
        links = {
            "service": ("services", None),
            "priority": ("priorities", "priorities"),
            "region": ("region", "region"),
            "industrialecosystem": (None, "ecosystems"),
        }[name]
        if links[0]:
            reindex(Platform.objects.filter(**{links[0]: obj}))
        if links[1]:
            reindex(Cluster.objects.filter(**{links[1]: obj}))
