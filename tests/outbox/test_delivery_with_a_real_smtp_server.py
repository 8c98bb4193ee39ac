"""The outbox against a real SMTP server (aiosmtpd) and real worker processes: every e-mail
arrives once; with the server down nothing is lost and everything arrives once it is back; a
worker killed in the middle of a pass sends nothing twice — except, and then only once, the one
e-mail the server had accepted in the instant before the kill, which is the window the delivery
module documents."""

from collections import Counter

from outbox.models import Email, Status
from outbox.services import email_enqueue

from .conftest import wait_until


def enqueue(count, prefix="e"):
    return [
        email_enqueue(
            to=f"{prefix}{n}@example.fi",
            subject=f"Viesti {n} – ääkköset",
            body=f"Rivi {n}\nToinen rivi: <b>ei HTML:ää</b>",
            language="fi",
            reference=f"test:{prefix}:{n}",
        )
        for n in range(count)
    ]


def all_sent():
    return not Email.objects.exclude(status=Status.SENT).exists()


def test_every_email_arrives_once_with_two_workers(workers, mail_server):
    emails = enqueue(20)
    workers.start()
    workers.start()
    assert wait_until(lambda: len(mail_server.received) >= 20 and all_sent())
    ids = mail_server.message_ids()
    assert set(ids) == {email.message_id for email in emails}
    assert set(ids.values()) == {1}
    message = mail_server.received[0]
    assert message.get_content_type() == "text/plain"
    assert not message.is_multipart()
    assert "<b>ei HTML:ää</b>" in message.get_content()


def test_nothing_is_lost_while_the_server_is_down(workers, mail_server):
    mail_server.stop()
    emails = enqueue(8)
    workers.start()
    # The worker tries, fails, and backs off; nothing is given up or sent.
    assert wait_until(lambda: Email.objects.filter(attempts__gte=1).count() >= 3)
    assert not Email.objects.exclude(status=Status.QUEUED).exists()
    assert Email.objects.filter(last_error__icontains="refused").exists()
    mail_server.start()
    assert wait_until(lambda: len(mail_server.received) >= 8 and all_sent(), timeout=60)
    assert mail_server.message_ids() == Counter({email.message_id: 1 for email in emails})


def kill_while_held(workers, mail_server, moment):
    from tests.mailserver import Hold

    emails = enqueue(6, prefix=moment)
    mail_server.hold = Hold(3, moment)
    worker = workers.start()
    assert mail_server.hold.reached.wait(30), "the third e-mail never reached the server"
    workers.kill(worker)
    mail_server.hold.release()
    sent_before = set(Email.objects.filter(status=Status.SENT).values_list("message_id", flat=True))
    assert len(sent_before) == 2  # the first two, each marked sent in its own transaction
    mail_server.hold = None
    workers.start()
    assert wait_until(lambda: all_sent() and len(mail_server.received) >= 6, timeout=60)
    return emails, mail_server.message_ids()


def test_a_worker_killed_before_the_server_accepts_sends_nothing_twice(workers, mail_server):
    emails, ids = kill_while_held(workers, mail_server, "before")
    assert ids == Counter({email.message_id: 1 for email in emails})


def test_a_worker_killed_after_acceptance_resends_that_one_email_only(workers, mail_server):
    emails, ids = kill_while_held(workers, mail_server, "after")
    assert set(ids) == {email.message_id for email in emails}
    twice = [message_id for message_id, count in ids.items() if count > 1]
    # The one window: accepted by the server, killed before "sent" was committed.
    assert twice == [emails[2].message_id]
    assert ids[emails[2].message_id] == 2
