"""Making and reading signed links (see the package docstring)."""

import enum
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from elmo.addresses import absolute_url

from .models import UsedLink

SALT = "elmo.signedlinks"


class State(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    FORGED = "forged"  # altered, cut, made for another purpose or with another key
    USED = "used"


@dataclass(frozen=True)
class Reading:
    """What a token turned out to be: its state and, unless forged, its value."""

    purpose: "Purpose"
    state: State
    value: str = ""

    @property
    def valid(self) -> bool:
        return self.state is State.VALID


@dataclass(frozen=True)
class Purpose:
    """The rules of one kind of signed link.

    ``name`` salts the signature (a token of one purpose fails as another), ``view`` is the URL
    name of the page that opens it (taking a ``token`` argument), ``max_age`` how long it lasts
    (None: until what it is about is gone, ``end()``). A single-use link ends with ``use()``.
    """

    name: str
    view: str
    max_age: timedelta | None = None

    def token(self, *, value: str) -> str:
        """A signed token of ``value`` for this purpose, with the time it was made."""
        return signing.dumps(str(value), salt=f"{SALT}:{self.name}")

    def link(self, *, value: str, language: str) -> str:
        """The absolute address (on ``PUBLIC_URL``) of the page that opens a new token of
        ``value``, in ``language``: ``https://elmo.example.fi/fi/enquiries/confirm/…/``."""
        with translation.override(language):
            return absolute_url(reverse(self.view, kwargs={"token": self.token(value=value)}))

    def read(self, *, token: str) -> Reading:
        """Read a token back: valid, expired, forged (altered, cut, of another purpose or
        signed with another key) or used (``use()``, ``end()``); the value unless forged."""
        salt = f"{SALT}:{self.name}"
        max_age = self.max_age.total_seconds() if self.max_age else None
        try:
            value = signing.loads(str(token), salt=salt, max_age=max_age)
        except signing.SignatureExpired:
            # Only a genuine token can expire: the signature is checked before the age.
            return Reading(self, State.EXPIRED, str(signing.loads(str(token), salt=salt)))
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            return Reading(self, State.FORGED)
        if not isinstance(value, str):
            return Reading(self, State.FORGED)
        if UsedLink.objects.filter(pk=self._digest(value)).exists():
            return Reading(self, State.USED, value)
        return Reading(self, State.VALID, value)

    def use(self, reading: Reading) -> bool:
        """Use a single-use link: mark what ``reading`` is for as done, so that every link of
        this purpose and value reads as used from now on. True for the first use; False if it
        was used already (two clicks at once: only one wins). Call it in the transaction of
        what the link does, which then rolls back with it."""
        if not reading.valid:
            return False
        try:
            with transaction.atomic():
                UsedLink.objects.create(pk=self._digest(reading.value))
        except IntegrityError:
            return False
        return True

    def end(self, *, value: str) -> None:
        """Make every link of this purpose and ``value`` read as used from now on: what they
        were about is gone (an enquiry deleted)."""
        UsedLink.objects.get_or_create(pk=self._digest(value))

    def _digest(self, value: str) -> str:
        return hashlib.sha256(f"{SALT}:{self.name}:{value}".encode()).hexdigest()
