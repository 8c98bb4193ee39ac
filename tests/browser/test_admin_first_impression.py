"""What an officer sees first in the admin at 1280 px: the platform list's columns without
scrolling sideways, titles that read naturally in Finnish, language tabs that say which
languages are filled, a name field wide enough for a name, and the location picked on a map."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from platforms.models import InnovationPlatform

PASSWORD = "Revontulet-pohjoisessa-7"


def sign_in(page: Page, site: str):
    user = get_user_model().objects.create_superuser("koordinaattori", "k@example.org", PASSWORD)
    page.set_extra_http_headers({"Accept-Language": "fi"})
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/")


def test_the_officer_admin_at_1280_px(site, page: Page, artifacts):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site)

    page.goto(f"{site}/admin/platforms/innovationplatform/")
    results = page.locator("#changelist .results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert {"TILA", "PÄIVITETTY", "TARKISTETTU VIIMEKSI"} <= {h.strip().upper() for h in headers}
    assert "Lappi" in page.locator("#result_list").inner_text()
    assert "(19)" not in page.locator("#result_list").inner_text()
    page.screenshot(path=artifacts / "screenshots" / "admin-platform-list-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=artifacts / "screenshots" / "admin-platform-list-375.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    platform = InnovationPlatform.objects.filter(latitude__isnull=False).order_by("pk").first()
    page.goto(f"{site}/admin/platforms/innovationplatform/{platform.pk}/change/")
    expect(page).to_have_title(re.compile(r"\| Muokkaa innovaatioalustaa \|"))
    # The tabs of the name say that all three languages are filled; the town's only Finnish.
    name_tabs = page.locator(".ui-tabs:has(#id_name_fi) .ui-tabs-nav a")
    expect(name_tabs.first).to_have_attribute("aria-label", "fi (täytetty)")
    town_tabs = page.locator(".ui-tabs:has(#id_town_fi) .ui-tabs-nav a")
    expect(town_tabs.nth(1)).to_have_attribute(
        "aria-label", re.compile(r"^sv \((täytetty|tyhjä)\)$")
    )
    assert page.locator("#id_name_fi").bounding_box()["width"] >= 600
    # A click on the map fills the coordinates; typed coordinates stay possible.
    picker = page.locator(".location-map")
    picker.scroll_into_view_if_needed()
    before = page.input_value("#id_latitude")
    picker.click(position={"x": 60, "y": 60})
    assert page.input_value("#id_latitude") != before
    assert re.fullmatch(r"\d+\.\d{5}", page.input_value("#id_longitude"))
    page.locator("#id_latitude").fill("65.01236")
    assert page.input_value("#id_latitude") == "65.01236"
    page.screenshot(
        path=artifacts / "screenshots" / "admin-platform-change-1280.png", full_page=True
    )

    page.goto(f"{site}/admin/platforms/innovationplatform/add/")
    expect(page).to_have_title(re.compile(r"Lisää innovaatioalusta \|"))
