"""The search document: weighted text of an entry, and of what it links to, in three languages.

Weights (``WEIGHTS``): A names; B keywords and services; C summaries, host organisations, towns,
partners; D descriptions, what a company gets (in general and of each service), equipment,
access terms, regions and priorities. Finnish text gets the
Voikko base forms and compound parts of its words (``search.finnish``) before it is stemmed, so
inflected forms and compound parts match. Each back end stores the document its own way
(``search.postgresql``, ``search.sqlite``) from the same ``Row``.
"""

import re
from dataclasses import dataclass

from elmo import i18n

from .finnish import index_text

LANGUAGES = i18n.LANGUAGES
# The kinds of entry searched: type name -> (app label, model name).
TYPES = {
    "platform": ("platforms", "InnovationPlatform"),
    "cluster": ("clusters", "Cluster"),
    "organisation": ("platforms", "Organisation"),
}
WEIGHTS = "ABCD"
# Names, keywords and services: a broad search orders the entries matching there first, and
# their words make the vocabulary of near misses.
HEAD = "AB"
# How much a word counts in each part when results are ranked: PostgreSQL's ts_rank defaults,
# given to both back ends.
RANK_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
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


def _service_offers(platform, language):
    """What the platform offers of each of its services, in ``language``: from the link rows
    read in bulk (``search.index.Links.link_values``), else read here."""
    column = f"offer_text_{language}"
    rows = getattr(platform.services.all(), "link_values", None)
    if rows is None:
        rows = platform.platformservice_set.in_order().values(column)
    return [row[column] or "" for row in rows]


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
            _text(platform, "offer", language),
            *_service_offers(platform, language),
            _text(platform, "equipment", language),
            _text(platform, "access_terms", language),
            _text(platform.region, "name", language),
            *_names(platform.priorities.all(), language),
        ],
    }


def cluster_document(cluster, language):
    # Only published members: a cluster must not be found by the name of a draft.
    members = [m for m in cluster.members.all() if m.is_published]
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


def platform_facets(platform):
    """The values of the platform search's facets that ``platform`` has, as ``facet:value``:
    its regions (primary and served), type, priorities, services and kinds of host; each
    readiness level of its range ("trl:6"), its access model ("access:free"), "remote:true"
    when it serves remotely, and each month it is available ("month:1"). What is not known
    gives no value.

    Counted for every search by ``search.facet_counts``; the site's and the API's filters
    (``platforms.filters.PlatformFilter``) select by the same values.
    """
    regions = {platform.region.code, *(region.code for region in platform.other_regions.all())}
    values = {f"region:{code}" for code in regions}
    values.add(f"type:{platform.platform_type}")
    values.update(f"priority:{priority.slug}" for priority in platform.priorities.all())
    values.update(f"service:{service.slug}" for service in platform.services.all())
    values.update(f"host_kind:{host.kind}" for host in platform.hosts.all())
    values.update(f"trl:{level}" for level in platform.trl_levels)
    if platform.access_model:
        values.add(f"access:{platform.access_model}")
    if platform.is_remote:
        values.add("remote:true")
    values.update(f"month:{month}" for month in platform.months)
    return sorted(values)


# The facet values of the kinds of entry that have facets (``search_facets``).
FACETS = {"innovationplatform": platform_facets}

# The document of each kind of entry, and the relations it reads.
DOCUMENTS = {
    "innovationplatform": (
        platform_document,
        ["services", "hosts", "priorities", "region", "other_regions"],
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


@dataclass
class Row:
    """What a back end writes for one entry: its quality, its text per (language, weight) and,
    for a kind of entry with facets (``FACETS``), its facet values."""

    pk: int
    quality: int
    texts: dict[tuple[str, str], str]
    facets: list[str] | None = None


def row(obj, builder) -> tuple[Row, set[str]]:
    """The document of ``obj`` (built by ``builder``), and the words of its names and keywords."""
    texts, words = {}, set()
    for language in LANGUAGES:
        document = builder(obj, language)
        for weight in WEIGHTS:
            text = " ".join(t for t in document[weight] if t)
            text = index_text(text) if language == "fi" else text
            texts[language, weight] = text
            if weight in HEAD:
                words.update(word.lower() for word in WORD.findall(text))
    facets = FACETS.get(obj._meta.model_name)
    return Row(obj.pk, quality(obj), texts, facets(obj) if facets else None), words
