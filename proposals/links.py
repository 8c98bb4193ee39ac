"""The signed link of an update invitation: valid for 30 days, used once (by the proposal)."""

from datetime import timedelta

from signedlinks.links import Purpose

INVITATION_DAYS = 30
UPDATE = Purpose("platform-update", view="platform-update", max_age=timedelta(days=INVITATION_DAYS))
