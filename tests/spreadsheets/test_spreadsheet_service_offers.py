"""What a company gets of each of a platform's services, in the spreadsheets: a column per
language (service_offers_fi…), one line per service with a text — ``testing: Talvitestausta``
— exported, imported back without a change, edited, cleared, and refused line by line."""

import io

import openpyxl
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entries import history
from entries.services import entry_save
from platforms.models import InnovationPlatform, PlatformService, Service
from spreadsheets.formats import CSV, XLSX, problems
from spreadsheets.resources import InnovationPlatformResource

from .conftest import confirm, csv_bytes, export, read_csv, signed_in, upload

pytestmark = pytest.mark.django_db

SLUG = "lumi-supercomputer"
COLUMNS = ["service_offers_fi", "service_offers_sv", "service_offers_en"]


@pytest.fixture
def platform():
    """Three services: two with texts (one of two lines), one without."""
    platform = InnovationPlatform.objects.get(slug=SLUG)
    testing, piloting, prototyping = (
        Service.objects.get(slug=slug) for slug in ("testing", "piloting", "prototyping")
    )
    entry_save(
        entry=platform,
        links={
            "services": {
                testing: {
                    "offer_text_fi": "Laskenta-aikaa testeihin",
                    "offer_text_en": "Computing time for tests",
                },
                piloting: {"offer_text_fi": "Pilotointia\n  suurella koneella: GPU"},
                prototyping: {},
            }
        },
    )
    return platform


def offers_of(platform):
    """``{slug: (fi, sv, en)}`` of the platform's service links, empty texts as None."""
    rows = PlatformService.objects.filter(platform=platform).select_related("service")
    return {
        row.service.slug: tuple(
            getattr(row, f"offer_text_{code}") or None for code in ("fi", "sv", "en")
        )
        for row in rows
    }


def exported_row(platform):
    dataset = InnovationPlatformResource().export(InnovationPlatform.objects.filter(pk=platform.pk))
    return dict(zip(dataset.headers, dataset[0], strict=True))


def import_row(row, *, dry_run=False):
    """Import the one row ``row`` (column → value) as a CSV file; the import's result."""
    content = csv_bytes([list(row), list(row.values())])
    dataset = CSV(encoding="utf-8-sig").create_dataset(content)
    return InnovationPlatformResource().import_data(dataset, dry_run=dry_run)


def required(platform, **values):
    """The required columns of ``platform`` as stored, with ``values``."""
    row = {
        "slug": platform.slug,
        "name_fi": platform.name_fi,
        "summary_fi": platform.summary_fi,
        "platform_type": platform.platform_type,
        "region": platform.region.code,
    }
    row.update(values)
    return row


def test_the_export_has_a_line_per_service_with_a_text_per_language(client, superuser, platform):
    rows = read_csv(export(signed_in(client, superuser), InnovationPlatform).content)
    [row] = [r for r in rows if r["slug"] == SLUG]
    header = list(rows[0])
    assert header[header.index("services") + 1 : header.index("services") + 4] == COLUMNS
    assert row["services"] == "piloting; prototyping; testing"
    # In the order of the slugs; a text's own line breaks are written as spaces.
    assert row["service_offers_fi"] == (
        "piloting: Pilotointia suurella koneella: GPU\ntesting: Laskenta-aikaa testeihin"
    )
    assert row["service_offers_sv"] == ""
    assert row["service_offers_en"] == "testing: Computing time for tests"


def test_the_export_reads_the_texts_in_a_constant_number_of_queries(platform):
    queryset = InnovationPlatform.objects.all()
    with CaptureQueriesContext(connection) as one:
        InnovationPlatformResource().export(queryset.filter(pk=platform.pk))
    with CaptureQueriesContext(connection) as every:
        dataset = InnovationPlatformResource().export(queryset)
    assert len(dataset) > 1
    assert len(every) == len(one)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_file_imported_again_changes_no_text_and_writes_no_history(
    client, superuser, platform, file_format
):
    client = signed_in(client, superuser)
    content = export(client, InnovationPlatform, file_format=file_format).content
    before, versions = offers_of(platform), platform.history.count()

    preview = upload(client, InnovationPlatform, content, file_format=file_format)
    assert preview.context["problems"] == []
    assert {row.import_type for row in preview.context["preview"]} == {"skip"}
    confirm(client, InnovationPlatform, preview)
    # The text of two lines, written on one, is kept as it was, line break included.
    assert offers_of(platform) == before
    assert before["piloting"][0] == "Pilotointia\n  suurella koneella: GPU"
    assert platform.history.count() == versions
    assert not LogEntry.objects.filter(object_id=str(platform.pk)).exists()


def edited_csv(content, column, edit):
    """The exported CSV ``content`` with ``edit(cell)`` in ``column`` of the row of ``SLUG``."""
    rows = read_csv(content)
    for row in rows:
        if row["slug"] == SLUG:
            row[column] = edit(row[column])
    return csv_bytes([list(rows[0]), *[list(row.values()) for row in rows]])


