"""The admin's import (upload, preview, confirm) and export pages, and the round trip: a file
exported and imported again changes nothing."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from clusters.models import Cluster
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Region

from .conftest import LAPPI, admin_url, confirm, csv_bytes, export, signed_in, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_data():
    """Values of every kind a file carries: dates, decimals, numbers, empty and set
    translations, several links, a business ID, a text that looks like a formula."""
    organisation = Organisation.objects.order_by("pk").first()
    organisation.business_id = "1572860-0"
    organisation.save()
    platform = InnovationPlatform.objects.order_by("pk").first()
    platform.last_reviewed = datetime.date(2026, 3, 31)
    platform.latitude, platform.longitude = Decimal("65.01236"), Decimal("25.46816")
    platform.description_sv = None
    platform.summary_en = "=SUM(A1) looks like a formula; it is text"
    platform.sources = "https://example.org/a\nhttps://example.org/b"
    platform.save()
    cluster = Cluster.objects.order_by("pk").first()
    cluster.founded = 2014
    cluster.save()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", [InnovationPlatform, Organisation, Cluster], ids=str)
def test_an_exported_file_imported_again_changes_nothing(
    client, superuser, varied_data, model, file_format
):
    client = signed_in(client, superuser)
    content = export(client, model, file_format=file_format).content
    updated = dict(model.objects.values_list("pk", "updated"))

    preview = upload(client, model, content, file_format=file_format)
    assert preview.context["problems"] == []
    rows = preview.context["preview"]
    assert len(rows) == model.objects.count()
    assert {row.import_type for row in rows} == {"skip"}

    done = confirm(client, model, preview)
    assert f"0 new, 0 updated, {model.objects.count()} unchanged" in done.text
    assert dict(model.objects.values_list("pk", "updated")) == updated


def test_the_export_is_excel_friendly(client, superuser, varied_data):
    client = signed_in(client, superuser)
    response = export(client, InnovationPlatform)
    assert response["Content-Type"] == "text/csv"
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    assert 'filename="InnovationPlatform-' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("slug,status,name_fi,name_sv,name_en,summary_fi")
    assert "65.01236" in text  # a decimal point whatever the language of the page

    response = export(client, InnovationPlatform, file_format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    first = InnovationPlatform.objects.order_by("pk").first()
    [row] = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == first.slug]
    # Numbers and dates are cells of their kind, so that Excel sorts and filters them.
    assert row[header.index("latitude")] == pytest.approx(65.01236)
    assert row[header.index("last_reviewed")] == datetime.datetime(2026, 3, 31)

    lapland = Region.objects.get(code=LAPPI)
    query = f"?region__id__exact={lapland.pk}"
    response = export(client, InnovationPlatform, file_format="xlsx", query=query)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    regions = {row[header.index("region")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert regions == {LAPPI}  # the list's filters apply


def test_the_import_page_explains_the_columns(client, superuser):
    page = signed_in(client, superuser).get(admin_url(InnovationPlatform, "import"))
    assert page.status_code == 200
    assert "slug, status, name_fi, name_sv, name_en, summary_fi" in page.text
    assert "slug, name_fi, summary_fi, region, platform_type" in page.text
    assert 'name="import_file"' in page.text
    listing = client.get(admin_url(InnovationPlatform, "changelist"))
    assert admin_url(InnovationPlatform, "import") in listing.text


def test_the_problems_are_listed_in_a_table_by_row_and_column(client, superuser):
    content = csv_bytes(
        [
            ["slug", "name_fi", "kind", "business_id"],
            ["hyva", "Hyvä Oy", "company", ""],
            ["huono", "Huono Oy", "company", "123"],
        ]
    )
    page = upload(signed_in(client, superuser), Organisation, content)
    assert "<h2>Nothing was imported</h2>" in page.text
    assert "<td>3</td>" in page.text and "<code>business_id</code>" in page.text
    assert "Enter the business ID as seven digits" in page.text
    assert "confirm_form" not in page.context


def test_a_file_that_became_invalid_before_the_confirmation_imports_nothing(client, superuser):
    columns = ["slug", "name_fi", "summary_fi", "platform_type", "region", "hosts"]
    content = csv_bytes(
        [
            columns,
            ["ensimmainen", "Ensimmäinen", "Tiivis", "laboratory", LAPPI, ""],
            ["toinen", "Toinen", "Tiivis", "laboratory", LAPPI, "university-of-lapland"],
        ]
    )
    client = signed_in(client, superuser)
    preview = upload(client, InnovationPlatform, content)
    assert [row.import_type for row in preview.context["preview"]] == ["new", "new"]
    Organisation.objects.filter(slug="university-of-lapland").update(slug="lapin-yliopisto")

    page = confirm(client, InnovationPlatform, preview)
    assert page.status_code == 200
    [problem] = page.context["problems"]
    assert (problem.row, problem.column) == (3, "hosts")
    assert "Nothing was imported" in page.text
    assert not InnovationPlatform.objects.filter(slug__in=["ensimmainen", "toinen"]).exists()


def test_confirming_twice_imports_once(client, superuser):
    columns = ["slug", "name_fi", "summary_fi", "platform_type", "region"]
    content = csv_bytes([columns, ["kerran", "Kerran", "Tiivis", "laboratory", LAPPI]])
    client = signed_in(client, superuser)
    preview = upload(client, InnovationPlatform, content)
    confirm(client, InnovationPlatform, preview)
    again = confirm(client, InnovationPlatform, preview)
    assert again.status_code == 200
    assert "This import was already confirmed." in again.text
    assert again.redirect_chain[-1][0] == admin_url(InnovationPlatform, "import")
    assert InnovationPlatform.objects.filter(slug="kerran").count() == 1


def test_an_excel_file_chosen_as_csv_is_named_as_such(client, superuser):
    book = openpyxl.Workbook()
    stream = io.BytesIO()
    book.save(stream)
    page = upload(signed_in(client, superuser), Organisation, stream.getvalue())
    assert page.context["form"].errors["import_file"] == [
        "This is an Excel file: choose the format xlsx."
    ]


def test_the_pages_render_in_finnish(client, superuser):
    client = signed_in(client, superuser, language="fi")
    for view in ("import", "export"):
        assert client.get(admin_url(Cluster, view)).status_code == 200
