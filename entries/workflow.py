"""The workflow of an entry: draft → in review → published → archived, and who moves it.

Publishing, archiving, and taking a published or archived entry back are the officers' call
(the coordinator, and the officers of the entry's region: ``accounts.roles.may_publish_in``);
anyone who may change an entry may move it between draft and in review.
"""

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from accounts import roles
from priorities.models import Region

from .models import Status

OFFICERS_CALL = {Status.PUBLISHED, Status.ARCHIVED}


def check_status_change(
    user: Any, stored: Model | None, *, status: str | None, region: Region | None
) -> None:
    """Raise ``roles.Refusal`` unless ``user`` may give ``stored`` (None: a new entry) the
    ``status`` in ``region`` (the primary region it is saved with)."""
    before = getattr(stored, "status", None)
    if status is None or status == before:
        return
    if {status, before} & OFFICERS_CALL and not roles.may_publish_in(user, region):
        raise roles.Refusal(
            _("Only the coordinator and the region's officers publish or archive entries."),
            field="status",
        )