def test_a_text_edited_in_the_file_changes_that_link_text_with_one_history_record(
    client, superuser, platform
):
    client = signed_in(client, superuser)
    content = edited_csv(
        export(client, InnovationPlatform).content,
        "service_offers_en",
        lambda cell: cell.replace("Computing time for tests", "GPU hours for tests"),
    )
    before, versions = offers_of(platform), platform.history.count()

    preview = upload(client, InnovationPlatform, content)
    assert preview.context["problems"] == []
    [update] = [row for row in preview.context["preview"] if row.import_type == "update"]
    assert update.object_id == platform.pk
    assert update.changed_columns == ["service_offers_en"]
    shown = preview.context["result"].diff_headers.index("service_offers_en")
    assert "GPU hours" in update.diff[shown]
    assert offers_of(platform) == before  # the preview saves nothing

    done = confirm(client, InnovationPlatform, preview)
    assert "0 new, 1 updated" in done.text
    assert offers_of(platform) == {
        **before,
        "testing": ("Laskenta-aikaa testeihin", None, "GPU hours for tests"),
    }
    assert platform.history.count() == versions + 1
    latest, previous = platform.history.all()[:2]
    history.annotate_changes(InnovationPlatform, [latest], previous)
    assert [change["name"] for change in latest.changes] == ["services.offer_text_en"]
    entry = LogEntry.objects.get(object_id=str(platform.pk), action_flag=CHANGE)
    assert entry.get_change_message() == "Changed service_offers_en."


def test_an_edited_xlsx_cell_with_a_new_line_and_a_new_service(platform):
    book = openpyxl.load_workbook(io.BytesIO(_xlsx(platform)))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("services") + 1).value = "piloting; testing; training"
    sheet.cell(
        row=2, column=header.index("service_offers_sv") + 1
    ).value = "training: Kurser i superdatorer\r\n\r\ntesting:Testtid "
    stream = io.BytesIO()
    book.save(stream)
    dataset = XLSX().create_dataset(stream.getvalue())
    result = InnovationPlatformResource().import_data(dataset, dry_run=False)
    assert problems(result) == []
    assert offers_of(platform) == {
        "piloting": ("Pilotointia\n  suurella koneella: GPU", None, None),
        "testing": ("Laskenta-aikaa testeihin", "Testtid", "Computing time for tests"),
        "training": (None, "Kurser i superdatorer", None),
    }


def _xlsx(platform):
    queryset = InnovationPlatform.objects.filter(pk=platform.pk)
    return XLSX().export_data(InnovationPlatformResource().export(queryset))


def test_an_empty_cell_clears_that_language_and_a_column_left_out_keeps_its_texts(platform):
    result = import_row(required(platform, service_offers_fi=""))
    assert problems(result) == []
    assert offers_of(platform) == {
        "piloting": (None, None, None),
        "prototyping": (None, None, None),
        "testing": (None, None, "Computing time for tests"),
    }
    # Without the services column the lines name the services the platform has.
    result = import_row(required(platform, service_offers_sv="prototyping: Prototyper"))
    assert problems(result) == []
    assert offers_of(platform)["prototyping"] == (None, "Prototyper", None)
    assert offers_of(platform)["testing"] == (None, None, "Computing time for tests")


def test_a_service_removed_from_the_services_loses_its_texts_and_a_new_one_takes_one(platform):
    row = required(platform, services="testing; training", service_offers_fi="training: Koulutusta")
    assert problems(import_row(row)) == []
    assert offers_of(platform) == {
        "testing": (None, None, "Computing time for tests"),
        "training": ("Koulutusta", None, None),
    }


@pytest.mark.parametrize(
    ("cell", "messages"),
    [
        (
            "testing Laskenta-aikaa",
            ["Line 1 (“testing Laskenta-aikaa”) is not a slug, a colon and a text"],
        ),
        ("testing:", ["Line 1 (“testing:”) is not a slug, a colon and a text"]),
        (
            "testing: Laskenta-aikaa\nja tallennustilaa",
            ["Line 2 (“ja tallennustilaa”) is not a slug, a colon and a text"],
        ),
        (
            "testing: Laskenta-aikaa\n\ntraining: Koulutusta",
            ["Line 3: “training” is not among the row's services; add it there too."],
        ),
        (
            "testing: Laskenta-aikaa\ntesting: Toinen",
            ["Line 2: “testing” is already on line 1."],
        ),
        (
            "piloting: ok\ntesting: Laskenta\x0eaikaa",
            ["Line 2: Remove the control character U+000E from the text."],
        ),
        (
            "nope: x\nNope : y\nnope: z",
            [
                "Line 1: “nope” is not among the row's services; add it there too.",
                "Line 2: “Nope” is not among the row's services; add it there too.",
                "Line 3: “nope” is already on line 1.",
            ],
        ),
    ],
)
def test_a_bad_line_is_named_by_row_and_column_and_nothing_is_written(platform, cell, messages):
    before, versions = offers_of(platform), platform.history.count()
    other = required(platform, slug="toinen-alusta", services="testing")
    content = csv_bytes(
        [
            [*other, "service_offers_en"],
            [*other.values(), "testing: Fine"],
            [*required(platform, services="piloting; prototyping; testing").values(), cell],
        ]
    )
    dataset = CSV(encoding="utf-8-sig").create_dataset(content)
    result = InnovationPlatformResource().import_data(dataset, dry_run=False)
    found = problems(result)
    assert {(p.row, p.column) for p in found} == {(3, "service_offers_en")}
    assert len(found) == len(messages)
    for problem, message in zip(found, messages, strict=True):
        assert problem.message.startswith(message)
    assert offers_of(platform) == before
    assert platform.history.count() == versions
    assert not InnovationPlatform.objects.filter(slug="toinen-alusta").exists()


def test_a_bad_services_cell_is_named_once(platform):
    row = required(platform, services="no-such-service", service_offers_fi="testing: Laskentaa")
    found = problems(import_row(row))
    assert [(p.row, p.column) for p in found] == [(2, "services")]
