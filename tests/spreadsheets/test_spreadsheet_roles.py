"""An officer imports and exports only within their regions; editors do not import; the
coordinator imports and exports everything; exports take the same queries for any number of
entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import Cluster
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Priority, Region
from tests.factories import ClusterFactory, OrganisationFactory, PlatformFactory

from .conftest import (
    KAINUU,
    LAPPI,
    admin_url,
    confirm,
    csv_bytes,
    export,
    read_csv,
    signed_in,
    upload,
)

pytestmark = pytest.mark.django_db
COLUMNS = ["slug", "name_fi", "summary_fi", "platform_type", "region", "status"]


def row(platform, **values):
    data = {column: getattr(platform, column) for column in COLUMNS}
    data["region"] = platform.region.code
    data.update(values)
    return [data[column] for column in COLUMNS]


def platform_in(code):
    return InnovationPlatform.objects.filter(region__code=code).order_by("pk").first()


def snapshot():
    return list(InnovationPlatform.objects.order_by("pk").values_list("pk", "name_fi", "status"))


def test_an_officer_importing_a_row_of_another_region_changes_nothing(client, officer):
    own, other = platform_in(LAPPI), platform_in(KAINUU)
    before = snapshot()
    content = csv_bytes(
        [COLUMNS, row(own, name_fi="Lapin uusi nimi"), row(other, name_fi="Kainuun uusi nimi")]
    )
    response = upload(signed_in(client, officer), InnovationPlatform, content)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [problem] = response.context["problems"]
    assert (problem.row, problem.column) == (3, "region")
    assert problem.message == "You may change only entries of your own regions or assigned to you."
    assert "Nothing was imported: the file has 1 problem, listed below." in response.text
    assert problem.message in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("create", "You may not add an entry in Kainuu: it is not one of your regions."),
        ("move", "You may not move an entry to Kainuu: it is not one of your regions."),
    ],
)
def test_an_officer_neither_adds_nor_moves_entries_to_another_region(
    client, officer, change, message
):
    own = platform_in(LAPPI)
    if change == "create":
        line = row(own, slug="uusi-kainuussa", region=KAINUU)
    else:
        line = row(own, region=KAINUU)
    before = snapshot()
    response = upload(signed_in(client, officer), InnovationPlatform, csv_bytes([COLUMNS, line]))
    [problem] = response.context["problems"]
    assert (problem.row, problem.column, problem.message) == (2, "region", message)
    assert snapshot() == before


def test_an_officer_publishes_in_their_region_by_import(client, officer):
    own = platform_in(LAPPI)
    InnovationPlatform.objects.filter(pk=own.pk).update(status=Status.DRAFT)
    own.refresh_from_db()
    new = row(own, slug="lapin-uusi-alusta", name_fi="Lapin uusi alusta", status="published")
    content = csv_bytes([COLUMNS, row(own, status="published"), new])
    client = signed_in(client, officer)
    preview = upload(client, InnovationPlatform, content)
    assert [r.import_type for r in preview.context["preview"]] == ["update", "new"]
    confirm(client, InnovationPlatform, preview)
    own.refresh_from_db()
    assert own.status == Status.PUBLISHED and own.first_published is not None
    assert InnovationPlatform.objects.get(slug="lapin-uusi-alusta").region.code == LAPPI


def test_an_officer_exports_only_the_entries_of_their_regions(client, officer):
    client = signed_in(client, officer)
    for model in (InnovationPlatform, Cluster, Organisation):
        rows = read_csv(export(client, model).content)
        expected = model.objects.filter(region__code=LAPPI)
        assert rows, model
        assert {r["region"] for r in rows} == {LAPPI}
        assert sorted(r["slug"] for r in rows) == sorted(expected.values_list("slug", flat=True))
    page = client.get(admin_url(InnovationPlatform, "export"))
    count = InnovationPlatform.objects.filter(region__code=LAPPI).count()
    assert f"{count} entries will be exported" in page.text
    assert "only the entries you may change" in page.text


def test_the_coordinator_exports_everything(client, coordinator):
    rows = read_csv(export(signed_in(client, coordinator), InnovationPlatform).content)
    assert len(rows) == InnovationPlatform.objects.count()
    assert len({r["region"] for r in rows}) == 7


def test_an_editor_may_not_import(client, editor):
    platform = platform_in(KAINUU)
    platform.editors.add(editor)
    client = signed_in(client, editor)
    assert client.get(admin_url(InnovationPlatform, "import")).status_code == 403
    content = csv_bytes([COLUMNS, row(platform, name_fi="Editorin nimi")])
    assert upload(client, InnovationPlatform, content).status_code == 403
    listing = client.get(admin_url(InnovationPlatform, "changelist"))
    assert admin_url(InnovationPlatform, "import") not in listing.text
    assert admin_url(InnovationPlatform, "export") in listing.text
    rows = read_csv(export(client, InnovationPlatform).content)
    assert [r["slug"] for r in rows] == [platform.slug]


def test_the_export_takes_as_many_queries_for_many_entries_as_for_few(client, officer):
    client = signed_in(client, officer)
    lapland, kainuu = Region.objects.get(code=LAPPI), Region.objects.get(code=KAINUU)

    def queries():
        counts = {}
        for model in (InnovationPlatform, Cluster, Organisation):
            with CaptureQueriesContext(connection) as captured:
                export(client, model)
            counts[model] = len(captured)
        return counts

    before = queries()
    priority = Priority.objects.first()
    for n in range(30):
        organisation = OrganisationFactory(slug=f"qc-org-{n}", region=lapland)
        platform = PlatformFactory(region=lapland)
        platform.hosts.add(organisation)
        platform.other_regions.add(kainuu)
        platform.priorities.add(priority)
        cluster = ClusterFactory(region=lapland, coordinator=organisation)
        cluster.members.add(platform)
        cluster.partners.add(organisation)
    assert queries() == before
