"""What companies ask for, in figures: enquiries per month, per region of the chosen entries
and per smart-specialisation priority, answer rate, time to the first answer, and the needs
that found few matches. The admin dashboard and the open API both read ``figures()``, so
their numbers agree (``tests/enquiries/test_enquiry_statistics.py``).

Counted: sent enquiries still held (``ENQUIRY_RETENTION_MONTHS``; anonymised ones leave only
``EnquiryTally``). An enquiry counts once per month, once per region among its recipients'
regions and once per priority among its platforms' and clusters' priorities. Scoped to
``regions``, only the recipients of those regions count. A constant number of queries.
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from clusters.models import ClusterPriority
from platforms.models import PlatformPriority
from priorities.models import Priority, Region

from .models import ANSWERED, EnquiryRecipient, NeedGap, Route

# Public figures below this are shown as "<3", so that no company can be recognised.
SUPPRESS_BELOW = 3
SUPPRESSED = f"<{SUPPRESS_BELOW}"


def month_label(day: date) -> str:
    return f"{day:%Y-%m}"


@dataclass
class Figures:
    months: Counter = field(default_factory=Counter)  # "2026-11" -> enquiries
    regions: Counter = field(default_factory=Counter)  # ("2026-11", region id) -> enquiries
    priorities: Counter = field(default_factory=Counter)  # ("2026-11", priority id) -> enquiries
    recipients: int = 0  # recipients an enquiry reached
    answered: int = 0  # of them, answered yes or no
    answer_days: list[float] = field(default_factory=list)  # days to each first answer

    @property
    def enquiries(self) -> int:
        return sum(self.months.values())

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.recipients if self.recipients else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.answer_days) if self.answer_days else None

    def total(self, counter: Counter) -> Counter:
        """``regions`` or ``priorities`` summed over the months: key -> enquiries."""
        summed: Counter = Counter()
        for (_month, key), count in counter.items():
            summed[key] += count
        return summed


def figures(regions=None) -> Figures:
    """The figures of every sent enquiry, or (``regions``: region ids) of its recipients in
    those regions. Three queries."""
    recipients = EnquiryRecipient.objects.filter(enquiry__confirmed__isnull=False)
    if regions is not None:
        recipients = recipients.filter(region__in=regions)
    rows = list(
        recipients.annotate(month=TruncMonth("enquiry__confirmed")).values_list(
            "pk", "enquiry", "month", "region", "platform", "cluster", "route", "status",
            "answered", "enquiry__confirmed",
        )
    )  # fmt: skip
    platforms = {r[4] for r in rows if r[4]}
    clusters = {r[5] for r in rows if r[5]}
    priorities_of: dict[tuple[str, int], set[int]] = {}
    for kind, links in (
        ("platform", PlatformPriority.objects.filter(platform__in=platforms)),
        ("cluster", ClusterPriority.objects.filter(cluster__in=clusters)),
    ):
        for entry, priority in links.values_list(kind, "priority"):
            priorities_of.setdefault((kind, entry), set()).add(priority)
    result = Figures()
    months, by_region, by_priority = {}, set(), set()
    for _pk, enquiry, month, region, platform, cluster, route, status, answered, sent in rows:
        label = month_label(timezone.localtime(month) if timezone.is_aware(month) else month)
        months[enquiry] = label
        by_region.add((label, region, enquiry))
        entry = ("platform", platform) if platform else ("cluster", cluster)
        by_priority |= {(label, p, enquiry) for p in priorities_of.get(entry, ())}
        if route != Route.NOBODY:
            result.recipients += 1
            if status in ANSWERED:
                result.answered += 1
                if answered:
                    result.answer_days.append((answered - sent) / timedelta(days=1))
    result.months = Counter(months.values())
    result.regions = Counter((label, region) for label, region, _e in by_region)
    result.priorities = Counter((label, priority) for label, priority, _e in by_priority)
    return result


def gaps(regions=None, months: int = 12, limit: int = 15) -> list[tuple[str, int]]:
    """The words of the needs that found few matches in the last ``months`` months, most
    asked first: ``[("fotoniikka", 4), …]``; of companies of ``regions`` if given."""
    since = (timezone.localdate() - timedelta(days=31 * months)).replace(day=1)
    found = NeedGap.objects.filter(month__gte=since)
    if regions is not None:
        found = found.filter(region__in=regions)
    rows = found.values("word").annotate(n=Sum("needs")).order_by("-n", "word")[:limit]
    return [(row["word"], row["n"]) for row in rows]


def public(count: int) -> int | str:
    """A count as the open statistics show it: ``"<3"`` for 1 and 2."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else count


def public_rows(by: str) -> list[dict]:
    """The open statistics of the whole area, one row per month (``by="month"``), per month
    and region (``"region"``) or per month and priority (``"priority"``), oldest first."""
    found = figures()
    if by == "month":
        return [
            {"month": month, "enquiries": public(count)}
            for month, count in sorted(found.months.items())
        ]
    if by == "region":
        names = dict(Region.objects.values_list("pk", "code"))
        return [
            {"month": month, "region": names[region], "enquiries": public(count)}
            for (month, region), count in sorted(
                found.regions.items(), key=lambda item: (item[0][0], names[item[0][1]])
            )
        ]
    slugs = dict(Priority.objects.values_list("pk", "slug"))
    return [
        {"month": month, "priority": slugs[priority], "enquiries": public(count)}
        for (month, priority), count in sorted(
            found.priorities.items(), key=lambda item: (item[0][0], slugs[item[0][1]])
        )
    ]


def named(counter: Counter, model, limit: int | None = None) -> list[tuple[object, int]]:
    """``(object, count)`` of a summed counter's keys, most first: regions or priorities."""
    objects = model.objects.in_bulk(list(counter))
    ordered = sorted(counter.items(), key=lambda item: (-item[1], str(objects[item[0]])))
    return [(objects[key], count) for key, count in ordered[:limit]]
