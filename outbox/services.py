"""Writing to the outbox: the one way the registry sends an e-mail.

``email_enqueue()`` is called inside the transaction of what causes the e-mail; if that
transaction rolls back, there is no e-mail, and if it commits, the e-mail will be sent.
"""

from datetime import datetime
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from .delivery import build, send_due
from .models import Email, Status


def email_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    reply_to: str = "",
    language: str = "",
    reference: str = "",
) -> Email:
    """Queue a plain-text e-mail to one address; the worker sends it.

    ``email_enqueue(to="a@example.fi", subject="…", body="…", language="fi",
    reference="enquiry:42")``. The e-mail is built once here, so that what cannot be sent — a
    line break in the subject (header injection), an invalid address — is refused now, in the
    caller's transaction, with ``ValueError`` or ``ValidationError``, and never reaches the
    worker. With ``OUTBOX_SEND_AT_ONCE`` (``make run``) this process sends it right after the
    commit too.
    """
    validate_email(to)
    if reply_to:
        validate_email(reply_to)
    domain = urlsplit(settings.PUBLIC_URL).hostname or "localhost"
    email = Email(
        to=to,
        reply_to=reply_to,
        subject=subject,
        body=body,
        language=language,
        reference=reference,
        message_id=make_msgid(domain=domain),
    )
    build(email).message()  # raises BadHeaderError (a ValueError) for a header with a newline
    email.save()
    if settings.OUTBOX_SEND_AT_ONCE:
        transaction.on_commit(send_due, robust=True)
    return email


def emails_forget(*, reference: str) -> int:
    """Delete the e-mails about ``reference`` (and under it), sent or not: when what they are
    about is deleted or anonymised. Returns how many."""
    deleted, _kinds = Email.objects.about(reference).delete()
    return deleted


def emails_purge(*, sent_before: datetime) -> int:
    """Delete the e-mails sent before ``sent_before``: the outbox keeps what it delivered for
    ``OUTBOX_KEEP_SENT_DAYS`` only. E-mails not sent are kept until they are dealt with."""
    deleted, _kinds = Email.objects.filter(status=Status.SENT, sent__lt=sent_before).delete()
    return deleted


def emails_retry(*, emails) -> int:
    """Queue ``emails`` (a queryset) for sending now, e.g. e-mails given up on once the
    address is corrected or the mail server fixed. Returns how many."""
    return emails.exclude(status=Status.SENT).update(
        status=Status.QUEUED, next_attempt=timezone.now(), attempts=0, last_error=""
    )
