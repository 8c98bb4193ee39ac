"""Realistic, multilingual synthetic innovation platforms for the benchmarks.

``python bench/synthetic.py --platforms 100000 [--seed 1] [--batch 2000]`` (or ``generate()``)
builds platforms named like real ones ("Kajaanin akkuteknologian laboratorio",
"Batterilaboratoriet i Kajana", "Kajaani Battery Laboratory") from the vocabulary of
``bench/vocabulary.json``, in the towns of the seven regions, linked to the real organisations,
priorities and services of the IP-area data set. Their slugs are ``synthetic-000001``,
``synthetic-000002``…; a second run continues the numbering.

Each batch of ``batch`` platforms is one transaction: the platforms, then their host, priority
and service links, all with ``bulk_create`` — past the write path of single entries, for speed;
afterwards their search documents are written and the content token replaced
(``entries.services.entries_bulk_saved``'s steps, for the synthetic platforms). On PostgreSQL
the batches run in ``workers`` processes side by side (the Python that builds the rows is the
bottleneck, not the database); each batch draws its random numbers from the seed and its first
number, so a seed gives the same platforms whatever the number of workers.

A tool of development and benchmarking: nothing of the registry imports it.
"""

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import DatabaseError, connection, connections, reset_queries, transaction  # noqa: E402
from django.db.models import IntegerField, Max  # noqa: E402
from django.db.models.functions import Cast, Substr  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from elmo import i18n  # noqa: E402
from elmo.bulk import Builder  # noqa: E402
from elmo.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE  # noqa: E402
from entries.models import Status  # noqa: E402
from entries.services import entries_bulk_saved  # noqa: E402
from platforms.models import (  # noqa: E402
    InnovationPlatform,
    Organisation,
    PlatformHost,
    PlatformPriority,
    PlatformService,
    Service,
)
from priorities.models import Priority, Region  # noqa: E402

SLUG_PREFIX = "synthetic-"
COORDINATE_STEP = Decimal("0.00001")
JITTER = 0.05  # degrees around the town centre
NAME_FIELDS = i18n.columns("name")


class NotReady(Exception):
    """The database lacks what the platforms link to: migrate and load the IP-area data first."""


