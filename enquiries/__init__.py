"""From a company's need to one enquiry that reaches several platforms across the regions.

A company describes its need in its own words (``search.needs`` ranks the platforms and
clusters of all seven regions for it), ticks up to five results and writes one enquiry. It
confirms its e-mail address through a signed link (``signedlinks``); only then does each
chosen entry's contact get the enquiry — or, for an entry with no contact e-mail on record,
the officers of its primary region, asked to forward it (``enquiries.routing``) — and the
company a copy listing who received it, with a link to view or delete the enquiry. Everything
is sent through the outbox (``outbox``). After ``ENQUIRY_RETENTION_MONTHS`` the personal data
are deleted and only monthly figures kept (``anonymise_enquiries``). docs/enquiries.md.

This package imports the apps (platforms, clusters, priorities, accounts, search); they never
import it.
"""
