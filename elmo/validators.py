"""Validators of values the registry stores: Finnish business IDs, coordinates in Finland, phone
numbers and lists of web addresses — shared by the models, forms, the admin and imports."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)

# Finland's extent in WGS84 (mainland and Åland, with a small margin).
FINLAND_LATITUDE = (59.3, 70.1)
FINLAND_LONGITUDE = (19.0, 31.6)


def business_id_check_digit(digits):
    """Return the check digit of the seven digits of a Finnish business ID, or None if none exists.

    >>> business_id_check_digit("1572860")
    0
    >>> business_id_check_digit("1000008") is None  # no business ID starts with these digits
    True
    """
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def validate_business_id(value):
    """A Finnish business ID (Y-tunnus): seven digits, a hyphen and a valid check digit."""
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1572860-0."),
            code="business_id_format",
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="business_id_check_digit",
            params={"value": value},
        )


def validate_latitude(value):
    low, high = FINLAND_LATITUDE
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("The latitude must lie in Finland, between %(low)s and %(high)s."),
            code="latitude_outside_finland",
            params={"low": low, "high": high},
        )


def validate_longitude(value):
    low, high = FINLAND_LONGITUDE
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("The longitude must lie in Finland, between %(low)s and %(high)s."),
            code="longitude_outside_finland",
            params={"low": low, "high": high},
        )


def validate_source_urls(value):
    """One web address per line."""
    check = URLValidator()
    for line in (value or "").splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(
                    _("“%(line)s” is not a web address. Give one address per line."),
                    code="invalid_source",
                    params={"line": line.strip()[:100]},
                ) from error


validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,22}$",
    _("Enter a phone number of digits, spaces and hyphens, e.g. +358 29 448 0000."),
)


# Identifiers in other registries, checked by their published formats.
validate_ror_id = RegexValidator(
    r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$",
    _(
        "Enter the ROR id: nine characters beginning with 0, the end of its https://ror.org/ "
        "address."
    ),
)
validate_research_fi_urn = RegexValidator(
    r"^urn:nbn:fi:research-infras-\d+$",
    _("Enter a research.fi infrastructure URN, e.g. urn:nbn:fi:research-infras-2016072533."),
)
validate_eccp_url = RegexValidator(
    r"^https://(www\.)?clustercollaboration\.eu/[^\s]+$",
    _(
        "Enter the address of a profile on the European Cluster Collaboration Platform, "
        "beginning with https://clustercollaboration.eu/."
    ),
)
NACE_CODE_RE = re.compile(r"^[A-U](\d{2}(\.\d{1,2})?)?$")


def validate_nace_codes(value):
    """NACE Rev. 2 codes separated by commas: a section letter, optionally with a division,
    group or class, e.g. ``C27, C28.1, M72.19``."""
    for code in (part.strip() for part in (value or "").split(",")):
        if not NACE_CODE_RE.match(code):
            raise ValidationError(
                _("“%(code)s” is not a NACE Rev. 2 code such as C27 or M72.19."),
                code="nace_code",
                params={"code": code[:20]},
            )