def _vocabulary():
    with open(Path(__file__).with_name("vocabulary.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    return {name: part["items"] for name, part in data.items() if isinstance(part, dict)}


VOCABULARY = _vocabulary()
TOWNS = [tuple(town) for town in VOCABULARY["towns"]]
THEMES = VOCABULARY["themes"]
KINDS = VOCABULARY["kinds"]
QUALIFIERS = [tuple(qualifier) for qualifier in VOCABULARY["qualifiers"]]
SERVICE_PHRASES = {slug: tuple(texts) for slug, texts in VOCABULARY["service_phrases"].items()}
SUMMARY_EXTRA = tuple(VOCABULARY["summary_extra"])


# --- text building ------------------------------------------------------------------------------


def upper_first(text):
    """Capitalise the first letter only: ``upper_first("5G-laboratoriet")``, "AI-…" stays."""
    return text[:1].upper() + text[1:]


def fi_compound(first, second):
    """A Finnish compound, hyphenated where the same vowel meets: "vesi-innovaatiokeskus"."""
    if first.endswith("-"):
        return first + second
    if first[-1] == second[0] and first[-1] in "aeiouyäö":
        return f"{first}-{second}"
    return first + second


def and_join(words, conjunction):
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def article(word):
    return "an" if word[0] in "aeiou" else "a"


def build_texts(rng, town, theme, kind, services):
    """Names, summaries and keywords in fi, sv and en for one platform."""
    fi_town, fi_gen, fi_loc, sv_town, *_rest = town
    sv_town = sv_town or fi_town
    can_compound_fi = kind["fi_comp"] and theme["fi_comp"] is not None
    can_compound_sv = kind["sv_comp"] and theme["sv_comp"] is not None
    pattern = rng.randrange(3) if can_compound_fi else 0

    if pattern == 0:  # Kajaanin akkuteknologian laboratorio
        name_fi = f"{fi_gen} {theme['fi_gen']} {kind['fi']}"
        name_sv = f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {theme['en_title']} {kind['en_title']}"
    elif pattern == 1:  # Kajaanin akkulaboratorio
        name_fi = f"{fi_gen} {fi_compound(theme['fi_comp'], kind['fi'])}"
        if can_compound_sv:
            name_sv = f"{upper_first(theme['sv_comp'] + kind['sv_def'])} i {sv_town}"
        else:
            name_sv = f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {theme['en_title']} {kind['en_title']}"
    else:  # Kajaanin avoin akkulaboratorio
        q_fi, q_sv_en, q_sv_ett, q_en = rng.choice(QUALIFIERS)
        q_sv = q_sv_ett if kind["sv_gender"] == "ett" else q_sv_en
        name_fi = f"{fi_gen} {q_fi} {fi_compound(theme['fi_comp'], kind['fi'])}"
        if can_compound_sv:
            name_sv = f"{upper_first(q_sv)} {theme['sv_comp']}{kind['sv']} i {sv_town}"
        else:
            name_sv = f"{upper_first(q_sv)} {kind['sv']} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {q_en} {theme['en_title']} {kind['en_title']}"

    mentioned = services[: rng.randint(1, min(2, len(services)))]
    svc_fi = and_join([s[0] for s in mentioned], "ja")
    svc_sv = and_join([s[1] for s in mentioned], "och")
    svc_en = and_join([s[2] for s in mentioned], "and")
    template = rng.randrange(3)
    if template == 0:
        summary_fi = (
            f"{fi_loc} sijaitseva {theme['fi_gen']} {kind['fi']}, jossa yritykset voivat "
            f"testata ja kehittää uusia tuotteita ja palveluja. Tarjolla on {svc_fi}."
        )
        summary_sv = (
            f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town} där företag kan testa "
            f"och utveckla nya produkter och tjänster. Här erbjuds {svc_sv}."
        )
        summary_en = (
            f"{upper_first(article(kind['en']))} {kind['en']} for {theme['en']} in {fi_town} "
            f"where companies can test and develop new products and services. "
            f"It offers {svc_en}."
        )
    elif template == 1:
        summary_fi = f"{fi_gen} {theme['fi_gen']} {kind['fi']} tarjoaa yrityksille {svc_fi}."
        summary_sv = (
            f"I {sv_town} finns {kind['sv_gender']} {kind['sv']} för {theme['sv']} "
            f"som erbjuder företag {svc_sv}."
        )
        summary_en = (
            f"In {fi_town}, {article(kind['en'])} {kind['en']} for {theme['en']} "
            f"offers {svc_en} to companies."
        )
        if rng.random() < 0.7:
            summary_fi += SUMMARY_EXTRA[0]
            summary_sv += SUMMARY_EXTRA[1]
            summary_en += SUMMARY_EXTRA[2]
    else:
        summary_fi = (
            f"Yritykset voivat hyödyntää {fi_gen} {theme['fi_gen']} {kind['fi_part']} "
            f"tuotekehityksessään. Tarjolla on {svc_fi}."
        )
        summary_sv = (
            f"Företag kan använda {kind['sv_def']} för {theme['sv']} i {sv_town} i sin "
            f"produktutveckling. Här erbjuds {svc_sv}."
        )
        summary_en = (
            f"Companies can use the {kind['en']} for {theme['en']} in {fi_town} in their "
            f"product development. It offers {svc_en}."
        )
    summary_fi = upper_first(summary_fi)

    themes_kw = rng.sample(range(3), rng.randint(2, 3))
    keywords = []
    for lang, town_name, kind_word, offset in (
        ("fi", fi_town, kind["fi"], 3),
        ("sv", sv_town, kind["sv"], 4),
        ("en", fi_town, kind["en"], 5),
    ):
        words = [theme[f"kw_{lang}"][i] for i in themes_kw]
        words += [kind_word, town_name, *(s[offset] for s in services)]
        keywords.append(", ".join(dict.fromkeys(words)))
    return (name_fi, name_sv, name_en), (summary_fi, summary_sv, summary_en), keywords


# --- the batches -------------------------------------------------------------------------------


@dataclass
class Plan:
    """What every batch needs: id lists read once, and the choices' weights."""

    regions: dict  # region code -> id
    priority_ids: list
    services: list  # (id, phrases as in SERVICE_PHRASES)
    hosts_by_region: dict  # region code -> ids of its own and of national organisations
    towns: list
    seed: int
    now: object
    town_weights: list = field(init=False)
    kind_weights: list = field(init=False)
    themes_for_kind: list = field(init=False)

    def __post_init__(self):
        self.town_weights = [town[7] for town in self.towns]
        self.kind_weights = [kind["weight"] for kind in KINDS]
        self.themes_for_kind = [
            [t for t in THEMES if k["themes"] is None or t["fi"] in k["themes"]] for k in KINDS
        ]


# The plan of the running command; forked worker processes inherit it.
_PLAN = {}


def insert_batch(task):
    """Create platforms ``first``…``first + size - 1`` and their links in one transaction.

    The batch's random numbers come from the seed and the batch's first number, so the result
    does not depend on which process runs the batch, or when.
    """
    first, size = task
    plan = _PLAN["plan"]
    rng = random.Random(f"{plan.seed}:{first}")  # noqa: S311 -- reproducible test data
    new_platform = Builder(InnovationPlatform)
    objects, links = [], []
    kinds = range(len(KINDS))
    for number in range(first, first + size):
        town = rng.choices(plan.towns, plan.town_weights)[0]
        kind_index = rng.choices(kinds, plan.kind_weights)[0]
        kind = KINDS[kind_index]
        theme = rng.choice(plan.themes_for_kind[kind_index])
        services = rng.sample(plan.services, min(rng.randint(1, 3), len(plan.services)))
        names, summaries, keywords = build_texts(
            rng, town, theme, kind, [texts for _pk, texts in services]
        )
        region_hosts = plan.hosts_by_region[town[4]]
        hosts = rng.sample(region_hosts, min(rng.randint(1, 2), len(region_hosts)))
        priorities = rng.sample(plan.priority_ids, min(rng.randint(1, 2), len(plan.priority_ids)))
        latitude = clamp(town[5] + rng.uniform(-JITTER, JITTER), FINLAND_LATITUDE)
        longitude = clamp(town[6] + rng.uniform(-JITTER, JITTER), FINLAND_LONGITUDE)
        objects.append(
            new_platform(
                slug=f"{SLUG_PREFIX}{number:06d}",
                name=names[0],
                name_fi=names[0],
                name_sv=names[1],
                name_en=names[2],
                summary=summaries[0],
                summary_fi=summaries[0],
                summary_sv=summaries[1],
                summary_en=summaries[2],
                keywords=keywords[0],
                keywords_fi=keywords[0],
                keywords_sv=keywords[1],
                keywords_en=keywords[2],
                town=town[0],
                town_fi=town[0],
                town_sv=town[3],
                platform_type=kind["type"],
                region_id=plan.regions[town[4]],
                status=Status.PUBLISHED.value,
                first_published=plan.now,
                latitude=Decimal(latitude).quantize(COORDINATE_STEP),
                longitude=Decimal(longitude).quantize(COORDINATE_STEP),
            )
        )
        links.append((hosts, priorities, [pk for pk, _texts in services]))

    new_host = Builder(PlatformHost)
    new_priority = Builder(PlatformPriority)
    new_service = Builder(PlatformService)
    # Finnish is active so that the base columns (name, summary…) get the Finnish text.
    with translation.override("fi"), transaction.atomic():
        InnovationPlatform.objects.bulk_create(objects, batch_size=size)
        if any(obj.pk is None for obj in objects):  # a backend that does not return ids
            slugs = [obj.slug for obj in objects]
            ids = dict(InnovationPlatform.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            for obj in objects:
                obj.pk = ids[obj.slug]
        host_rows, priority_rows, service_rows = [], [], []
        for obj, (host_ids, priority_ids, service_ids) in zip(objects, links, strict=True):
            pk = obj.pk
            host_rows += [new_host(platform_id=pk, organisation_id=i) for i in host_ids]
            priority_rows += [new_priority(platform_id=pk, priority_id=i) for i in priority_ids]
            service_rows += [new_service(platform_id=pk, service_id=i) for i in service_ids]
        PlatformHost.objects.bulk_create(host_rows, batch_size=size)
        PlatformPriority.objects.bulk_create(priority_rows, batch_size=size)
        PlatformService.objects.bulk_create(service_rows, batch_size=size)
    reset_queries()  # with DEBUG on, do not keep every insert's SQL
    return size


# --- generating ---------------------------------------------------------------------------------


def generate(*, platforms, seed=1, batch=2000, workers=None, stdout=None):
    """Add ``platforms`` synthetic platforms and index them; returns the time taken, in s.

    ``generate(platforms=1000)``; ``NotReady`` if the IP-area data is not loaded.
    """
    if platforms < 1 or batch < 1 or (workers is not None and workers < 1):
        raise ValueError("platforms, batch and workers must be positive.")
    write = stdout.write if stdout is not None else (lambda text: None)
    started = time.monotonic()
    plan = read_plan(seed)
    first = next_number()
    tasks = [(first + start, min(batch, platforms - start)) for start in range(0, platforms, batch)]
    workers = min(workers or min(os.cpu_count() or 1, 4), len(tasks))
    if (
        connection.vendor != "postgresql"  # SQLite takes one writer at a time
        or connection.in_atomic_block  # other processes would not see the data or roll back
        or "fork" not in mp.get_all_start_methods()
    ):
        workers = 1
    _PLAN["plan"] = plan

    def report(results):
        done = 0
        for size in results:
            done += size
            write(f"{done}/{platforms} synthetic platforms ({time.monotonic() - started:.1f} s)")

    with translation.override("en"):
        try:
            if workers == 1:
                report(map(insert_batch, tasks))
            else:
                connections.close_all()  # each worker opens its own connection
                with mp.get_context("fork").Pool(workers) as pool:
                    report(pool.imap(insert_batch, tasks))
        finally:
            _PLAN.clear()
        created = time.monotonic() - started
        synthetic = InnovationPlatform.objects.filter(slug__startswith=SLUG_PREFIX)
        entries_bulk_saved(queryset=synthetic, stdout=stdout)
    total = time.monotonic() - started
    write(
        f"Added {platforms} synthetic platforms in {created:.1f} s; search index rebuilt in "
        f"{total - created:.1f} s ({total:.1f} s in all)."
    )
    return total


def read_plan(seed):
    """The ids every batch links to, read once; a NotReady if the data set is not loaded."""
    try:
        regions = dict(Region.objects.values_list("code", "pk"))
    except DatabaseError as error:
        raise NotReady(
            "The database has no tables yet: run `python manage.py migrate`, then `load_ip_area`."
        ) from error
    if not regions:
        raise NotReady("No regions in the database: run `python manage.py load_ip_area`.")
    priority_ids = list(Priority.objects.order_by("pk").values_list("pk", flat=True))
    services = list(Service.objects.order_by("pk").values_list("pk", "slug", *NAME_FIELDS))
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", "region_id"))
    if not (priority_ids and services and organisations):
        raise NotReady(
            "Priorities, services or organisations are missing: "
            "run `python manage.py load_ip_area`."
        )
    towns = [town for town in TOWNS if town[4] in regions]
    if not towns:
        raise NotReady("None of the seven regions is loaded: run `load_ip_area`.")
    all_organisations = [pk for pk, _region in organisations]
    hosts_by_region = {}
    for code, region_id in regions.items():
        local = [pk for pk, region in organisations if region in (region_id, None)]
        hosts_by_region[code] = local if len(local) >= 2 else all_organisations
    service_texts = []
    for pk, slug, name_fi, name_sv, name_en in services:
        if slug in SERVICE_PHRASES:
            service_texts.append((pk, SERVICE_PHRASES[slug]))
        else:  # a service this command has no phrases for: its names, as they are
            names = (name_fi, name_sv or name_fi, name_en or name_fi)
            service_texts.append((pk, (*(n[:1].lower() + n[1:] for n in names), *names)))
    return Plan(
        regions=regions,
        priority_ids=priority_ids,
        services=service_texts,
        hosts_by_region=hosts_by_region,
        towns=towns,
        seed=seed,
        now=timezone.now(),
    )


def clamp(value, bounds):
    low, high = bounds
    return min(max(value, low), high)


def next_number():
    """The number after the highest existing ``synthetic-NNNNNN`` slug (1 if there is none)."""
    highest = (
        InnovationPlatform.objects.filter(slug__regex=rf"^{SLUG_PREFIX}[0-9]+$")
        .annotate(number=Cast(Substr("slug", len(SLUG_PREFIX) + 1), IntegerField()))
        .aggregate(highest=Max("number"))["highest"]
    )
    return (highest or 0) + 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platforms", type=int, required=True, help="How many platforms to add.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
    parser.add_argument(
        "--batch", type=int, default=2000, help="Platforms per transaction (default 2000)."
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="Processes inserting batches side by side on PostgreSQL "
        "(default: the number of CPUs, at most 4; SQLite always uses one).",
    )
    args = parser.parse_args()
    try:
        generate(
            platforms=args.platforms,
            seed=args.seed,
            batch=args.batch,
            workers=args.workers,
            stdout=OutputWrapper(sys.stdout),
        )
    except (NotReady, ValueError) as error:
        raise SystemExit(str(error)) from error


if __name__ == "__main__":
    main()
