"""Follow up unanswered enquiries; run daily, next to anonymise_enquiries.

After ENQUIRY_REMIND_WORKING_DAYS (5) working days without an answer — Finnish public holidays
respected — a recipient's regional officers get one reminder; after twice as many the company
is told which recipients have not answered and whom to ask. Running it twice sends nothing
twice. ``--today`` runs it as of another day (a missed run, a test). docs/enquiries.md.
"""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from enquiries.services import enquiries_remind


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today: not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Remind officers of unanswered enquiries, and tell companies of those still unanswered."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=str, help="Run as of this day (YYYY-MM-DD) instead of today."
        )

    def handle(self, *args, **options):
        now = None
        if options["today"]:
            now = timezone.make_aware(datetime.combine(_day(options["today"]), time(8)))
        done = enquiries_remind(now=now)
        self.stdout.write(
            f"officer reminders: {done.officers} (recipients: {done.recipients}); "
            f"companies told: {done.companies}"
        )
