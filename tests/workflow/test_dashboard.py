"""The admin front page: counts per region and status, stale entries, gaps, recent changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entries.models import Status
from platforms.models import InnovationPlatform
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db


def test_the_front_page_counts_by_region_and_status(admin_client_fi):
    lappi = InnovationPlatform.objects.filter(region__code="19")
    draft = lappi.first()
    draft.status = Status.DRAFT
    draft.save()
    response = admin_client_fi.get("/admin/")
    assert response.status_code == 200
    summary = response.context["dashboard"]["models"][0]
    row = next(r for r in summary["rows"] if r["region"].code == "19")
    counts = dict(zip([s.value for s in Status], [c["count"] for c in row["cells"]], strict=True))
    assert counts[Status.DRAFT] == 1
    assert counts[Status.PUBLISHED] == lappi.filter(status=Status.PUBLISHED).count()
    assert sum(summary["totals"]) == InnovationPlatform.objects.count()
    # Every number links to the admin list that shows those entries.
    cell = row["cells"][0]
    listed = admin_client_fi.get(cell["url"]).context["cl"].result_count
    assert listed == cell["count"]


def test_stale_entries_and_gaps_are_counted_and_linked(admin_client_fi):
    platform = InnovationPlatform.objects.filter(status=Status.PUBLISHED).first()
    InnovationPlatform.objects.filter(pk=platform.pk).update(
        last_reviewed=datetime.date(2020, 1, 1), name_sv="", contact_email="", contact_phone=""
    )
    dashboard = admin_client_fi.get("/admin/").context["dashboard"]
    summary = dashboard["models"][0]
    assert dashboard["stale"][0]["entry"].pk in {
        p.pk for p in InnovationPlatform.objects.filter(last_reviewed__isnull=True)
    } | {platform.pk}
    stale_list = admin_client_fi.get(summary["stale_url"]).context["cl"]
    assert stale_list.result_count == summary["stale"] >= 1
    for gap in summary["gaps"]:
        listed = admin_client_fi.get(gap["url"]).context["cl"]
        assert listed.result_count == gap["count"], gap["label"]
    sv = next(g for g in summary["gaps"] if "missing=sv" in g["url"])
    assert platform.pk in {p.pk for p in admin_client_fi.get(sv["url"]).context["cl"].result_list}


def test_the_front_page_takes_the_same_queries_with_more_entries(admin_client_fi):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client_fi.get("/admin/").status_code == 200
        return len(queries)

    before = count()
    PlatformFactory.create_batch(30, status=Status.PUBLISHED)
    assert count() == before
