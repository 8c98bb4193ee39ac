"""A partner mirrors the registry: a full pull, then only what changed since the last sync."""

import pytest
from django.utils import timezone

from clusters.models import Cluster
from entries.models import Status
from platforms.models import InnovationPlatform
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db


class Mirror:
    """A partner's copy, kept with nothing but the public API."""

    def __init__(self, api, endpoint, feed=""):
        self.api = api
        self.endpoint = endpoint
        self.feed = feed  # "" for the numbered pages of the list, "changes/" for the cursor
        self.entries = {}
        self.last_sync = None

    def pull(self, url, params):
        while url:
            page = self.api.get(url, params).json()
            params = None  # the next link carries them
            yield from page["results"]
            url = page["next"]

    def sync(self):
        started = timezone.now()
        params = {"page_size": 7}
        if self.last_sync:
            params["modified_after"] = self.last_sync.isoformat()
        for entry in self.pull(self.endpoint + self.feed, params):
            self.entries[entry["id"]] = entry
        if self.last_sync:
            gone = self.pull(self.endpoint + "withdrawn/", params)
            for entry in gone:
                self.entries.pop(entry["id"], None)
        self.last_sync = started

    def matches_the_registry(self):
        full = {e["id"]: e for e in self.pull(self.endpoint, {"page_size": 200})}
        return self.entries == full


@pytest.mark.parametrize("feed", ["", "changes/"])
@pytest.mark.parametrize("endpoint", ["/api/v1/platforms/", "/api/v1/clusters/"])
def test_incremental_sync_ends_with_an_exact_copy(api, endpoint, feed):
    mirror = Mirror(api, endpoint, feed)
    mirror.sync()
    assert len(mirror.entries) > 5 and mirror.matches_the_registry()

    # Creates, field updates, link changes (including a member platform being withdrawn),
    # unpublishing and archiving, all after the first sync.
    PlatformFactory(slug="brand-new", status=Status.PUBLISHED)
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    lumi.summary_en = "Updated summary."
    lumi.save()
    gtk = InnovationPlatform.objects.get(slug__startswith="gtk-mintec")
    gtk.save()
    gtk.services.set([])
    smart = Cluster.objects.get(slug="arctic-smartness")
    smart.save()
    smart.priorities.remove(smart.priorities.first())
    member = Cluster.objects.filter(members__isnull=False).exclude(pk=smart.pk).first()
    withdrawn_member = member.members.first()
    withdrawn_member.status = Status.DRAFT
    withdrawn_member.save()
    archived = Cluster.objects.get(slug="kuopio-health")
    archived.status = Status.ARCHIVED
    archived.save()

    mirror.sync()
    assert mirror.matches_the_registry()
    assert withdrawn_member.pk not in mirror.entries or endpoint.endswith("clusters/")


def test_modified_after_returns_only_what_changed(api):
    since = timezone.now()
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    lumi.priorities.set(lumi.priorities.all()[:1])
    lumi.save()  # a change of links is saved with the entry, which marks it modified
    changed = api.get("/api/v1/platforms/", {"modified_after": since.isoformat()}).json()
    assert [entry["slug"] for entry in changed["results"]] == ["lumi-supercomputer"]


def test_withdrawn_lists_only_entries_that_were_public(api):
    draft = PlatformFactory(slug="never-public", status=Status.DRAFT)
    published = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    published.status = Status.ARCHIVED
    published.save()
    slugs = [e["slug"] for e in api.get("/api/v1/platforms/withdrawn/").json()["results"]]
    assert slugs == ["lumi-supercomputer"]
    assert draft.slug not in slugs


def test_changes_come_in_the_order_they_were_made_paged_by_a_cursor(api):
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    lumi.summary_en = "Changed last."
    lumi.save()
    first = api.get("/api/v1/platforms/changes/", {"page_size": 10}).json()
    assert "count" not in first and first["previous"] is None
    assert "cursor=" in first["next"]
    seen, url = [], "/api/v1/platforms/changes/?page_size=10"
    while url:
        page = api.get(url).json()
        seen += page["results"]
        url = page["next"]
    published = InnovationPlatform.objects.published()
    assert [e["id"] for e in seen] == list(
        published.order_by("updated", "id").values_list("id", flat=True)
    )
    assert seen[-1]["slug"] == "lumi-supercomputer"


def test_a_later_page_of_changes_costs_what_the_first_costs(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.get("/api/v1/platforms/changes/", {"page_size": 4})  # reads the content token once
    with CaptureQueriesContext(connection) as first:
        page = api.get("/api/v1/platforms/changes/", {"page_size": 5}).json()
    for _ in range(3):
        with CaptureQueriesContext(connection) as later:
            page = api.get(page["next"]).json()
        assert len(later) == len(first)
        assert not any("COUNT(" in query["sql"] for query in later.captured_queries)


def test_a_page_size_out_of_range_is_refused_on_the_changes_too(api):
    response = api.get("/api/v1/platforms/changes/", {"page_size": 500})
    assert response.status_code == 400
    assert "page_size" in response.json()
