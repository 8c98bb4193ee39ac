"""What a company decides on — offer, readiness, terms, where and when, how to start, identifiers —
in the API (in and out, validated by name), the public pages, the spreadsheets and the history."""

import pytest
from django.core.exceptions import ValidationError

from entries.services import entry_save
from platforms.models import InnovationPlatform, Organisation
from priorities.models import Priority
from spreadsheets.resources import InnovationPlatformResource

pytestmark = pytest.mark.django_db

SLUG = "lumi-supercomputer"
TERMS = {
    "offer": {"fi": "Laskenta-aikaa yrityksille", "sv": None, "en": "Computing time for companies"},
    "trl_min": 4,
    "trl_max": 7,
    "access_model": "subsidised",
    "pricing_note": {"fi": "de minimis -tuki", "sv": None, "en": "de minimis aid"},
    "lead_time": {"fi": "2–4 viikkoa", "sv": None, "en": "two to four weeks"},
    "user_groups": ["sme", "research"],
    "country_restriction": {"fi": "", "sv": None, "en": "EU and EEA"},
    "delivery": "both",
    "months": [1, 2, 12],
    "service_languages": ["fi", "en"],
    "booking_url": "https://example.org/book",
    "general_email": "lab@example.org",
    "research_fi_urn": "urn:nbn:fi:research-infras-2016072533",
}


def test_the_terms_go_in_and_come_out_of_the_api_with_a_history_record(staff_api, api):
    platform = InnovationPlatform.objects.get(slug=SLUG)
    versions = platform.history.count()
    answer = staff_api.patch(f"/api/v1/platforms/{SLUG}/", TERMS, format="json")
    assert answer.status_code == 200, answer.json()
    shown = api.get(f"/api/v1/platforms/{SLUG}/").json()
    for name, value in TERMS.items():
        if isinstance(value, dict):
            assert shown[name]["en"] == value["en"], name
        else:
            assert shown[name] == value, name
    assert platform.history.count() == versions + 1
    latest = platform.history.first()
    assert latest.months == [1, 2, 12] and latest.trl_max == 7


def test_months_and_groups_are_kept_in_order_without_repeats(staff_api):
    answer = staff_api.patch(
        f"/api/v1/platforms/{SLUG}/",
        {"months": [12, 1, 1], "user_groups": ["public", "sme"]},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    platform = InnovationPlatform.objects.get(slug=SLUG)
    assert platform.months == [1, 12]
    assert platform.user_groups == ["sme", "public"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"trl_min": 0, "trl_max": 3}, "trl_min"),
        ({"trl_min": 3, "trl_max": 10}, "trl_max"),
        ({"trl_min": 7, "trl_max": 3}, "trl_max"),
        ({"trl_min": 3}, "trl_max"),
        ({"access_model": "cheap"}, "access_model"),
        ({"delivery": "teleport"}, "delivery"),
        ({"months": [13]}, "months"),
        ({"months": "winter"}, "months"),
        ({"user_groups": ["everyone"]}, "user_groups"),
        ({"service_languages": ["xx"]}, "service_languages"),
        ({"booking_url": "not a link"}, "booking_url"),
        ({"general_email": "nobody"}, "general_email"),
        ({"research_fi_urn": "urn:nbn:fi:something"}, "research_fi_urn"),
    ],
)
def test_bad_terms_are_a_400_naming_the_field_and_write_nothing(staff_api, body, field):
    answer = staff_api.patch(f"/api/v1/platforms/{SLUG}/", body, format="json")
    assert answer.status_code == 400
    assert field in answer.json(), answer.json()
    platform = InnovationPlatform.objects.get(slug=SLUG)
    assert platform.trl_min is None and platform.months == []


def test_identifiers_are_checked_by_format():
    organisation = Organisation.objects.order_by("pk").first()
    organisation.ror_id = "https://ror.org/0abcdef12"
    with pytest.raises(ValidationError) as error:
        entry_save(entry=organisation)
    assert "ror_id" in error.value.message_dict
    priority = Priority.objects.order_by("pk").first()
    for bad in ("27", "C2", "C27.123", "C27;C28"):
        priority.nace_codes = bad
        with pytest.raises(ValidationError):
            priority.full_clean()
    priority.nace_codes = "C27, C28.1, M72.19"
    priority.full_clean()


def test_the_public_page_shows_the_terms_and_the_identifiers_as_links(staff_api, client):
    staff_api.patch(f"/api/v1/platforms/{SLUG}/", TERMS, format="json")
    html = client.get(f"/en/platforms/{SLUG}/").text
    assert "Computing time for companies" in html
    assert "4–7" in html
    assert "Subsidised" in html
    assert "Small and medium-sized enterprises, research organisations" in html
    assert "January, February, December" in html
    assert 'href="https://urn.fi/urn:nbn:fi:research-infras-2016072533"' in html
    assert 'href="https://example.org/book"' in html
    assert 'href="mailto:lab@example.org"' in html
    fi = client.get(f"/fi/platforms/{SLUG}/").text
    assert "Laskenta-aikaa yrityksille" in fi
    assert "tammikuu" in fi.lower()


def test_an_organisation_shows_its_ror_id_as_a_link(client):
    organisation = InnovationPlatform.objects.get(slug=SLUG).hosts.first()
    organisation.ror_id = "0abcdef12"
    entry_save(entry=organisation)
    html = client.get(organisation.get_absolute_url().replace("/fi/", "/en/")).text
    assert 'href="https://ror.org/0abcdef12"' in html


def test_a_page_without_terms_shows_no_empty_section(client):
    html = client.get(f"/en/platforms/{SLUG}/").text
    assert 'id="h-terms"' not in html


def test_the_spreadsheet_round_trip_keeps_the_terms(staff_api):
    staff_api.patch(f"/api/v1/platforms/{SLUG}/", TERMS, format="json")
    queryset = InnovationPlatform.objects.filter(slug=SLUG)
    dataset = InnovationPlatformResource().export(queryset)
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["months"] == "1; 2; 12"
    assert row["user_groups"] == "sme; research"
    assert row["trl_min"] == "4"
    InnovationPlatform.objects.filter(slug=SLUG).update(
        trl_min=None, trl_max=None, months=[], user_groups=[], offer_en=None, access_model=""
    )
    result = InnovationPlatformResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    platform = InnovationPlatform.objects.get(slug=SLUG)
    assert (platform.trl_min, platform.trl_max) == (4, 7)
    assert platform.months == [1, 2, 12]
    assert platform.user_groups == ["sme", "research"]
    assert platform.offer_en == "Computing time for companies"
    assert platform.access_model == "subsidised"
    assert "trl:5" in platform.search_facets


def test_a_bad_month_in_a_spreadsheet_is_named():
    dataset = InnovationPlatformResource().export(InnovationPlatform.objects.filter(slug=SLUG))
    months = dataset.headers.index("months")
    row = list(dataset[0])
    row[months] = "1; 13"
    dataset[0] = row
    result = InnovationPlatformResource().import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
    errors = result.invalid_rows[0].error_dict
    assert "months" in errors
