"""The registry's one e-mail delivery: an outbox in the database and a worker that sends it.

Whatever causes an e-mail (an enquiry, a confirmation, later an invitation) writes it to the
outbox with ``outbox.services.email_enqueue()`` in the same transaction as the change itself:
the e-mail exists exactly when the change does. The worker (``manage.py outbox_worker``, one or
more processes beside the web servers) sends what is due, one e-mail per transaction, and
retries with back-off whatever the mail server did not take; nothing is lost when the server is
down, and a worker killed in the middle resends at most the one e-mail it had handed over.
See ``outbox.delivery`` for the exact guarantees.

Why not django-post-office (3.12, which supports Django 5.2): it marks a whole batch sent only
after sending all of it, so a worker killed mid-batch sends the batch's earlier e-mails again;
its lock is a file on one host, so two worker hosts send the same e-mail twice; its retries are
at a fixed interval; and it brings HTML templates, attachments and an HTML sanitiser that plain
text e-mails do not need. This outbox is one table and two small modules.
"""
