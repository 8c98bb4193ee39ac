"""The sender views and deletes the enquiry through the signed link at any time; limits per
client address and per e-mail address are counted in the shared cache."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enquiries.models import Enquiry, EnquiryTally
from outbox.models import Email
from tests.conftest import SHARED_CACHE_URL

from .conftest import ENQUIRY, KEYS, deliver, link_in, post_enquiry

pytestmark = pytest.mark.django_db


def sent_enquiry(client, mailoutbox, keys=KEYS):
    """Send and confirm an enquiry; the path of its manage page."""
    post_enquiry(client, keys=keys)
    confirmation = [m for m in deliver(mailoutbox) if "/enquiry/confirm/" in m.body][-1]
    return client.post(link_in(confirmation)).headers["Location"]


def test_the_sender_sees_what_was_sent_to_whom(client, entries, officers, mailoutbox):
    manage = sent_enquiry(client, mailoutbox)
    page = client.get(manage)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store" and "noindex" in page["X-Robots-Tag"]
    text = page.text
    assert ENQUIRY["message"] in text and ENQUIRY["company_name"] in text
    assert "rekisteriin merkitylle yhteyshenkilölle" in text or "yhteyshenkilö" in text
    assert "odottaa lähetystä" in text  # the worker has not sent them yet
    deliver(mailoutbox)
    assert "odottaa lähetystä" not in client.get(manage).text
    # The copy's link opens the same page, on any device (no session needed).
    copy = [m for m in mailoutbox if m.to == [ENQUIRY["email"]]][-1]
    client.logout()
    client.cookies.clear()
    assert client.get(link_in(copy)).status_code == 200


def test_the_sender_deletes_the_enquiry_and_its_waiting_emails(
    client, entries, officers, mailoutbox
):
    manage = sent_enquiry(client, mailoutbox)
    assert Email.objects.filter(status="queued").exists()
    deleted = client.post(manage + "delete/")
    assert deleted.status_code == 200 and "Yhteydenottosi poistettiin" in deleted.text
    assert not Enquiry.objects.exists() and not Email.objects.exists()
    assert sum(EnquiryTally.objects.values_list("recipients", flat=True)) == 3
    again = client.get(manage)
    assert again.status_code == 200 and "Linkkiä on jo käytetty" in again.text
    assert client.post(manage + "delete/").status_code == 200


def test_deleting_needs_a_post_with_a_csrf_token(client, entries, officers, mailoutbox):
    manage = sent_enquiry(client, mailoutbox)
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(manage + "delete/").status_code == 405
    assert browser.post(manage + "delete/").status_code == 403
    assert Enquiry.objects.exists()


def test_the_manage_page_queries_do_not_grow_with_recipients(client, entries, officers, mailoutbox):
    one = sent_enquiry(client, mailoutbox, keys=KEYS[:1])
    many = sent_enquiry(
        client,
        mailoutbox,
        keys=[*KEYS, "platform:lumi-supercomputer", "cluster:kuopio-health"],
    )

    def count(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    assert count(one) == count(many)


@pytest.fixture
def tight_limits(settings):
    settings.ENQUIRY_RATE = "2/hour"
    settings.ENQUIRY_EMAIL_RATE = "3/day"


def test_past_the_limit_per_address_a_429_keeps_the_text(
    client, entries, tight_limits, shared_cache
):
    assert [post_enquiry(client).status_code for _ in range(2)] == [302, 302]
    response = post_enquiry(client, message="Tämä viesti ei saa kadota mihinkään.")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert "Lähetä tämä uudelleen" in response.text
    assert "Tämä viesti ei saa kadota mihinkään." in response.text
    assert Enquiry.objects.count() == 2
    assert post_enquiry(client, address="192.0.2.99").status_code == 302


def test_the_limit_per_email_address_holds_from_any_address(
    client, entries, tight_limits, shared_cache
):
    answers = [post_enquiry(client, address=f"192.0.2.{n}").status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    other = post_enquiry(client, address="192.0.2.9", email="toinen@example.fi")
    assert other.status_code == 302


def test_an_enquiry_with_errors_is_not_counted(client, entries, tight_limits, shared_cache):
    assert post_enquiry(client, consent="").status_code == 400
    assert [post_enquiry(client).status_code for _ in range(2)] == [302, 302]


def test_the_counts_are_in_the_shared_cache_for_every_server(
    client, entries, tight_limits, shared_cache
):
    assert [post_enquiry(client).status_code for _ in range(2)] == [302, 302]
    # Another server process, sharing only the cache, sees the same count for this address.
    script = (
        "import django; django.setup(); from elmo.ratelimit import over_limit; "
        "print(over_limit('enquiry:192.0.2.20', '2/hour'))"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, this project)
        [sys.executable, "-c", script],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elmo.settings",
            "REDIS_URL": SHARED_CACHE_URL,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(result.stdout.split()[-1]) > 0
