import pytest
from django.core.exceptions import ValidationError

from elmo.validators import business_id_check_digit, validate_business_id
from tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    "business_id",
    ["1572860-0", "0109862-8", "2331972-7", "0116297-6"],
)
def test_valid_business_ids_pass(business_id):
    validate_business_id(business_id)


@pytest.mark.parametrize(
    ("business_id", "code"),
    [
        ("1572860-1", "business_id_check_digit"),  # wrong check digit
        ("0109862-0", "business_id_check_digit"),
        ("1000008-0", "business_id_check_digit"),  # remainder 1: no digit is valid
        ("157286-0", "business_id_format"),  # six digits
        ("15728600", "business_id_format"),  # no hyphen
        ("FI15728600", "business_id_format"),  # VAT number, not a business ID
        ("1572860-", "business_id_format"),
        ("", "business_id_format"),
    ],
)
def test_invalid_business_ids_are_refused_with_a_reason(business_id, code):
    with pytest.raises(ValidationError) as error:
        validate_business_id(business_id)
    assert error.value.code == code


def test_check_digit_rule_on_all_remainders():
    # Remainder 0 gives check digit 0; remainder 1 has no valid ID; otherwise 11 - remainder.
    assert business_id_check_digit("1572860") == 0
    assert business_id_check_digit("1000008") is None
    assert business_id_check_digit("0109862") == 8


@pytest.mark.django_db
def test_organisation_full_clean_reports_the_business_id_field():
    organisation = OrganisationFactory.build(business_id="1234567-8")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "business_id" in error.value.message_dict


@pytest.mark.django_db
def test_business_id_is_unique_but_may_be_empty_for_many():
    OrganisationFactory(business_id="")
    OrganisationFactory(business_id="")
    OrganisationFactory(business_id="1572860-0")
    duplicate = OrganisationFactory.build(business_id="1572860-0")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Toisella organisaatiolla on jo tämä Y-tunnus." in str(error.value)
