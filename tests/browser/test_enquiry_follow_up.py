"""After the enquiry, in a real browser with a real SMTP server: a provider answers "We can
help" by the link of its e-mail and the company gets the answer; another provider does not
answer; the reminder command, with the clock moved on, reminds the right officers once and
then tells the company; the Lapland officer forwards the contactless enquiry in the admin.
axe finds no WCAG 2.1 A/AA violation on the answer and status pages."""

import re
from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from elmo.workdays import working_days_between
from enquiries.links import MANAGE
from enquiries.models import EnquiryRecipient, Status
from enquiries.services import enquiry_confirm, enquiry_submit
from outbox.delivery import send_due
from platforms.models import InnovationPlatform
from tests.mailserver import MailServer

from .test_enquiry_by_keyboard import accessible

PASSWORD = "Revontulet-pohjoisessa-7"
COMPANY = "arctic@cells.example"


@pytest.fixture
def mail_server(settings, site):
    server = MailServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.OUTBOX_SEND_AT_ONCE = False
    settings.PUBLIC_URL = site
    yield server
    server.stop()


def officer(code: str):
    call_command("create_officer", f"officer-{code}", "--region", code, stdout=StringIO())
    user = get_user_model().objects.get(username=f"officer-{code}")
    user.email = f"officer-{code}@council.example"
    user.first_name, user.last_name = "Olli", f"Officer {code}"
    user.set_password(PASSWORD)
    user.save()
    return user


def arrived(server: MailServer, before: int, count: int) -> list:
    """Send what the outbox holds, as the worker does, and the ``count`` new messages."""
    send_due()
    received = server.wait_for(before + count)
    return received[before:]


def working_day_after(start, days):
    day = start
    while working_days_between(start, day) < days:
        day += timedelta(days=1)
    return day


def test_answer_remind_and_forward(site, page: Page, mail_server):
    import_module("accounts.migrations.0004_roles").grant_roles(apps)
    officers = {code: officer(code) for code in ("18", "19", "11")}
    published = InnovationPlatform.objects.published()
    helper = published.get(slug="lumi-supercomputer")  # Kainuu: answers
    silent = published.filter(region__code="11").order_by("pk").first()  # North Savo: never
    contactless = published.get(slug="lapland-proving-ground")  # Lapland: officers forward
    InnovationPlatform.objects.filter(pk=helper.pk).update(contact_email="lumi@provider.example")
    InnovationPlatform.objects.filter(pk=silent.pk).update(contact_email="quiet@provider.example")
    helper.refresh_from_db()
    silent.refresh_from_db()
    enquiry = enquiry_submit(
        entries=[helper, silent, contactless], company_name="Arctic Cells Oy",
        contact_name="Maija Meikäläinen", email=COMPANY,
        message="We need cold testing of battery cells.", reply_language="en", language="en",
    )  # fmt: skip
    enquiry_confirm(enquiry=enquiry)
    # Confirmation, the three recipients (Lapland's officer for the contactless one), the copy.
    sent = arrived(mail_server, 0, 5)
    to = {m["To"]: m for m in sent}
    assert set(to) == {COMPANY, "lumi@provider.example", "quiet@provider.example",
                       "officer-19@council.example"}  # fmt: skip
    problems = []

    # The provider answers by its link.
    link = re.search(r"http\S+/enquiry/answer/\S+/", to["lumi@provider.example"].get_content())
    page.goto(link.group(0))
    expect(page.locator("h1")).to_contain_text("Arctic Cells Oy")
    accessible(page, problems, "answer page")
    page.get_by_label("Voimme auttaa").check()
    page.locator("#id_message").fill("Soittakaa meille: kylmähalli on vapaana.")
    page.get_by_role("button", name="Lähetä vastaus").click()
    expect(page.locator(".messages")).to_contain_text("Kiitos")
    expect(page.locator(".answer-state")).to_contain_text("voimme auttaa")
    accessible(page, problems, "answer page, answered")
    [answer] = arrived(mail_server, len(sent), 1)
    assert answer["To"] == COMPANY
    assert answer["Subject"] == f"{helper.name_en or helper.name_fi} can help with your enquiry"
    assert "kylmähalli on vapaana" in answer.get_content()

    # The company's page: one answer, two without.
    page.goto(f"{site}/en/enquiry/manage/{MANAGE.token(value=str(enquiry.uuid))}/")
    expect(page.locator(".recipient-states")).to_contain_text("Answered: we can help")
    assert page.locator(".answer--waiting").count() == 2
    accessible(page, problems, "status page")

    # The clock moves on: five working days later the right officers are reminded, once.
    start = timezone.localdate(enquiry.recipients.first().enquiry.confirmed)
    fifth = working_day_after(start, 5)
    before = len(mail_server.received)
    call_command("remind_enquiries", today=str(fifth - timedelta(days=1)), stdout=StringIO())
    call_command("remind_enquiries", today=str(fifth), stdout=StringIO())
    call_command("remind_enquiries", today=str(fifth), stdout=StringIO())
    reminders = arrived(mail_server, before, 2)
    assert sorted(m["To"] for m in reminders) == [
        "officer-11@council.example", "officer-19@council.example"
    ]  # fmt: skip
    assert all("Arctic Cells Oy" in m.get_content() for m in reminders)
    # … and ten working days after sending, the company is told, with whom to ask.
    tenth = working_day_after(start, 10)
    call_command("remind_enquiries", today=str(tenth), stdout=StringIO())
    call_command("remind_enquiries", today=str(tenth), stdout=StringIO())
    [told] = arrived(mail_server, before + 2, 1)
    assert (
        told["To"] == COMPANY and told["Subject"] == "2 recipients have not answered your enquiry"
    )
    assert "officer-19@council.example" in told.get_content()
    assert "officer-11@council.example" in told.get_content()
    send_due()
    assert len(mail_server.received) == before + 3  # nothing twice

    # The Lapland officer forwards the contactless one in the admin.
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill("officer-19")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/")
    page.goto(f"{site}/admin/enquiries/enquiry/?follow_up=to_forward")
    page.locator("#result_list tr", has_text="Arctic Cells Oy").locator("a").first.click()
    follow_up = page.locator("#follow-up a")
    expect(follow_up).to_have_count(1)  # Lapland's recipient only
    follow_up.click()
    page.locator("input[name=answer][value=forwarded]").check()
    page.locator("#id_forward_to").fill("testing@proving-ground.example")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    forwarded = arrived(mail_server, before + 3, 2)
    by_address = {m["To"]: m for m in forwarded}
    assert set(by_address) == {"testing@proving-ground.example", COMPANY}
    assert "/enquiry/answer/" in by_address["testing@proving-ground.example"].get_content()
    recipient = EnquiryRecipient.objects.get(platform=contactless)
    assert (recipient.status, recipient.forwarded_to) == (
        Status.FORWARDED, "testing@proving-ground.example"
    )  # fmt: skip
    history = page.locator("body").inner_text()
    assert "officer-19" in history or "Olli Officer 19" in history
    assert officers and not problems, "\n".join(problems)
