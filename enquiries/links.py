"""The signed links of an enquiry (``signedlinks``): the sender confirms the e-mail address
within 48 hours, and views or deletes the enquiry at any time until it is anonymised."""

from datetime import timedelta

from signedlinks.links import Purpose

CONFIRM = Purpose("enquiry-confirm", view="enquiry-confirm", max_age=timedelta(hours=48))
MANAGE = Purpose("enquiry-manage", view="enquiry-manage")
