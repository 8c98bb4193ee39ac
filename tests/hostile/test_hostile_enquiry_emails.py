"""Hostile text typed into an enquiry reaches the e-mails only as plain text: each e-mail is a
single text/plain part to its one recipient, with no header the registry did not set, and the
text the company typed in its body exactly as typed."""

import re

import pytest

from enquiries.models import Enquiry
from outbox.delivery import send_due

from .corpus import ENQUIRY_FORM, TEXTS

pytestmark = pytest.mark.django_db
HEADERS = {
    "Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Subject", "From", "To",
    "Date", "Message-ID", "Reply-To", "Auto-Submitted", "Content-Language",
}  # fmt: skip
# What the form takes as text (the others are refused, see corpus.ENQUIRY_REFUSED).
KEPT = [name for name in TEXTS if name not in ("nul", "long-10k", "long-words")]


@pytest.mark.parametrize("name", KEPT)
def test_hostile_text_goes_out_as_plain_text_only(client, superuser, mailoutbox, name):
    text = f"{TEXTS[name]} ja lisää tekstiä"
    one_line = "\r" not in text and "\n" not in text and "\x1b" not in text
    fields = {**ENQUIRY_FORM, "message": text}
    if one_line:
        fields |= {"company_name": text, "contact_name": text}
    assert client.post("/fi/enquiry/", fields).status_code == 302
    send_due()
    confirm = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    client.post(confirm)
    assert Enquiry.objects.get().confirmed
    send_due()
    assert len(mailoutbox) == 3  # the confirmation, the coordinator's copy, the company's copy
    for email in mailoutbox:
        message = email.message()
        assert not message.is_multipart() and message.get_content_type() == "text/plain"
        assert set(message.keys()) <= HEADERS, set(message.keys()) - HEADERS
        assert len(message.get_all("To")) == 1 and "Bcc" not in message
        assert "\n" not in str(email.subject) and "\r" not in str(email.subject)
    forward = next(m for m in mailoutbox if m.to == [superuser.email])
    assert text.replace("\r\n", "\n") in forward.body.replace("\r\n", "\n")
    if one_line:
        assert TEXTS[name] in forward.subject
