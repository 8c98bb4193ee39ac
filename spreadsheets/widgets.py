"""Reading what a person types into a spreadsheet cell: texts, numbers with a decimal comma,
Finnish dates, related rows by code or slug — naming an unknown one instead of ignoring it —
and the texts of links, one line per linked row."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from elmo import i18n

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


def one_line(text):
    """``text`` on one line, as a cell of link texts holds it: each line break, with the spaces
    around it, becomes one space. ``one_line("Talvitestaus\\n ajoneuvoille")`` is
    "Talvitestaus ajoneuvoille"; ``one_line(None)`` is ""."""
    return " ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _shown(line, length=40):
    return line if len(line) <= length else f"{line[: length - 1]}…"


class LinkTextsField(Field):
    """A column of the texts that the link rows of a relation hold in one language: one line
    per linked row that has a text in that language, in the order of the slugs, as the slug, a
    colon and the text — ``testing: Talvitestaus ajoneuvoille``.

    A line is one link, so a text is written on one line: its own line breaks become spaces
    (``one_line``). The column is not an attribute of the entry: ``parse`` reads a cell, and the
    resource saves the texts with the relation's links (``RegistryResource``).
    """

    def __init__(self, column_name, *, relation, text, language, key="slug"):
        super().__init__(attribute=None, column_name=column_name)
        self.relation = relation  # "services"
        self.link_column = i18n.column(text, language)  # "offer_text_fi"
        self.key = key

    def link_rows(self, instance):
        """``instance``'s link rows of the relation, ``{linked row's pk: link row}``, from the
        prefetched ones if there are (``platformservice_set__service``)."""
        field = instance._meta.get_field(self.relation)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        accessor = through._meta.get_field(source).remote_field.get_accessor_name()
        manager = getattr(instance, accessor)
        prefetched = getattr(instance, "_prefetched_objects_cache", {})
        rows = manager.all() if accessor in prefetched else manager.select_related(target)
        return {getattr(row, f"{target}_id"): row for row in rows}

    def get_value(self, instance):
        if instance is None or instance.pk is None:
            return ""
        target = instance._meta.get_field(self.relation).m2m_reverse_field_name()
        lines = []
        for row in self.link_rows(instance).values():
            text = one_line(getattr(row, self.link_column))
            if text:
                lines.append((str(getattr(getattr(row, target), self.key)), text))
        return "\n".join(f"{key}: {text}" for key, text in sorted(lines))

    def export(self, instance, **kwargs):
        return self.get_value(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):
        """Nothing: the texts are saved with the links."""

    def parse(self, row):
        """The cell's texts ``{slug: (line number, text)}`` and what is wrong with its lines,
        ``[(line number, message)]``: ``({"testing": (1, "Talvitestaus")}, [])``. Empty lines
        are left out (and counted, as the spreadsheet shows them)."""
        value = row[self.column_name]
        given, problems = {}, []
        for number, line in enumerate(("" if value is None else str(value)).splitlines(), 1):
            if not line.strip():
                continue
            key, colon, text = (part.strip() for part in line.partition(":"))
            if not colon or not key or not text or any(c.isspace() for c in key):
                message = _(
                    "Line %(line)s (“%(text)s”) is not a slug, a colon and a text: each line "
                    "gives one slug and its text, on that one line (testing: …)."
                ) % {"line": number, "text": _shown(line.strip())}
                problems.append((number, message))
            elif key in given:
                message = _("Line %(line)s: “%(slug)s” is already on line %(first)s.") % {
                    "line": number,
                    "slug": key,
                    "first": given[key][0],
                }
                problems.append((number, message))
            else:
                given[key] = (number, text)
        return given, problems
