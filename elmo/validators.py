"""Validators of values the registry stores: Finnish business IDs, coordinates in Finland, phone
numbers and lists of web addresses — shared by the models, forms, the admin and imports."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)

# Control characters, which no text of the registry may hold: all but tab, line feed and carriage
# return (C0), DEL and the C1 controls. Invisible, they make two names that look the same differ,
# and a terminal or a spreadsheet may act on them.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL_CHARACTER_RE = re.compile(f"[{CONTROL_CHARACTERS}]")

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


def validate_text(value):
    r"""No control characters in a text (``CONTROL_CHARACTERS``); tabs and line breaks may stay.

    >>> validate_text("Kiertotalous\nja energia")
    >>> try:
    ...     validate_text("Lumi\x0e")
    ... except ValidationError as error:
    ...     print(error.params)
    {'code': 'U+000E'}
    """
    found = CONTROL_CHARACTER_RE.search(value) if isinstance(value, str) else None
    if found:
        raise ValidationError(
            _("Remove the control character %(code)s from the text."),
            code="control_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )


class TextWithoutControlCharacters:
    r"""Model mixin: every text field of the model is checked with ``validate_text`` by
    ``full_clean``, which the one write path (API, import), the admin and the loaders run — one
    rule for each text field, without naming each.

    >>> from platforms.models import Organisation
    >>> try:
    ...     Organisation(slug="lumi", name_fi="Lumi\x0e").clean_fields()
    ... except ValidationError as error:
    ...     print(error.error_dict["name_fi"][0].code)
    control_character
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            try:
                validate_text(getattr(self, field.attname))
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


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
