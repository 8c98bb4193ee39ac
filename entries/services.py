"""The one way an entry is written.

``entry_save`` does, in one transaction and in this order, what every write of a platform, a
cluster or an organisation needs:

1. the rights check (``entry_check``: the user's regions and role, ``accounts.roles``, and who
   may set which status, ``entries.workflow``);
2. the model's validation (``full_clean``: required texts, business-ID check digits,
   coordinates in Finland…);
3. the row, and its links (hosts, regions, priorities…) set to the given objects;
4. one history record of the row and its links together (``entries.history``), none when
   nothing changed;
5. the search documents of the entry and of the entries that show it (``search.reindex_for``).

The content token (``elmo.cache``), under which cached pages are stored, follows every save of
content by itself, in the same transaction. The admin (forms, restoring a version, the workflow
actions), the API, the spreadsheet import and the IP-area loader call ``entry_save``; a snapshot
import and synthetic data write rows in bulk, for speed, and then ``entries_bulk_saved``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from elmo.cache import content_changed
from priorities.models import Region
from search import rebuild_index, reindex_for

from . import history, workflow

# Many-to-many field name → the objects it is to hold: {"hosts": [uef, csc]}; for a link table
# with columns of its own, a mapping of each object to those columns' values:
# {"services": {testing: {"offer_text_fi": "…", "offer_text_en": "…"}, piloting: {}}}.
Links = Mapping[str, Iterable[Model] | Mapping[Model, Mapping[str, Any]]]


def entry_check(
    *,
    user: Any,
    stored: Model | None,
    region: Region | None,
    status: str | None,
    proposing: bool = False,
) -> None:
    """Raise ``roles.Refusal`` unless ``user`` may save ``stored`` (None: a new entry) with this
    primary region and status (None: as they are). Without a user — a command the maintainers
    run — nothing is refused.

    The admin's forms, the API and the spreadsheet import ask it before saving, to tell the user
    which field is refused; ``entry_save`` asks it again, so no path can skip it. A change that
    waits for review (``roles.changes_need_review``) is refused, unless the caller is
    ``proposing`` it — the admin then stores it as a proposed change instead of saving it.
    """
    if user is None:
        return
    roles.check_change(user, stored, region=region, creating=stored is None)
    if not proposing and roles.changes_need_review(user, stored):
        raise roles.Refusal(
            _(
                "An editor's change of a published entry waits for the officers' review: "
                "make it in the admin, where it is saved as a proposed change."
            )
        )
    target = region if region is not None else getattr(stored, "region", None)
    workflow.check_status_change(user, stored, status=status, region=target)


def _region(entry: Any) -> Region | None:
    return entry.region if getattr(entry, "region_id", None) is not None else None


@transaction.atomic
def entry_save(
    *, entry: Model, links: Links | None = None, user: Any = None, reason: str | None = None
) -> Model:
    """Save ``entry`` (a platform, cluster or organisation, new or changed) and its ``links``
    for ``user``, as the module docstring says; ``reason`` is the history record's note.

    ``entry_save(entry=platform, links={"hosts": [uef]}, user=request.user)`` raises
    ``roles.Refusal`` or Django's ``ValidationError`` and then writes nothing.
    """
    stored = type(entry)._default_manager.filter(pk=entry.pk).first() if entry.pk else None
    status = getattr(entry, "status", None)
    entry_check(user=user, stored=stored, region=_region(entry), status=status)
    entry.full_clean()
    with history.one_record(entry):
        if reason:
            entry._change_reason = reason  # type: ignore[attr-defined]
        entry.save()
        for name, targets in (links or {}).items():
            getattr(entry, name).set(list(targets))
            if isinstance(targets, Mapping):
                _set_link_values(entry, name, targets)
    reindex_for(entry)
    return entry


def _set_link_values(entry: Model, name: str, targets: Mapping[Model, Mapping[str, Any]]) -> None:
    """Give the link rows of ``entry``'s relation ``name`` the values of their own columns
    (None stored as an empty text), each row validated as the model validates it; a column not
    given keeps its value. A refused value raises ``ValidationError`` under ``name``."""
    field = entry._meta.get_field(name)
    through = field.remote_field.through  # type: ignore[union-attr]
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()  # type: ignore[union-attr]
    rows = {
        getattr(row, f"{target}_id"): row
        for row in through._default_manager.filter(**{source: entry})
    }
    for obj, given in targets.items():
        row = rows[obj.pk]
        values = {column: "" if value is None else value for column, value in given.items()}
        changed = [column for column, value in values.items() if getattr(row, column) != value]
        if not changed:
            continue
        for column in changed:
            setattr(row, column, values[column])
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError({name: [f"{obj}: {m}" for m in error.messages]}) from error
        row.save(update_fields=changed)


@dataclass(frozen=True)
class BulkResult:
    """What a workflow action did: the entries it changed and how many it left as they were."""

    changed: list[Model]
    skipped: int


def entries_update(
    *,
    entries: QuerySet[Any],
    user: Any,
    status: str | None = None,
    reviewed: bool = False,
    only_status: str | None = None,
) -> BulkResult:
    """Give each of ``entries`` (of ``only_status``, if given) the ``status`` and/or today's
    review date, each through ``entry_save``; those ``user`` may not change so, or that would
    not be valid, are left as they are and counted.

    ``entries_update(entries=selected, user=request.user, status=Status.PUBLISHED)``
    """
    selected = list(entries)
    changed = []
    today = timezone.localdate()
    for entry in selected:
        if only_status is not None and entry.status != only_status:
            continue
        if status is not None:
            entry.status = status
        if reviewed:
            entry.last_reviewed = today
        try:
            changed.append(entry_save(entry=entry, user=user))
        except (roles.Refusal, ValidationError):
            continue
    return BulkResult(changed=changed, skipped=len(selected) - len(changed))


def entries_bulk_saved(
    *, queryset: QuerySet[Any] | None = None, stdout: Any = None, batch: int = 5000
) -> int:
    """After rows were written in bulk, bypassing ``entry_save`` for speed (a snapshot import,
    synthetic data), take its remaining steps for all of them at once: the search documents of
    ``queryset`` (default: of everything) are written again, and the content token replaced
    (bulk inserts send no signals). Bulk writes keep no history. Returns the number of
    documents written."""
    indexed = rebuild_index(queryset, stdout=stdout, batch=batch)
    content_changed()
    return indexed
