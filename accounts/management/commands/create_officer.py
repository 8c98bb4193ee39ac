"""Create (or update) a regional officer: staff, in the "Regional officer" group, with regions.

``python manage.py create_officer USERNAME --region 19 [--region 18] [--email a@b.fi]``

Regions are Statistics Finland codes. The user gets no usable password: set one with
``python manage.py changepassword USERNAME`` (or the admin's password reset). Running it again
for the same user replaces the regions and keeps everything else.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from accounts import roles
from priorities.models import Region


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--region",
            action="append",
            required=True,
            metavar="CODE",
            help="Statistics Finland code of a region the officer works for (repeatable).",
        )
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, *args, username, region, email, **options):
        codes = sorted(set(region))
        regions = list(Region.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {r.code for r in regions})
        if unknown:
            known = ", ".join(Region.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"Unknown region code: {', '.join(unknown)}. Known: {known}.")
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(f"Invalid e-mail address: {email}") from error
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
        user.is_staff = True
        if email:
            user.email = email
        user.save()
        user.groups.add(Group.objects.get(name=roles.OFFICER))
        user.regions.set(regions)
        names = ", ".join(f"{r.name} ({r.code})" for r in regions)
        self.stdout.write(f"{'Created' if created else 'Updated'} officer {username}: {names}.")
        if created:
            self.stdout.write(f"Set a password: python manage.py changepassword {username}")
