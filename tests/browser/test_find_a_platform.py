"""A company finds a platform, opens it and switches language — by mouse, and by keyboard alone."""

import re

from playwright.sync_api import Page, expect


def test_search_filter_open_and_switch_language_with_the_mouse(site, page: Page):
    page.goto(f"{site}/fi/")
    page.get_by_label("Hakusanat").fill("akku")
    page.get_by_role("button", name="Hae alustoja").click()
    expect(page).to_have_url(re.compile(r"/fi/platforms/\?q=akku"))
    page.get_by_label(re.compile(r"^Keski-Pohjanmaa")).check()
    page.get_by_role("button", name="Käytä rajauksia").click()
    expect(page).to_have_url(re.compile(r"region=16"))
    expect(page.locator("#results-heading")).to_contain_text("löytyi")
    page.locator(".result-list .card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/fi/platforms/[\w-]+/$"))
    finnish_title = page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="Svenska").click()
    expect(page).to_have_url(re.compile(r"/sv/platforms/[\w-]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert page.locator("h1").inner_text() != finnish_title


def tab_until(page: Page, description: str, condition: str, limit: int = 150):
    """Press Tab until the focused element meets a JavaScript condition on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tab never reached {description}")


def test_the_same_with_the_keyboard_alone(site, page: Page):
    page.goto(f"{site}/en/")
    tab_until(page, "the skip link", "el.classList.contains('skip-link')")
    tab_until(page, "the search box", "el.id === 'home-q'")
    page.keyboard.type("battery")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/platforms/\?q=battery"))
    tab_until(page, "the Central Ostrobothnia checkbox", "el.id === 'f-region-16'")
    page.keyboard.press("Space")
    tab_until(page, "the apply button", "el.textContent.trim() === 'Apply filters'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"region=16"))
    tab_until(page, "the first result", "el.closest('.result-list') !== null")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/platforms/[\w-]+/$"))
    tab_until(page, "the Finnish language link", "el.getAttribute('hreflang') === 'fi'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/fi/platforms/[\w-]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")


def test_the_map_is_usable_by_keyboard(site, page: Page):
    page.goto(f"{site}/en/platforms/?q=laboratory")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    # The map holds every match, not only the page's: its list says so too.
    found = int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group())
    places = page.locator(".map-list li")
    assert places.count() == len(
        page.evaluate("JSON.parse(document.getElementById('map-data').text)")
    )
    assert places.count() >= found - 1  # all but a platform without a location, if any
    tab_until(page, "the map", "el.classList.contains('leaflet-container')")
    page.keyboard.press("+")  # zooms in
    for _ in range(10):
        tab_until(page, "a marker", "el.classList.contains('leaflet-marker-icon')")
        if "map-cluster" not in (page.evaluate("document.activeElement.className") or ""):
            break
        page.keyboard.press("Enter")  # a numbered group: zooms in to its places
        page.wait_for_timeout(400)
        tab_until(page, "the map", "el.classList.contains('leaflet-container')")
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_focused()
    popup_link.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/platforms/[\w-]+/$"))


def test_crowded_places_are_grouped_and_a_group_opens_by_keyboard(site, page: Page):
    page.goto(f"{site}/fi/platforms/")
    groups = page.locator(".leaflet-marker-icon.map-cluster")
    expect(groups.first).to_be_visible()
    label = groups.first.inner_text()
    assert int(re.search(r"\d+", label).group()) >= 2
    count = page.locator(".leaflet-marker-icon").count()
    groups.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert page.locator(".leaflet-marker-icon").count() != count or groups.count() == 0


def test_a_suggested_cluster_opens_the_cluster_not_a_search(site, page: Page):
    page.goto(f"{site}/fi/platforms/")
    page.get_by_label("Hakusanat").fill("Kuopio Health")
    option = page.locator("#id_q-suggestions option[value^='Kuopio Health -']")
    expect(option).to_have_count(1)
    assert option.get_attribute("label") == "Klusteri"
    page.get_by_label("Hakusanat").fill(option.get_attribute("value"))
    page.get_by_label("Hakusanat").press("Enter")
    expect(page).to_have_url(f"{site}/fi/clusters/kuopio-health/")
