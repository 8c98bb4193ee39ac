"""Every page type in fi, sv and en: no WCAG 2.1 A/AA violation found by axe, nothing loaded
from another site, nothing blocked by the Content-Security-Policy, no sideways scrolling on a
320 px phone; screenshots at 375 and 1280 px."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from elmo.i18n import LANGUAGES

PAGE_TYPES = {
    "home": "/{lang}/",
    "search": "/{lang}/platforms/?q=laboratorio&region=16&region=17",
    "search-empty": "/{lang}/platforms/?q=zzzxxy",
    "platform": "/{lang}/platforms/lumi-supercomputer/",
    "clusters": "/{lang}/clusters/",
    "cluster": "/{lang}/clusters/arctic-smartness/",
    "region": "/{lang}/regions/kainuu/",
    "priority": "/{lang}/priorities/clean-tech/",
    "organisation": "/{lang}/organisations/university-of-oulu/",
    "about": "/{lang}/about/",
    "accessibility": "/{lang}/accessibility/",
    "privacy": "/{lang}/privacy/",
    "not-found": "/{lang}/platforms/no-such-platform/",
    "need": "/{lang}/need/",
    "need-results": "/{lang}/need/?need=akkujen+testaus+ja+kierr%C3%A4tys&region=18",
    "need-errors": "/{lang}/need/?need=akku&region=99",
    "enquiry": "/{lang}/enquiry/?entry=platform:lumi-supercomputer&entry=cluster:kuopio-health",
    "enquiry-sent": "/{lang}/enquiry/sent/",
    "link-refused": "/{lang}/enquiry/confirm/not-a-valid-token/",
    "propose-platform": "/{lang}/platforms/propose/",
    "proposal-sent": "/{lang}/platforms/update-sent/",
    "update-link-refused": "/{lang}/platforms/update/not-a-valid-token/",
}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_every_page_type_is_accessible_and_self_contained(site, page: Page, artifacts):
    axe = Axe()
    host = urlsplit(site).netloc
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).netloc in (host, "") or foreign.append(r.url))
    problems = []
    # The Content-Security-Policy forbids inline scripts: a page that needed one would log this.
    blocked = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and blocked.append(f"{page.url}: {m.text}"),
    )
    for lang in LANGUAGES:
        for name, path in PAGE_TYPES.items():
            url = site + path.format(lang=lang)
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(url)
            if "script-src 'self'" not in response.headers.get("content-security-policy", ""):
                problems.append(f"{url}: no Content-Security-Policy restricting scripts")
            if page.locator("[data-map]").count():
                page.wait_for_load_state("networkidle")  # the region boundaries are fetched
            results = axe.run(page, options=WCAG_21_AA)
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{url}: {violation['id']} ({violation['impact']}) {targets}")
            for width in (1280, 375, 320):
                page.set_viewport_size({"width": width, "height": 900})
                if width == 320:
                    overflow = page.evaluate("document.documentElement.scrollWidth")
                    if overflow > width:
                        problems.append(f"{url}: {overflow} px wide on a {width} px screen")
                else:
                    shot = artifacts / "screenshots" / f"{lang}-{name}-{width}.png"
                    page.screenshot(path=shot, full_page=True)
    assert not foreign, f"requests to other sites: {sorted(set(foreign))}"
    assert not blocked, "\n".join(blocked)
    assert not problems, "\n".join(problems)
