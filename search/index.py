"""The search document: weighted text of an entry, and of what it links to, in three languages.

Weights: A names; B keywords and services; C summaries, host organisations, towns, partners;
D descriptions, equipment, access terms, regions and priorities. Finnish text is lemmatised
(``search.finnish``) before PostgreSQL's ``finnish`` stemmer, so inflected forms and compound
parts match. The documents are written by ``reindex`` — called by every write path (admin, API,
``load_ip_area``) after an entry or something it shows has changed — and by ``rebuild_index``.
"""

from django.apps import apps
from django.conf import settings
from django.db import connection

from .finnish import index_text

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONFIG = {"fi": "elmo_fi", "sv": "elmo_sv", "en": "elmo_en"}
WEIGHTS = "ABCD"
BATCH = 500


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
    return {
        "A": [_text(cluster, "name", language)],
        "B": [*_names(cluster.ecosystems.all(), language)],
        "C": [
            _text(cluster, "summary", language),
            *_names([cluster.coordinator] if cluster.coordinator else [], language),
            *_names(cluster.partners.all(), language),
            *_names(cluster.members.all(), language),
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


DOCUMENTS = {
    "innovationplatform": (
        platform_document,
        ["services", "hosts", "priorities", "region"],
        ["name", "keywords"],
    ),
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
        ["name"],
    ),
    "organisation": (organisation_document, ["region"], ["name"]),
}


def _row(obj, builder, trigram_fields):
    values = [obj.pk]
    for language in LANGUAGES:
        document = builder(obj, language)
        for weight in WEIGHTS:
            text = " ".join(t for t in document[weight] if t)
            values.append(index_text(text) if language == "fi" else text)
    trigram = {
        (getattr(obj, f"{f}_{code}") or "").lower() for f in trigram_fields for code in LANGUAGES
    }
    values.append(" ".join(sorted(t for t in trigram if t)))
    return values


def _update_sql(table, rows):
    columns = ["id"] + [f"t_{code}_{w}" for code in LANGUAGES for w in WEIGHTS] + ["trigram"]
    # One document holds all three languages, each part stemmed by its own language's rules,
    # so a query whose words are in different languages (a Swedish town name and an English
    # word) still matches.
    parts = [
        f"setweight(to_tsvector('{CONFIG[code]}', v.t_{code}_{w}), '{w}')"
        for code in LANGUAGES
        for w in WEIGHTS
    ]
    vectors = ["search_document = " + " || ".join(parts)]
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    casts = ", ".join(columns)
    sql = (
        f"UPDATE {table} AS t SET {', '.join(vectors)}, search_text = v.trigram "
        f"FROM (VALUES {placeholders}) AS v({casts}) WHERE t.id = v.id::bigint"
    )
    params = [value for row in rows for value in row]
    return sql, params


def reindex(queryset):
    """Rewrite the search documents of the rows of ``queryset`` (PostgreSQL; SQLite needs none).

    ``reindex(InnovationPlatform.objects.filter(pk=platform.pk))``
    """
    if connection.vendor != "postgresql":
        return 0
    model = queryset.model
    builder, related, trigram_fields = DOCUMENTS[model._meta.model_name]
    single = [r for r in related if r in ("region", "coordinator")]
    many = [r for r in related if r not in single]
    queryset = queryset.select_related(*single).prefetch_related(*many).order_by("pk")
    done = 0
    objects = list(queryset)
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = [_row(obj, builder, trigram_fields) for obj in objects[start : start + BATCH]]
            sql, params = _update_sql(model._meta.db_table, rows)
            cursor.execute(sql, params)
            done += len(rows)
    return done


def rebuild_index(queryset=None, *, stdout=None, batch=5000):
    """Rewrite every search document (or those of ``queryset``), in batches by id."""
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
    for qs in querysets:
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            total += reindex(qs.model.objects.filter(pk__in=ids[start : start + batch]))
            if stdout is not None:
                stdout.write(f"{qs.model._meta.verbose_name_plural}: {total} indexed")
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
