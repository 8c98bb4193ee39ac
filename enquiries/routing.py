"""Who receives an enquiry for an entry, and in which language: the one rule.

1. The entry's contact e-mail, when it has one.
2. Otherwise the regional officers of the entry's primary region (``accounts.roles``), asked to
   forward it — none of the 42 platforms of the IP-area data carries a contact e-mail, so on
   the real data this is what happens.
3. Without officers with an e-mail address in that region: the coordinators, and failing them
   ``ELMO_ADMIN_CONTACT_EMAIL`` — also asked to forward.
4. Nobody at all: the recipient is recorded as not delivered, the company's copy says so and
   names the regional council to contact, and an error is logged.

The registry records no language for contacts and officers; the seven regional councils work in
Finnish, so they get the enquiry's frame in Finnish (``RECIPIENT_LANGUAGE``), with the
company's message as written and the language it asks to be answered in.
"""

import logging
from dataclasses import dataclass

from django.conf import settings

from accounts import roles

from .models import Route

logger = logging.getLogger("enquiries")
RECIPIENT_LANGUAGE = settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Delivery:
    route: Route
    addresses: tuple[str, ...]

    @property
    def forward(self) -> bool:
        """Whether the receivers are asked to forward it (no contact on record)."""
        return self.route == Route.OFFICERS


def _emails(users) -> tuple[str, ...]:
    return tuple(sorted(set(users.exclude(email="").values_list("email", flat=True))))


def officers_for(region_id: int) -> tuple[str, ...]:
    """The addresses that look after a region's enquiries (forwarding them, the reminders of
    unanswered ones): its officers, else the coordinators, else ``ELMO_ADMIN_CONTACT_EMAIL``."""
    return (
        _emails(roles.officers_of(region_id))
        or _emails(roles.coordinators())
        or tuple(address for address in [settings.ELMO_ADMIN_CONTACT_EMAIL] if address)
    )


def delivery_for(entry) -> Delivery:
    """Where the copy of an enquiry for ``entry`` (a platform or cluster) goes."""
    if entry.contact_email:
        return Delivery(Route.CONTACT, (entry.contact_email,))
    officers = officers_for(entry.region_id)
    if officers:
        return Delivery(Route.OFFICERS, officers)
    logger.error("An enquiry for %s reached nobody: no contact, officer or coordinator.", entry)
    return Delivery(Route.NOBODY, ())
