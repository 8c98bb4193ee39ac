"""Importing platforms, organisations and clusters from CSV and Excel files: new entries with
their links, updates by slug, and bad files refused whole with every problem by row and column."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

from clusters.models import Cluster
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation
from search import search_entries
from spreadsheets.formats import CSV, XLSX, problems
from spreadsheets.resources import ClusterResource, InnovationPlatformResource, OrganisationResource

from .conftest import KAINUU, LAPPI, confirm, csv_bytes, signed_in, upload

pytestmark = pytest.mark.django_db

PLATFORM_COLUMNS = [
    "slug",
    "status",
    "name_fi",
    "name_sv",
    "summary_fi",
    "platform_type",
    "region",
    "other_regions",
    "hosts",
    "priorities",
    "services",
    "town_fi",
    "latitude",
    "longitude",
    "last_reviewed",
]


def new_platform_row(**values):
    row = {
        "slug": "tunturi-testikeskus",
        "status": "draft",
        "name_fi": "Tunturin talvitestikeskus",
        "name_sv": "Fjällets vintertestcenter",
        "summary_fi": "Ajoneuvojen talvitestausta tunturissa.",
        "platform_type": "testing_piloting",
        "region": LAPPI,
        "other_regions": f"{KAINUU}; 17",
        "hosts": "university-of-lapland; lapland-university-of-applied-sciences",
        "priorities": "clean-tech",
        "services": "",
        "town_fi": "Enontekiö",
        "latitude": "68.38",
        "longitude": "23.64",
        "last_reviewed": "",
    }
    row.update(values)
    return [row[column] for column in PLATFORM_COLUMNS]


def test_a_new_platform_is_created_with_its_links_and_found_by_the_search(client, superuser):
    service = InnovationPlatform.services.rel.model.objects.order_by("slug").first()
    content = csv_bytes(
        [PLATFORM_COLUMNS, new_platform_row(services=service.slug, last_reviewed="1.10.2026")]
    )
    client = signed_in(client, superuser)
    preview = upload(client, InnovationPlatform, content)
    assert preview.status_code == 200
    assert not preview.context["problems"]
    assert not InnovationPlatform.objects.filter(slug="tunturi-testikeskus").exists()

    done = confirm(client, InnovationPlatform, preview)
    assert "Import finished: 1 new, 0 updated, 0 unchanged." in done.text
    platform = InnovationPlatform.objects.get(slug="tunturi-testikeskus")
    assert platform.name_sv == "Fjällets vintertestcenter"
    assert platform.name_en is None
    assert platform.region.code == LAPPI
    assert set(platform.other_regions.values_list("code", flat=True)) == {KAINUU, "17"}
    assert set(platform.hosts.values_list("slug", flat=True)) == {
        "university-of-lapland",
        "lapland-university-of-applied-sciences",
    }
    assert list(platform.services.all()) == [service]
    assert list(platform.priorities.values_list("slug", flat=True)) == ["clean-tech"]
    assert platform.latitude == Decimal("68.38000")
    assert str(platform.last_reviewed) == "2026-10-01"
    assert platform.status == Status.DRAFT
    # The search document was written after the links: the host's name finds it too.
    found = search_entries(InnovationPlatform.objects.all(), "talvitestikeskus")
    assert platform in found
    assert platform in search_entries(InnovationPlatform.objects.all(), "Enontekiö")
    entry = LogEntry.objects.get(object_id=str(platform.pk))
    assert entry.action_flag == ADDITION and entry.get_change_message() == "Added."


def test_an_existing_entry_is_updated_by_its_slug(client, superuser):
    platform = InnovationPlatform.objects.filter(region__code=LAPPI).order_by("pk").first()
    hosts_before = set(platform.hosts.all())
    columns = ["slug", "name_fi", "summary_fi", "platform_type", "region", "name_en"]
    row = [getattr(platform, column) for column in columns[:4]]
    content = csv_bytes(
        [[*columns, "keywords_en"], [*row, LAPPI, "Renamed by a file", "snowmobiles"]]
    )
    client = signed_in(client, superuser)
    preview = upload(client, InnovationPlatform, content)
    assert [row.import_type for row in preview.context["preview"]] == ["update"]
    done = confirm(client, InnovationPlatform, preview)
    assert "0 new, 1 updated" in done.text
    platform.refresh_from_db()
    assert platform.name_en == "Renamed by a file"
    assert set(platform.hosts.all()) == hosts_before  # a column left out is left as it is
    assert platform in search_entries(InnovationPlatform.objects.all(), "snowmobiles")
    entry = LogEntry.objects.get(object_id=str(platform.pk), action_flag=CHANGE)
    assert entry.get_change_message() == "Changed name_en and keywords_en."


def import_file(resource, content, *, file_format=CSV, dry_run=True, user=None):
    dataset = file_format(encoding="utf-8-sig").create_dataset(content)
    return resource(user=user).import_data(dataset, dry_run=dry_run)


def test_an_organisation_file_with_one_bad_business_id_imports_nothing():
    before = Organisation.objects.count()
    content = csv_bytes(
        [
            ["slug", "name_fi", "kind", "business_id", "region"],
            ["uusi-yritys", "Uusi yritys Oy", "company", "1572860-0", LAPPI],
            ["toinen-yritys", "Toinen yritys Oy", "company", "1572860-1", KAINUU],
            ["kolmas-yritys", "Kolmas yritys Oy", "company", "", ""],
        ]
    )
    result = import_file(OrganisationResource, content, dry_run=False)
    found = problems(result)
    assert [(p.row, p.column) for p in found] == [(3, "business_id")]
    assert "check digit" in found[0].message
    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(slug="uusi-yritys").exists()


def test_an_unknown_region_code_is_named_by_row_and_column_and_nothing_is_written():
    before = InnovationPlatform.objects.count()
    content = csv_bytes(
        [
            PLATFORM_COLUMNS,
            new_platform_row(),
            new_platform_row(slug="toinen", other_regions="18; 99"),
            new_platform_row(slug="kolmas", region="98"),
        ]
    )
    result = import_file(InnovationPlatformResource, content, dry_run=False)
    found = problems(result)
    assert [(p.row, p.column) for p in found] == [(3, "other_regions"), (4, "region")]
    assert "“99” does not exist" in found[0].message
    assert "The region codes are 10, 11, 12, 16, 17, 18, 19." in found[1].message
    assert InnovationPlatform.objects.count() == before


def test_coordinates_outside_finland_refuse_the_file():
    content = csv_bytes(
        [PLATFORM_COLUMNS, new_platform_row(slug="a"), new_platform_row(slug="b", latitude="75")]
    )
    result = import_file(InnovationPlatformResource, content, dry_run=False)
    found = problems(result)
    assert [(p.row, p.column) for p in found] == [(3, "latitude")]
    assert "must lie in Finland" in found[0].message
    assert not InnovationPlatform.objects.filter(slug__in=["a", "b"]).exists()


def test_a_slug_given_twice_refuses_the_file():
    content = csv_bytes(
        [PLATFORM_COLUMNS, new_platform_row(), new_platform_row(name_fi="Toinen nimi")]
    )
    [problem] = problems(import_file(InnovationPlatformResource, content))
    assert (problem.row, problem.column) == (3, "slug")
    assert problem.message == "The same slug is on row 2."


def test_unknown_slugs_a_missing_name_and_a_bad_type_are_all_listed():
    content = csv_bytes(
        [
            PLATFORM_COLUMNS,
            new_platform_row(hosts="no-such-host; university-of-lapland"),
            new_platform_row(slug="b", name_fi="", platform_type="rocket", priorities="nope"),
        ]
    )
    found = problems(import_file(InnovationPlatformResource, content))
    assert {(p.row, p.column) for p in found} == {
        (2, "hosts"),
        (3, "name_fi"),
        (3, "platform_type"),
        (3, "priorities"),
    }
    assert any("“no-such-host” does not exist" in p.message for p in found)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["slug", "nimi_fi", "kind"], ["Unknown columns: nimi_fi.", "Missing columns: name_fi."]),
        (["name_fi", "kind"], ["Missing columns: slug."]),
        (["slug", "name_fi", "kind", "kind"], ["Repeated columns: kind."]),
    ],
)
def test_wrong_columns_refuse_the_file_and_list_the_expected_ones(columns, expected):
    content = csv_bytes([columns, ["uusi", "Uusi", "company", "company"][: len(columns)]])
    result = import_file(OrganisationResource, content, dry_run=False)
    [problem] = problems(result)
    assert problem.row is None
    for text in expected:
        assert text in problem.message
    assert (
        "The columns are slug, name_fi, name_sv, name_en, kind, business_id, ror_id, website, "
        "region;" in problem.message
    )
    assert "required: slug, name_fi, kind." in problem.message
    assert not result.rows
    assert not Organisation.objects.filter(slug="uusi").exists()


def test_a_semicolon_separated_file_with_decimal_commas_as_finnish_excel_saves_it():
    rows = [PLATFORM_COLUMNS, new_platform_row(latitude="68,38", last_reviewed="31.12.2026")]
    content = b"\xef\xbb\xbf" + csv_bytes(rows, delimiter=";")
    result = import_file(InnovationPlatformResource, content, dry_run=False)
    assert problems(result) == []
    platform = InnovationPlatform.objects.get(slug="tunturi-testikeskus")
    assert platform.latitude == Decimal("68.38")
    assert str(platform.last_reviewed) == "2026-12-31"


def test_a_latin_1_file_is_refused_with_a_clear_message(client, superuser):
    content = csv_bytes(
        [["slug", "name_fi", "kind"], ["saaksi", "Sääksi Oy", "company"]], encoding="latin-1"
    )
    with pytest.raises(UnicodeDecodeError):
        CSV(encoding="utf-8-sig").create_dataset(content)
    response = upload(signed_in(client, superuser), Organisation, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert errors == [
        "The file is not in UTF-8. Save it again as “CSV UTF-8” (in Excel: Save as › CSV "
        "UTF-8), or as an Excel file, and upload that."
    ]
    assert "confirm_form" not in response.context
    assert not Organisation.objects.filter(slug="saaksi").exists()


def test_an_excel_file_with_blank_lines_and_a_formula_like_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["slug", "name_fi", "summary_fi", "region", "other_regions", "founded", None])
    sheet.append(["uusi-klusteri", "Uusi klusteri", "Tiivistelmä", 19, 18, 2021.0, None])
    sheet.append([None] * 7)
    sheet.append(["=virhe", "Toinen", "Tiivistelmä", 19, None, "vuosi", None])
    stream = io.BytesIO()
    book.save(stream)
    found = problems(import_file(ClusterResource, stream.getvalue(), file_format=XLSX))
    assert {(p.row, p.column) for p in found} == {(4, "founded"), (4, "slug")}

    cluster = Cluster.objects.order_by("pk").first()
    cluster.summary_en = "=1+1 is not a formula here"
    cluster.save()
    exported = XLSX().export_data(ClusterResource().export(Cluster.objects.filter(pk=cluster.pk)))
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    column = [c.value for c in sheet[1]].index("summary_en")
    cell = sheet.cell(row=2, column=column + 1)
    assert cell.value == "=1+1 is not a formula here" and cell.data_type == "s"


def test_a_control_character_refuses_the_file():
    content = csv_bytes([PLATFORM_COLUMNS, new_platform_row(name_fi="Tunturin\x0etestikeskus")])
    found = problems(import_file(InnovationPlatformResource, content, dry_run=False))
    assert {(p.row, p.column) for p in found} == {(2, "name_fi")}
    assert "U+000E" in found[0].message
    assert not InnovationPlatform.objects.filter(slug="tunturi-testikeskus").exists()
