"""Signed links: what an e-mail lets its reader do without signing in.

A link carries a token that names what it is for (its *purpose*, e.g. confirming an enquiry)
and a value (the enquiry's public id), signed with ``SECRET_KEY`` and a salt of its own per
purpose, so a token made for one purpose is worthless for another, and any change to it shows.
``Purpose`` holds the rules of one kind of link — how long it lasts, which page opens it,
whether it can be used once only — and reads a token back as valid, expired, forged or already
used (``signedlinks.links``):

    CONFIRM = Purpose("enquiry-confirm", view="enquiry-confirm", max_age=timedelta(hours=48))
    url = CONFIRM.link(value=str(enquiry.uuid), language="fi")   # absolute, from PUBLIC_URL
    reading = CONFIRM.read(token=token)
    if not reading.valid:
        return refused_page(request, reading)                     # a clear page, never an error

Nothing is stored for a link except, once a single-use link has been used, a hash of its
purpose and value (``UsedLink``).
"""
