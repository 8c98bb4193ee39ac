"""What companies ask for: the dashboard, the open API and its CSV agree with a direct count
of enquiries built across regions and months; counts below 3 are "<3"; no personal data
appears in any statistics answer; the needs that found few matches reach the dashboard."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryRecipient
from enquiries.services import recipient_answer
from enquiries.statistics import figures
from platforms.models import InnovationPlatform

from .conftest import submitted
from .test_enquiry_admin_and_api import staff

pytestmark = pytest.mark.django_db
URL = "/api/v1/statistics/enquiries/"
# (month, platform slugs, how many such enquiries): Kainuu's LUMI, Lapland's proving ground.
PLAN = [
    ("2026-09", ["lumi-supercomputer"], 4),
    ("2026-09", ["lapland-proving-ground"], 1),
    ("2026-10", ["lumi-supercomputer", "lapland-proving-ground"], 3),
    ("2026-11", ["lapland-proving-ground"], 5),
]
COMPANY = "Salainen Testiyritys Oy"


def build():
    made = []
    for month, slugs, count in PLAN:
        for n in range(count):
            enquiry = submitted(
                *slugs,
                company_name=f"{COMPANY} {n}",
                contact_name="Sanna Salainen",
                email=f"sanna{n}@salainen.example",
                phone="+358 40 765 4321",
            )
            moment = timezone.make_aware(datetime.fromisoformat(f"{month}-10T12:00"))
            Enquiry.objects.filter(pk=enquiry.pk).update(confirmed=moment)
            made.append(Enquiry.objects.get(pk=enquiry.pk))
    return made


def direct():
    """Counted straight from the tables: enquiries per month and per (month, region code)."""
    per_month, per_region = {}, {}
    for enquiry in Enquiry.objects.confirmed().prefetch_related("recipients__region"):
        month = f"{timezone.localtime(enquiry.confirmed):%Y-%m}"
        per_month[month] = per_month.get(month, 0) + 1
        for code in {r.region.code for r in enquiry.recipients.all()}:
            per_region[month, code] = per_region.get((month, code), 0) + 1
    return per_month, per_region


def shown(count):
    return "<3" if 0 < count < 3 else count


def test_the_dashboard_the_api_and_the_csv_agree_with_a_direct_count(
    client, api, superuser, officers
):
    build()
    per_month, per_region = direct()
    assert per_month == {"2026-09": 5, "2026-10": 3, "2026-11": 5}
    months = api.get(URL).json()
    assert months == [{"month": m, "enquiries": shown(n)} for m, n in sorted(per_month.items())]
    regions = api.get(URL, {"by": "region"}).json()
    assert {(r["month"], r["region"]): r["enquiries"] for r in regions} == {
        key: shown(n) for key, n in per_region.items()
    }
    assert {"month": "2026-09", "region": "19", "enquiries": "<3"} in regions
    # CSV: the same rows.
    response = api.get(URL, {"by": "region", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["month"], r["region"], r["enquiries"]) for r in rows] == [
        (r["month"], r["region"], str(r["enquiries"])) for r in regions
    ]
    # Priorities: an enquiry counts once for each priority of its platforms.
    lumi = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    priorities = api.get(URL, {"by": "priority"}).json()
    for priority in lumi.priorities.all():
        expected = (
            Enquiry.objects.filter(confirmed__month=9, recipients__platform__priorities=priority)
            .distinct()
            .count()
        )
        row = next(
            r for r in priorities if r["month"] == "2026-09" and r["priority"] == priority.slug
        )
        assert row["enquiries"] == shown(expected) and expected >= 4
    # The dashboard: exact counts, the same ones.
    client.force_login(superuser)
    [area] = client.get("/admin/").context["enquiry_scopes"]
    assert dict(area["months"]) == per_month
    by_region = {region.code: n for region, n in area["regions"]}
    assert by_region == {
        code: sum(n for (_m, c), n in per_region.items() if c == code)
        for code in {c for _m, c in per_region}
    }
    assert area["enquiries"] == sum(per_month.values()) == Enquiry.objects.confirmed().count()


def test_an_officer_sees_their_regions_and_the_whole_area(client, django_user_model, officers):
    build()
    from accounts import roles
    from priorities.models import Region

    officer = staff(
        django_user_model, "kainuu-stats", roles.OFFICER, Region.objects.filter(code="18")
    )
    client.force_login(officer)
    mine, area = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").context["enquiry_scopes"]
    assert mine["enquiries"] == 4 + 3 and area["enquiries"] == 13
    assert [region.code for region, _n in mine["regions"]] == ["18"]


def test_answer_rate_and_median_time_to_the_first_answer(officers):
    enquiries = build()
    first, second = (e.recipients.first() for e in enquiries[:2])
    for recipient, days in ((first, 1), (second, 3)):
        recipient_answer(
            recipient=recipient,
            answer="yes",
            now=recipient.enquiry.confirmed + timedelta(days=days),
        )
    found = figures()
    assert found.recipients == EnquiryRecipient.objects.exclude(route="nobody").count() == 16
    assert found.answered == 2 and found.median_days == 2


def test_no_personal_data_in_any_statistics_answer(api, officers):
    build()
    secrets = [COMPANY, "Sanna", "Salainen", "salainen.example", "765 4321", "Testausta"]
    for by in ("month", "region", "priority"):
        for fmt in ("json", "csv"):
            text = api.get(URL, {"by": by, "format": fmt}).content.decode()
            assert text.strip(), (by, fmt)
            for secret in secrets + [e.email for e in Enquiry.objects.all()]:
                assert secret.lower() not in text.lower(), (by, fmt, secret)


@pytest.mark.parametrize("by", ["company", "month,region", "x" * 300])
def test_a_bad_breakdown_is_a_400_naming_the_field(api, by):
    for fmt in ("json", "csv"):
        response = api.get(URL, {"by": by, "format": fmt})
        assert response.status_code == 400 and "by" in response.json()


def test_the_answer_takes_the_same_queries_with_more_enquiries(api, officers):
    submitted("lumi-supercomputer")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get(URL, {"by": "priority"}).status_code == 200
        return len(queries)

    before = count()
    build()
    assert count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the terms are PostgreSQL's")
def test_needs_with_few_matches_reach_the_dashboard(client, superuser):
    client.get("/en/need/", {"need": "We need zyxvotron calibration and quokkagraphy"})
    client.force_login(superuser)
    [area] = client.get("/admin/").context["enquiry_scopes"]
    words = dict(area["gaps"])
    assert words.get("zyxvotron") == 1 and words.get("quokkagraphy") == 1
    assert "need" not in words  # a word of asking


def test_the_words_of_needs_go_after_the_retention(settings):
    from enquiries.models import NeedGap
    from enquiries.services import enquiries_anonymise, need_gaps_record

    settings.ENQUIRY_RETENTION_MONTHS = 12
    now = timezone.make_aware(datetime(2026, 12, 4, 12))
    need_gaps_record(words=["vanha"], now=now - timedelta(days=400))
    need_gaps_record(words=["uusi", "uusi", "x"], now=now - timedelta(days=20))
    assert enquiries_anonymise(now=now).gaps == 1
    assert list(NeedGap.objects.values_list("word", "needs")) == [("uusi", 1)]
