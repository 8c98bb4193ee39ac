"""The issue's whole way in a real browser: an officer invites a platform; the invitation
e-mail, read from a real SMTP server, opens the prefilled form; the provider adds a contact, a
readiness range, terms and a winter season; the officer accepts part of it; the public page and
the API show the accepted facts and not the rejected ones; the history records the proposal and
the acceptance. axe finds no WCAG 2.1 A/AA violation on the provider's pages."""

import re
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from outbox.delivery import send_due
from platforms.models import InnovationPlatform
from proposals.models import Decision, Proposal
from tests.mailserver import MailServer

from .test_enquiry_by_keyboard import accessible
from .test_officer_workflow import PASSWORD, choose


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


def sign_in(page: Page, site: str, username: str):
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/")


def test_an_officer_invites_the_provider_updates_and_the_officer_accepts_part(
    site, page: Page, mail_server
):
    import_module("accounts.migrations.0004_roles").grant_roles(apps)
    call_command("create_officer", "lappi", "--region", "19", stdout=StringIO())
    officer = get_user_model().objects.get(username="lappi")
    officer.set_password(PASSWORD)
    officer.save()
    platform = InnovationPlatform.objects.published().filter(region__code="19").order_by("pk")[0]
    problems: list[str] = []

    # The officer invites the platform, in English, to an address they know.
    sign_in(page, site, "lappi")
    page.goto(f"{site}/admin/proposals/invitation/add/")
    choose(page, "platform", platform.name_en or platform.name_fi)
    page.locator("#id_email").fill("lab@provider.example")
    page.locator("#id_language").select_option("en")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # The outbox worker sends it; the e-mail arrives at the SMTP server with its link.
    send_due()
    [invitation] = mail_server.wait_for(1)
    assert invitation["To"] == "lab@provider.example"
    link = re.search(r"http\S+/platforms/update/\S+/", invitation.get_content()).group(0)

    # The provider opens the form: the current profile, in English.
    provider = page.context.browser.new_page()
    provider.goto(link)
    expect(provider.locator("h1")).to_contain_text("Update the profile of")
    expect(provider.locator("#id_summary_fi")).to_have_value(platform.summary_fi)
    accessible(provider, problems, "update form")
    provider.locator("#id_contact_name").fill("Liisa Laskija")
    provider.locator("#id_contact_email").fill("liisa@provider.example")
    provider.locator("#id_trl_min").fill("5")
    provider.locator("#id_trl_max").fill("8")
    provider.locator("#id_access_model").select_option("subsidised")
    provider.locator("#id_pricing_note_en").fill("Prices under the de minimis rules")
    for month in (0, 1, 2, 11):  # January to March, and December
        provider.locator(f"#id_months_{month}").check()
    # What a company gets of one of its services.
    service = platform.services.order_by("order", "slug").first()
    assert service is not None, "the platform has a service in the data set"
    offer = f"services.{service.slug}.offer_text_en"
    provider.locator(f'[name="{offer}"]').fill("Test runs on the winter track")
    provider.locator("#id_proposer_name").fill("Liisa Laskija")
    provider.locator("#id_proposer_email").fill("liisa@provider.example")
    provider.get_by_role("button", name="Send the proposal for review").click()
    expect(provider.locator("h1")).to_have_text("Thank you: your proposal was received")
    accessible(provider, problems, "sent page")
    provider.goto(link)
    expect(provider.locator("h1")).to_have_text("This link has already been used")
    accessible(provider, problems, "used link page")

    # Nothing is public yet.
    platform.refresh_from_db()
    assert platform.trl_min is None and platform.contact_name == ""

    # The officer reviews it beside the entry and accepts all but the terms.
    proposal = Proposal.objects.get()
    page.goto(f"{site}/admin/proposals/proposal/")
    page.get_by_role(
        "link", name=re.compile(re.escape(platform.name_en or platform.name_fi))
    ).click()
    expect(page.locator("#row-trl_min")).to_contain_text("5")
    expect(page.locator("#row-months")).to_contain_text("December")
    page.locator("#accept-access_model").uncheck()
    page.locator("#accept-pricing_note_en").uncheck()
    page.get_by_role("button", name="Accept the checked values").click()
    expect(page.locator(".messagelist")).to_contain_text("The accepted values were saved")
    proposal.refresh_from_db()
    assert proposal.decision == Decision.PARTLY

    # The public page and the API show what was accepted, not what was left out.
    page.goto(f"{site}/en/platforms/{platform.slug}/")
    terms = page.locator("#h-terms + *").locator("xpath=..")
    expect(terms).to_contain_text("5–8")
    expect(terms).to_contain_text("January, February, March, December")
    expect(terms).to_contain_text("Test runs on the winter track")
    expect(page.locator("body")).to_contain_text("Liisa Laskija")
    expect(page.locator("body")).not_to_contain_text("Subsidised")
    expect(page.locator("body")).not_to_contain_text("de minimis rules")
    api = page.request.get(f"{site}/api/v1/platforms/{platform.slug}/").json()
    assert (api["trl_min"], api["trl_max"], api["months"]) == (5, 8, [1, 2, 3, 12])
    assert api["access_model"] is None and api["pricing_note"]["en"] is None
    assert api["contact_name"] == "Liisa Laskija"
    [offered] = [o for o in api["service_offers"] if o["service"] == service.slug]
    assert offered["offer"]["en"] == "Test runs on the winter track"

    # The history records the proposal and the acceptance; the proposer is thanked.
    page.goto(f"{site}/admin/platforms/innovationplatform/{platform.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text(
        f"Accepted from proposal #{proposal.pk}"
    )
    expect(page.locator("#proposals")).to_contain_text("Liisa Laskija")
    expect(page.locator("#proposals")).to_contain_text("partly accepted")
    send_due()
    thanks = mail_server.wait_for(2)[-1]
    assert thanks["To"] == "liisa@provider.example" and "accepted" in thanks["Subject"]
    assert not problems, "\n".join(problems)
