"""The outbox in the test process: written with its transaction, refused when it could inject
a header, sent once, retried or failed as the SMTP server answers, shown to the coordinator
only, and printed on the console for make run."""

import io
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from outbox.delivery import send_due
from outbox.models import Email, Status
from outbox.services import email_enqueue, emails_forget, emails_purge

from .conftest import BASE_DIR

pytestmark = pytest.mark.django_db


def queue(to="a@example.fi", **fields):
    return email_enqueue(
        to=to, subject=fields.pop("subject", "Aihe"), body="Teksti", language="fi", **fields
    )


def test_an_email_exists_only_if_its_transaction_commits():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change that caused it failed")
    assert not Email.objects.exists()
    queue()
    assert Email.objects.count() == 1


@pytest.mark.parametrize(
    "subject", ["Aihe\r\nBcc: victim@example.org", "Aihe\nX-Injected: 1", "Aihe\rBcc: x@y.fi"]
)
def test_a_line_break_in_a_subject_is_refused_before_anything_is_stored(subject):
    with pytest.raises(BadHeaderError):
        queue(subject=subject)
    assert not Email.objects.exists()


@pytest.mark.parametrize("address", ["a@example.fi\r\nBcc: b@example.org", "not an address", ""])
def test_an_invalid_address_is_refused(address):
    with pytest.raises(ValidationError):
        queue(to=address)
    with pytest.raises(ValidationError):
        queue(reply_to=address or "x")
    assert not Email.objects.exists()


def test_each_answer_of_the_server_is_handled(smtp):
    smtp.refuse = {
        "gone@example.fi": "550 5.1.1 No such user",
        "busy@example.fi": "451 4.7.1 Greylisted, try again later",
    }
    gone, busy, fine = (queue(to=f"{n}@example.fi") for n in ("gone", "busy", "fine"))
    report = send_due()
    assert (report.sent, report.retried, report.failed) == (1, 1, 1)
    gone.refresh_from_db(), busy.refresh_from_db(), fine.refresh_from_db()
    assert gone.status == Status.FAILED and "550" in gone.last_error
    assert busy.status == Status.QUEUED and busy.attempts == 1 and "451" in busy.last_error
    assert busy.next_attempt > timezone.now() + timedelta(seconds=50)
    assert fine.status == Status.SENT and fine.sent is not None
    assert smtp.message_ids() == {fine.message_id: 1}
    assert send_due().attempted == 0  # nothing is due: the busy one waits, the others are done
    smtp.refuse = {}
    Email.objects.filter(pk=busy.pk).update(next_attempt=timezone.now())
    assert send_due().sent == 1
    assert smtp.message_ids()[busy.message_id] == 1


def test_a_server_that_is_down_costs_one_attempt_per_pass(smtp):
    smtp.stop()
    emails = [queue(to=f"n{n}@example.fi") for n in range(5)]
    report = send_due()
    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    attempts = sorted(Email.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 0, 0, 1]
    assert not Email.objects.exclude(status=Status.QUEUED).exists()
    smtp.start()
    Email.objects.update(next_attempt=timezone.now())
    assert send_due().sent == 5
    assert set(smtp.message_ids()) == {email.message_id for email in emails}


def test_an_email_is_given_up_only_after_the_give_up_time(smtp, settings):
    smtp.stop()
    email = queue()
    send_due()
    email.refresh_from_db()
    assert email.status == Status.QUEUED
    Email.objects.filter(pk=email.pk).update(
        next_attempt=timezone.now(),
        created=timezone.now() - timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS + 1),
    )
    send_due()
    email.refresh_from_db()
    assert email.status == Status.FAILED and email.attempts == 2


def test_the_worker_command_makes_one_pass(mailoutbox):
    queue(), queue(to="b@example.fi")
    out = io.StringIO()
    call_command("outbox_worker", once=True, stdout=out)
    assert "sent 2" in out.getvalue()
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.fi", "b@example.fi"]
    message = mailoutbox[0].message()
    assert message.get_content_type() == "text/plain"
    assert message["Content-Language"] == "fi" and message["Auto-Submitted"] == "auto-generated"


def test_forgetting_and_purging(mailoutbox):
    queue(reference="enquiry:1:confirm"), queue(reference="enquiry:1:recipient:3")
    queue(reference="enquiry:12")
    assert emails_forget(reference="enquiry:1") == 2
    assert list(Email.objects.values_list("reference", flat=True)) == ["enquiry:12"]
    send_due()
    assert emails_purge(sent_before=timezone.now() - timedelta(days=1)) == 0
    assert emails_purge(sent_before=timezone.now() + timedelta(seconds=1)) == 1


def test_only_the_coordinator_sees_the_outbox_and_queues_failed_emails_again(
    client, superuser, django_user_model
):
    email = queue()
    Email.objects.filter(pk=email.pk).update(status=Status.FAILED, attempts=9)
    officer = django_user_model.objects.create_user("officer-19", is_staff=True)
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    client.force_login(officer)
    url = reverse("admin:outbox_email_changelist")
    assert client.get(url).status_code == 403
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    client.post(url, {"action": "send_again", "_selected_action": [email.pk]})
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 0)


def settings_of(**env):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.EMAIL_BACKEND.rsplit('.', 2)[-2], settings.OUTBOX_SEND_AT_ONCE)"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, this project)
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "elmo.settings", "EMAIL_HOST": "", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_make_run_prints_emails_and_production_sends_them_by_smtp():
    assert settings_of(DEBUG="true") == ["console", "True"]
    assert settings_of(DEBUG="false") == ["smtp", "False"]
    assert settings_of(DEBUG="true", EMAIL_HOST="mail.example.fi") == ["smtp", "True"]


def test_with_send_at_once_the_web_process_prints_after_the_commit(
    settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.OUTBOX_SEND_AT_ONCE = True
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="dev@example.fi", subject="Vahvista", body="Avaa linkki http://x/")
    assert "Avaa linkki http://x/" in capsys.readouterr().out
    assert Email.objects.get().status == Status.SENT
