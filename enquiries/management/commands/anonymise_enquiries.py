"""Delete the personal data of old enquiries, keeping monthly figures; run daily.

Enquiries sent more than ENQUIRY_RETENTION_MONTHS (12) months ago, and enquiries whose sender
never confirmed the e-mail address, are deleted with their e-mails; a sent one is first added
to the monthly figures (EnquiryTally). docs/deployment.md has the systemd timer.
"""

from django.core.management.base import BaseCommand

from enquiries.services import enquiries_anonymise


class Command(BaseCommand):
    help = "Delete the personal data of enquiries past their retention, keeping monthly figures."

    def handle(self, *args, **options):
        done = enquiries_anonymise()
        self.stdout.write(
            f"enquiries anonymised: {done.sent}; unconfirmed enquiries deleted: "
            f"{done.unconfirmed}; words of needs deleted: {done.gaps}"
        )
