"""Sending the outbox: what the worker does, one e-mail per transaction.

``send_due()`` takes the oldest due e-mail with ``SELECT … FOR UPDATE SKIP LOCKED`` — so
several workers, on one host or many, never take the same e-mail — hands it to the mail server
and records the outcome, all in one transaction that holds the row's lock throughout:

- **accepted** by the server: marked sent, and never sent again;
- **refused for good** (a 5xx answer about the recipient or the message, or an e-mail that
  cannot be built): marked failed at once, kept with the error for the coordinator;
- **anything else** — the server down or unreachable, a timeout, a 4xx answer, a refused
  sign-in: tried again after ``OUTBOX_RETRY_SECONDS``, doubling each time up to
  ``OUTBOX_RETRY_MAX_SECONDS``; given up (failed, logged as an error) only
  ``OUTBOX_GIVE_UP_HOURS`` after it was written. When the server cannot be reached the pass
  stops, so an outage costs one attempt per pass, not one per e-mail.

**Duplicates.** A worker killed (or its database connection lost) at any point rolls its
transaction back: the e-mail it held stays queued, and the next pass sends it. Only one moment
can make that a second copy: after the server has answered "250 accepted" for the e-mail and
before the transaction that marks it sent commits. So a killed worker resends at most the one
e-mail it had in hand — never an earlier one, since each is marked sent in its own transaction —
and the copy carries the same ``Message-ID``, by which mail systems recognise it.
``tests/outbox/test_delivery_with_a_real_smtp_server.py`` kills a worker inside that moment and
outside it.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .models import Email, Status

logger = logging.getLogger("outbox")
BATCH = 50


@dataclass
class Report:
    """What one pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retried + self.failed


class _Unreachable(Exception):
    """The mail server could not be reached: the pass stops."""


def build(email: Email, connection=None) -> EmailMessage:
    """The message of an outbox e-mail: plain text only (UTF-8), from ``DEFAULT_FROM_EMAIL``,
    marked as sent automatically (no out-of-office replies)."""
    headers = {"Message-ID": email.message_id, "Auto-Submitted": "auto-generated"}
    if email.language:
        headers["Content-Language"] = email.language
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=headers,
        connection=connection,
    )


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` failed ones.

    >>> [backoff(n).total_seconds() for n in (1, 2, 3)]
    [60.0, 120.0, 240.0]
    >>> backoff(30).total_seconds()
    3600.0
    """
    base, most = settings.OUTBOX_RETRY_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS
    return timedelta(seconds=min(most, base * 2 ** min(attempts - 1, 30)))


def _refused_for_good(error: Exception) -> bool:
    """A 5xx answer about the recipient or the message itself; not one about the sender or the
    sign-in, which is the registry's configuration to fix, not the e-mail's fault."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return isinstance(error, ValueError)  # cannot be built (BadHeaderError and the like)


def _unreachable(error: Exception) -> bool:
    return isinstance(
        error,
        OSError
        | smtplib.SMTPServerDisconnected
        | smtplib.SMTPConnectError
        | smtplib.SMTPHeloError
        | smtplib.SMTPAuthenticationError
        | smtplib.SMTPSenderRefused,
    ) and not isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError)


def _attempt(backend, email: Email) -> str:
    """Send ``email`` and record the outcome on it (not saved): "sent", "retried" or "failed".
    Raises ``_Unreachable`` (after recording) when the server cannot be reached."""
    now = timezone.now()
    email.attempts += 1
    try:
        backend.open()
        if backend.send_messages([build(email)]) != 1:
            raise smtplib.SMTPException("The mail server took no message.")
    except Exception as error:  # every failure is recorded; none loses the e-mail
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if _refused_for_good(error):
            email.status = Status.FAILED
            logger.error("E-mail %s to %s refused: %s", email.pk, email.to, email.last_error)
            return "failed"
        if now - email.created >= timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS):
            email.status = Status.FAILED
            logger.error("E-mail %s to %s given up: %s", email.pk, email.to, email.last_error)
            return "failed"
        email.next_attempt = now + backoff(email.attempts)
        logger.warning("E-mail %s not sent, will retry: %s", email.pk, email.last_error)
        if _unreachable(error):
            backend.close()
            raise _Unreachable from error
        if not isinstance(error, smtplib.SMTPException):
            logger.exception("Unexpected error sending e-mail %s", email.pk)
        return "retried"
    email.status = Status.SENT
    email.sent = now
    email.last_error = ""
    return "sent"


def send_due(*, limit: int = BATCH) -> Report:
    """One pass: send up to ``limit`` due e-mails (see the module docstring). Returns a
    ``Report``; never raises for what the mail server does."""
    report = Report()
    backend = get_connection(fail_silently=False)
    try:
        for _n in range(limit):
            with transaction.atomic():
                email = Email.objects.due().select_for_update(skip_locked=True).first()
                if email is None:
                    break
                try:
                    outcome = _attempt(backend, email)
                except _Unreachable:
                    outcome = "unreachable"
                email.save(
                    update_fields=["status", "attempts", "next_attempt", "last_error", "sent"]
                )
            if outcome == "unreachable":
                report.retried += 1
                break
            setattr(report, outcome, getattr(report, outcome) + 1)
    finally:
        backend.close()
    return report
