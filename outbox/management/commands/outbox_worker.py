"""The outbox worker: sends the queued e-mails, retrying with back-off (``outbox.delivery``).

Runs until stopped (SIGTERM or SIGINT finish the e-mail in hand first); ``--once`` makes one
pass and exits. Several may run, on one host or many. Once an hour it deletes the e-mails sent
more than ``OUTBOX_KEEP_SENT_DAYS`` ago. docs/deployment.md has its systemd unit.
"""

import signal
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from outbox.delivery import BATCH, logger, send_due
from outbox.services import emails_purge

PURGE_EVERY = 3600


class Command(BaseCommand):
    help = "Send the e-mails of the outbox, retrying with back-off; runs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--poll", type=float, default=5.0, help="Seconds between passes when idle (5)."
        )
        parser.add_argument("--batch", type=int, default=BATCH, help="E-mails per pass (50).")

    def handle(self, *args, once=False, poll=5.0, batch=BATCH, **options):
        if once:
            report = send_due(limit=batch)
            self.stdout.write(
                f"sent {report.sent}, to retry {report.retried}, failed {report.failed}"
            )
            return
        stop = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_args: stop.set())
        logger.info("Outbox worker started (poll %s s, batch %s).", poll, batch)
        purged = 0.0
        while not stop.is_set():
            close_old_connections()  # a database restart between passes is survived
            try:
                if time.monotonic() - purged >= PURGE_EVERY:
                    days = settings.OUTBOX_KEEP_SENT_DAYS
                    emails_purge(sent_before=timezone.now() - timedelta(days=days))
                    purged = time.monotonic()
                report = send_due(limit=batch)
            except DatabaseError as error:
                logger.warning("Outbox worker: the database is unavailable: %s", error)
                stop.wait(poll)
                continue
            if report.attempted < batch:
                stop.wait(poll)
        logger.info("Outbox worker stopped.")
