"""A company's whole way by keyboard alone: a need, results from several regions, three
ticked, the form (first with a mistake), the confirmation e-mail read from a real SMTP server,
its link, and the providers' and officers' e-mails arriving. axe finds no WCAG 2.1 A/AA
violation on any page of the way, nor on the link pages in fi, sv and en."""

import re
from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from accounts import roles
from elmo.i18n import LANGUAGES
from enquiries.links import ANSWER, CONFIRM, MANAGE, answer_value
from enquiries.services import enquiry_confirm, enquiry_submit
from outbox.delivery import send_due
from platforms.models import InnovationPlatform
from priorities.models import Region
from tests.mailserver import MailServer

from .test_every_page_in_a_browser import WCAG_21_AA
from .test_find_a_platform import tab_until

NEED = (
    "We make battery packs for forest machines and need to test the cells in freezing "
    "conditions, and we look for a partner for recycling the battery chemicals."
)


@pytest.fixture
def mail_server(settings, site):
    server = MailServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.OUTBOX_SEND_AT_ONCE = False
    settings.PUBLIC_URL = site  # the links in the e-mails lead to this live server
    yield server
    server.stop()


@pytest.fixture
def officers(site, django_user_model):
    # A live-server test before this one may have emptied every table, the role groups too.
    import_module("accounts.migrations.0004_roles").grant_roles(apps)
    group = Group.objects.get(name=roles.OFFICER)
    addresses = {}
    for region in Region.objects.all():
        user = django_user_model.objects.create_user(
            f"officer-{region.code}", f"officer-{region.code}@council.example", is_staff=True
        )
        user.groups.add(group)
        user.regions.add(region)
        addresses[region.name_en] = user.email
    return addresses


def accessible(page: Page, problems: list, what: str):
    for violation in Axe().run(page, options=WCAG_21_AA).response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{what}: {violation['id']} ({violation['impact']}) {targets}")


