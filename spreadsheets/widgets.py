"""Reading what a person types into a spreadsheet cell: texts, numbers with a decimal comma,
Finnish dates, and related rows by code or slug — naming an unknown one instead of ignoring it."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

LIST_SEPARATOR = ";"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def cell_text(value):
    """A cell as text: Excel gives numbers for cells such as postal codes or region codes."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(widgets.CharWidget):
    """Text without surrounding spaces (as the admin's forms keep it); empty is ``empty``."""

    def __init__(self, empty=""):
        super().__init__(coerce_to_string=True, allow_blank=True)
        self.empty = empty

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        return text if text else self.empty


class DecimalWidget(widgets.DecimalWidget):
    """A decimal number with a point or a comma (65.01236 or 65,01236), never thousands."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = cell_text(value).replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation as error:
            raise ValueError(_("Enter a number.")) from error

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return "" if not kwargs.get("force_native_type") else None
        return value if kwargs.get("force_native_type") else str(value)


class IntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = cell_text(value)
        if not text:
            return None
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValueError(_("Enter a whole number."))
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class DateWidget(widgets.DateWidget):
    """A date as 2026-01-31 or 31.1.2026 (an Excel date cell too); written as 2026-01-31."""

    def __init__(self):
        super().__init__(format=DATE_FORMATS[0])
        self.formats = DATE_FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for format_ in DATE_FORMATS:
            try:
                return datetime.strptime(text, format_).date()
            except ValueError:
                continue
        raise ValueError(_("Enter a date as 2026-01-31 or 31.1.2026."))


class ChoiceListWidget(widgets.Widget):
    """A list of choices (``elmo.fields.ChoiceListField``) as its values separated by
    semicolons: "sme; research", "1; 2; 12". The model's validation names an unknown value."""

    def clean(self, value, row=None, **kwargs):
        parts = [part.strip() for part in cell_text(value).split(LIST_SEPARATOR)]
        return [int(part) if part.isdigit() else part for part in parts if part]

    def render(self, value, obj=None, **kwargs):
        return f"{LIST_SEPARATOR} ".join(str(item) for item in value or [])


def _unknown(model, values):
    name = str(model._meta.verbose_name).capitalize()
    return " ".join(
        _("%(model)s “%(value)s” does not exist.") % {"model": name, "value": value}
        for value in values
    )


class LookupWidget(widgets.ForeignKeyWidget):
    """A related row by its code or slug: ``LookupWidget(Region, "code")`` reads "19"."""

    def __init__(self, model, field="slug", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def key(self, value):
        return cell_text(value)

    def clean(self, value, row=None, **kwargs):
        key = self.key(value)
        if not key:
            return None
        try:
            return self.model.objects.get(**{self.field: key})
        except self.model.DoesNotExist as error:
            raise ValueError(_unknown(self.model, [key])) from error

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)


class RegionWidget(LookupWidget):
    """A region by its Statistics Finland code; an unknown code is named with the known ones."""

    def __init__(self, model):
        super().__init__(model, field="code")

    def key(self, value):
        key = cell_text(value)
        return key.zfill(2) if key.isdigit() else key  # Excel drops the 0 of "01"

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError as error:
            codes = ", ".join(self.model.objects.order_by("code").values_list("code", flat=True))
            raise ValueError(
                f"{error} " + _("The region codes are %(codes)s.") % {"codes": codes}
            ) from error


class LookupListWidget(widgets.ManyToManyWidget):
    """Related rows by code or slug, separated by semicolons: ``"clean-tech; digitalisation"``."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=LIST_SEPARATOR, field=field)

    def keys(self, value):
        text = cell_text(value)
        keys = [key.strip() for key in text.split(self.separator)]
        if self.field == "code":
            keys = [key.zfill(2) if key.isdigit() else key for key in keys]
        return list(dict.fromkeys(key for key in keys if key))

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        found = {
            str(getattr(o, self.field)): o
            for o in self.model.objects.filter(**{f"{self.field}__in": keys})
        }
        unknown = [key for key in keys if key not in found]
        if unknown:
            raise ValueError(_unknown(self.model, unknown))
        return [found[key] for key in keys]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(sorted(str(getattr(o, self.field)) for o in value.all()))


def lookup(model, column, *, field="slug"):
    """A column of one related row: ``region = lookup(Region, "region", field="code")``."""
    widget = RegionWidget(model) if field == "code" else LookupWidget(model, field)
    return Field(attribute=column, column_name=column, widget=widget)


def lookup_list(model, column, *, field="slug"):
    """A column of several related rows: ``hosts = lookup_list(Organisation, "hosts")``."""
    return Field(attribute=column, column_name=column, widget=LookupListWidget(model, field))
