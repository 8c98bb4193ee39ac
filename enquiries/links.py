"""The signed links of an enquiry (``signedlinks``): the sender confirms the e-mail address
within 48 hours, and views, closes or deletes the enquiry at any time until it is anonymised;
each recipient answers through its own link for 30 days, on any device, without an account."""

from datetime import timedelta

from signedlinks.links import Purpose

CONFIRM = Purpose("enquiry-confirm", view="enquiry-confirm", max_age=timedelta(hours=48))
MANAGE = Purpose("enquiry-manage", view="enquiry-manage")
ANSWER = Purpose("enquiry-answer", view="enquiry-answer", max_age=timedelta(days=30))


def answer_value(recipient) -> str:
    """What a recipient's answer link signs: ``"<enquiry uuid>/<recipient id>"``."""
    return f"{recipient.enquiry.uuid}/{recipient.pk}"
