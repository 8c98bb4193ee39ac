"""The search on a phone: the filters start closed with the count of active ones, the active
filters are removable chips above the results, and a link skips to the results."""

import re

from playwright.sync_api import Page, expect


def test_search_on_a_phone(site, page: Page, artifacts):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/fi/platforms/?q=akku&region=16&type=laboratory")
    filters = page.locator("details.filters")
    expect(filters).not_to_have_attribute("open", re.compile(".*"))
    expect(filters.locator("summary")).to_have_text("Rajaukset (2 valittu)")
    # The first result is on the first screen, not 1 800 px down.
    first = page.locator(".result-list .card").first
    page.screenshot(path=artifacts / "screenshots" / "phone-search-filters-collapsed-375.png")
    assert first.bounding_box()["y"] < 800

    # The skip link takes the keyboard to the results.
    page.locator(".skip-to-results").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_be_focused()

    # A chip removes its filter and keeps the others.
    chips = page.locator(".chips .chip:not(.chip--clear)")
    expect(chips).to_have_count(2)
    page.locator(".chip", has_text="Keski-Pohjanmaa").click()
    expect(page).to_have_url(re.compile(r"\?q=akku&type=laboratory$"))
    expect(chips).to_have_count(1)
    # The filters open with a tap.
    filters.locator("summary").click()
    expect(page.get_by_label(re.compile(r"^Keski-Pohjanmaa"))).to_be_visible()

    # On a wide screen the filters are open from the start.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/fi/platforms/?q=akku")
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    expect(page.locator(".chips")).to_have_count(0)
    page.screenshot(path=artifacts / "screenshots" / "search-1280.png")
