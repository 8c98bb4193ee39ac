"""Idempotent loading of reference data: write a row only when it differs from the data."""

from dataclasses import dataclass, field

from django.conf import settings

from elmo import history


def by_language(texts, name):
    """Turn ``{"fi": …, "sv": …, "en": …}`` into model field values.

    >>> by_language({"fi": "Testaus", "en": "Testing"}, "name")
    {'name_fi': 'Testaus', 'name_sv': None, 'name_en': 'Testing'}
    """
    return {f"{name}_{code}": (texts or {}).get(code) or None for code, _ in settings.LANGUAGES}


@dataclass
class LoadReport:
    """Counts of what a load created, changed and left as it was, per model."""

    counts: dict = field(default_factory=dict)

    def add(self, label, outcome):
        self.counts.setdefault(label, {"created": 0, "updated": 0, "unchanged": 0})
        self.counts[label][outcome] += 1

    @property
    def changed_anything(self):
        return any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self):
        return [
            f"{label}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for label, c in self.counts.items()
        ]


def upsert(model, report, *, lookup, values, links=None, update=True):
    """Create a row, or bring an existing one in line with ``values`` and ``links``.

    A row is saved only when a value differs, so running a load twice writes nothing the second
    time. With ``update=False`` an existing row is left as it is (entries officers may have
    edited since). ``links`` maps a many-to-many field name to the objects it should hold, e.g.
    ``upsert(Service, report, lookup={"slug": "testing"}, values={"order": 1})``.
    """
    label = str(model._meta.verbose_name_plural)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        outcome = "created"
    elif update and any(getattr(obj, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(obj, name, value)
        outcome = "updated"
    else:
        outcome = "unchanged"
    # One history record for the row and its links; none when nothing was written.
    with history.one_record(obj):
        if outcome != "unchanged":
            obj.full_clean()
            obj.save()
        if links and (outcome == "created" or update):
            for name, targets in links.items():
                manager = getattr(obj, name)
                if {t.pk for t in targets} != set(manager.values_list("pk", flat=True)):
                    manager.set(targets)
                    outcome = "updated" if outcome == "unchanged" else outcome
    report.add(label, outcome)
    return obj


class Builder:
    """Make unsaved instances of ``model`` from field values, quickly.

    ``Builder(PlatformHost)(platform_id=1, organisation_id=2)`` passes every column positionally
    (the other columns get their defaults, computed once): with keywords, modeltranslation
    rewrites each keyword and looks up every default again, which costs more than the insert.
    """

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.defaults = [None if f.primary_key else f.get_default() for f in fields]

    def __call__(self, **values):
        row = self.defaults.copy()
        for name, value in values.items():
            row[self.index[name]] = value
        return self.model(*row)
