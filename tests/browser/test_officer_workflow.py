"""A regional officer of Lapland works in the admin in a real browser: signs in, adds and edits
a Lapland platform, publishes it with the bulk action — and cannot change, move into Kainuu or
archive what is not Lapland's."""

import re
from importlib import import_module
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from entries.models import Status
from platforms.models import InnovationPlatform
from priorities.models import Region

PASSWORD = "Revontulet-pohjoisessa-7"


def choose(page: Page, field: str, text: str):
    """Pick ``text`` in the admin's autocomplete (select2) of ``field``."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-search--dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def fill_finnish(page: Page, field: str, text: str):
    """Fill the Finnish version of a translated field: its "fi" tab first."""
    tabs = page.locator(f".ui-tabs:has(#id_{field}_fi)").first
    # The tab reads "fi" and whether it is filled: "fi✓" or "fi–".
    tabs.locator("a", has_text=re.compile(r"^\s*fi\s*[✓–]?\s*$", re.I)).first.click()
    page.locator(f"#id_{field}_fi").fill(text)


def run_action(page: Page, site: str, url: str, pk: int, action: str):
    page.goto(f"{site}{url}")
    page.locator(f"input[name=_selected_action][value='{pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


def test_a_lapland_officer_in_the_admin(site, page: Page):
    # A live-server test before this one may have emptied every table: the role groups come
    # from a migration, so they are made again as it makes them.
    import_module("accounts.migrations.0004_roles").grant_roles(apps)
    call_command("create_officer", "lappi", "--region", "19", stdout=StringIO())
    officer = get_user_model().objects.get(username="lappi")
    officer.set_password(PASSWORD)
    officer.save()
    kainuu = Region.objects.get(code="18")
    changelist = "/admin/platforms/innovationplatform/"

    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill("lappi")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/")

    # Add a Lapland platform, as a draft.
    page.goto(f"{site}{changelist}add/")
    fill_finnish(page, "name", "Napapiirin talvitestirata")
    fill_finnish(page, "summary", "Jäärata ajoneuvojen talvitestaukseen Rovaniemellä.")
    page.locator("#id_platform_type").select_option("testing_piloting")
    choose(page, "region", Region.objects.get(code="19").name_en)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    new = InnovationPlatform.objects.get(name_fi="Napapiirin talvitestirata")
    assert new.region.code == "19" and new.status == Status.DRAFT

    # Edit it, then try to move it into Kainuu: refused with a form error, nothing changes.
    page.goto(f"{site}{changelist}{new.pk}/change/")
    fill_finnish(page, "name", "Napapiirin talvitestausrata")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(f"{site}{changelist}{new.pk}/change/")
    choose(page, "region", kainuu.name_en)
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist")).to_contain_text("not one of your regions")
    new.refresh_from_db()
    assert new.name_fi == "Napapiirin talvitestausrata" and new.region.code == "19"

    # Publish it with the bulk action.
    run_action(page, site, changelist, new.pk, "publish")
    expect(page.locator(".messagelist")).to_contain_text("1 entry updated.")
    new.refresh_from_db()
    assert new.status == Status.PUBLISHED

    # A Kainuu platform: read-only, and the archive action leaves it as it is.
    other = InnovationPlatform.objects.filter(region=kainuu, status=Status.PUBLISHED).first()
    page.goto(f"{site}{changelist}{other.pk}/change/")
    expect(page.locator("h1")).to_contain_text(re.compile("View", re.I))
    expect(page.locator("input[name=_save]")).to_have_count(0)
    run_action(page, site, f"{changelist}?region__id__exact={kainuu.pk}", other.pk, "archive")
    expect(page.locator(".messagelist")).to_contain_text("1 entry was left unchanged")
    other.refresh_from_db()
    assert other.status == Status.PUBLISHED

    # The history of the officer's platform records the changes, by the officer.
    page.goto(f"{site}{changelist}{new.pk}/history/")
    expect(page.locator("#content")).to_contain_text("lappi")