def focused(page: Page, script: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def test_from_a_need_to_the_providers_inboxes_by_keyboard(site, page: Page, mail_server, officers):
    problems = []
    page.goto(f"{site}/en/")
    tab_until(page, "the link to the need page", "el.getAttribute('href') === '/en/need/'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/need/$"))
    accessible(page, problems, "need page")

    tab_until(page, "the need", "el.id === 'id_need'")
    page.keyboard.type(NEED)
    tab_until(page, "the region", "el.id === 'id_region'")
    page.keyboard.type("Kainuu")
    assert page.locator("#id_region").input_value() == "18"
    tab_until(page, "the search button", "el.textContent.trim() === 'Find platforms and clusters'")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_contain_text("match your need")
    accessible(page, problems, "results")
    regions = page.locator(".match .card__meta span:nth-child(2)").all_inner_texts()
    assert len({r.split("(")[0] for r in regions}) >= 3

    # Tick the best result of each of three regions.
    chosen = {}
    while len(chosen) < 3:
        tab_until(page, "a result's checkbox", "el.name === 'entry'")
        region = focused(
            page, "el.closest('article').querySelector('.card__meta span:nth-child(2)').innerText"
        )
        region = region.replace("Region:", "").split("(")[0].strip()
        if region not in chosen:
            page.keyboard.press("Space")
            chosen[region] = focused(page, "el.value")
    assert page.locator("input[name=entry]:checked").count() == 3
    tab_until(
        page,
        "the enquiry button",
        "el.textContent.trim() === 'Write one enquiry to the ticked ones'",
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/enquiry/\?"))
    accessible(page, problems, "enquiry form")
    assert page.locator("input[name=entries]:checked").count() == 3
    assert page.locator("#id_message").input_value() == NEED

    for field, text in (
        ("id_company_name", "Arctic Cells Oy"),
        ("id_business_id", "1234567-8"),  # a wrong check digit, corrected below
        ("id_contact_name", "Maija Meikäläinen"),
        ("id_email", "maija@arcticcells.example"),
    ):
        tab_until(page, field, f"el.id === '{field}'")
        page.keyboard.type(text)
    tab_until(page, "the consent", "el.id === 'id_consent'")
    page.keyboard.press("Space")
    tab_until(
        page, "the send button", "el.type === 'submit' && el.closest('form').method === 'post'"
    )
    page.keyboard.press("Enter")
    expect(page.locator(".form-errors")).to_contain_text("check digit")
    accessible(page, problems, "enquiry form with an error")
    assert page.locator("#id_company_name").input_value() == "Arctic Cells Oy"
    assert page.locator("input[name=entries]:checked").count() == 3
    tab_until(page, "the error's link", "el.getAttribute('href') === '#id_business_id'")
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "id_business_id"
    page.keyboard.press("Control+A")
    page.keyboard.type("1572860-0")
    tab_until(
        page, "the send button", "el.type === 'submit' && el.closest('form').method === 'post'"
    )
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    accessible(page, problems, "sent page")

    # The worker's pass: only the confirmation goes out.
    send_due()
    [confirmation] = mail_server.wait_for(1)
    assert confirmation["To"] == "maija@arcticcells.example"
    link = re.search(r"http\S+/enquiry/confirm/\S+/", confirmation.get_content()).group(0)
    page.goto(link)
    accessible(page, problems, "confirm page")
    tab_until(page, "the send button", "el.textContent.trim() === 'Send the enquiry'")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your enquiry was sent")
    accessible(page, problems, "manage page")

    send_due()
    received = mail_server.wait_for(5)
    forwarded = {m["To"]: m for m in received if m["To"].endswith("@council.example")}
    assert set(forwarded) == {officers[region] for region in chosen}
    for message in forwarded.values():
        assert "VÄLITÄTHÄN ETEENPÄIN" in message.get_content()
        assert message["Reply-To"] == "maija@arcticcells.example"
    copy = [m for m in received if m["To"] == "maija@arcticcells.example"][-1]
    assert copy["Subject"] == "Your enquiry was sent to 3 recipients"
    assert set(mail_server.message_ids().values()) == {1}
    assert not problems, "\n".join(problems)


def test_the_link_pages_are_accessible_in_three_languages(site, page: Page, superuser):
    entries = list(InnovationPlatform.objects.filter(slug__in=["lumi-supercomputer", "cemis"]))
    unconfirmed = enquiry_submit(
        entries=entries, company_name="Oy A", contact_name="A", email="a@example.fi",
        message="Tarvitsemme laskentaa.", reply_language="fi", language="fi",
    )  # fmt: skip
    sent = enquiry_submit(
        entries=entries, company_name="Oy B", contact_name="B", email="b@example.fi",
        message="Tarvitsemme laskentaa.", reply_language="sv", language="sv",
    )  # fmt: skip
    enquiry_confirm(enquiry=sent)
    recipient = sent.recipients.first()
    problems = []
    for lang in LANGUAGES:
        pages = {
            "confirm": f"/{lang}/enquiry/confirm/{CONFIRM.token(value=str(unconfirmed.uuid))}/",
            "manage": f"/{lang}/enquiry/manage/{MANAGE.token(value=str(sent.uuid))}/",
            "used": f"/{lang}/enquiry/confirm/{CONFIRM.token(value=str(sent.uuid))}/",
            "answer": f"/{lang}/enquiry/answer/{ANSWER.token(value=answer_value(recipient))}/",
        }
        for name, path in pages.items():
            response = page.goto(site + path)
            assert response.status == 200
            assert page.locator("html").get_attribute("lang") == lang
            accessible(page, problems, f"{lang} {name}")
            page.set_viewport_size({"width": 320, "height": 800})
            if page.evaluate("document.documentElement.scrollWidth") > 320:
                problems.append(f"{lang} {name}: scrolls sideways at 320 px")
            page.set_viewport_size({"width": 1280, "height": 900})
    assert not problems, "\n".join(problems)
