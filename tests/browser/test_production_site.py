"""Every page type in fi, sv and en as production serves it — DEBUG off, `collectstatic` with
hashed names, whitenoise, gunicorn: no failed request, no 4xx/5xx sub-resource, no console
error. What breaks only with hashed static names (Leaflet guessing its image folder from its
CSS's address) is invisible to the other tests, which read static/ directly."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from playwright.sync_api import Page

from elmo.i18n import LANGUAGES
from platforms.models import InnovationPlatform
from tests.browser.test_every_page_in_a_browser import PAGE_TYPES

# Pages whose own answer is an error on purpose; their sub-resources must still load.
EXPECTED_STATUS = {"not-found": 404, "need-errors": 400}
ADMIN_PAGES = [
    "/admin/",
    "/admin/platforms/innovationplatform/",
    "/admin/platforms/innovationplatform/add/",
    "/admin/platforms/innovationplatform/{platform}/change/",
    "/admin/clusters/cluster/",
    "/admin/platforms/organisation/",
    "/admin/priorities/region/",
]


class Watcher:
    """Collects what went wrong while the page loaded."""

    def __init__(self, page: Page):
        self.page = page
        self.problems: list[str] = []
        self.expected_document: tuple[str, int] | None = None
        page.on("requestfailed", self.failed)
        page.on("response", self.response)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: error {error}"))

    def failed(self, request):
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by going on to the next page (the tab's icon, say); not a fault
        self.problems.append(f"{self.page.url}: {request.url} failed ({request.failure})")

    def response(self, response):
        if response.status < 400:
            return
        if self.expected_document == (response.url, response.status):
            return
        self.problems.append(f"{self.page.url}: {response.url} answered {response.status}")

    def console(self, message):
        if message.type != "error":
            return
        location = message.location.get("url", "")
        expected = self.expected_document and location == self.expected_document[0]
        if expected and "Failed to load resource" in message.text:
            return  # Chromium's own note on the page's expected error status
        self.problems.append(f"{self.page.url}: console error {message.text} ({location})")

    def visit(self, url: str, expected_status: int = 200):
        self.expected_document = (url, expected_status) if expected_status >= 400 else None
        response = self.page.goto(url, wait_until="load")
        if response.status != expected_status:
            self.problems.append(f"{url}: answered {response.status}, not {expected_status}")
        if self.page.locator("[data-map]").count():
            # The boundaries are fetched and the markers drawn after the load.
            self.page.wait_for_load_state("networkidle")
            places = self.page.evaluate("JSON.parse(document.getElementById('map-data').text)")
            if places and not self.page.locator(".leaflet-marker-icon").count():
                self.problems.append(f"{url}: a map without markers")


def test_every_page_type_as_production_serves_it(production_site, page: Page):
    watcher = Watcher(page)
    for lang in LANGUAGES:
        for name, path in PAGE_TYPES.items():
            watcher.visit(production_site + path.format(lang=lang), EXPECTED_STATUS.get(name, 200))

    # The admin, with its own static files (select2, the tabbed translations, the map picker).
    password = "Revontulet-pohjoisessa-7"
    user = get_user_model().objects.create_superuser("coordinator", "c@example.org", None)
    # The server process knows only production's hashers, not the tests' quick one.
    user.password = PBKDF2PasswordHasher().encode(password, "productionsalt")
    user.save()
    watcher.visit(f"{production_site}/admin/login/")
    page.locator("#id_username").fill("coordinator")
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{production_site}/admin/")
    platform = InnovationPlatform.objects.order_by("pk").first().pk
    for path in ADMIN_PAGES:
        watcher.visit(production_site + path.format(platform=platform))

    assert not watcher.problems, "\n".join(watcher.problems)
