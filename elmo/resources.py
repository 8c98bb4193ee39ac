"""Spreadsheets (CSV and Excel) of the registry: what every import and export resource shares.

The apps' ``resources.py`` declare the columns; this module gives them

- widgets that read what a person types into a spreadsheet (texts, numbers with a decimal comma,
  Finnish dates) and name an unknown region code or slug instead of ignoring it;
- ``RegistryResource``: the slug identifies the row; the columns are checked before any row
  (unknown, missing or repeated columns refuse the file); every row is validated with the
  model's ``full_clean`` and with ``accounts.roles`` for the importing user; a file with any
  invalid row imports nothing; the search documents of the imported entries are rewritten;
- the file formats (CSV in UTF-8, comma- or semicolon-separated, and xlsx) and
  ``problems(result)``, the list of what is wrong by row and column.

Rows are numbered as a spreadsheet numbers them: the column names are row 1.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from import_export import resources, widgets
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.results import RowResult

from accounts import roles
from search import reindex_for

from .formulas import neutralise, restore

# Shown by django-import-export's admin view for a file without rows; translated in locale/.
gettext_noop(
    "No valid data to import. Ensure your file has the correct headers or data for import."
)

LIST_SEPARATOR = ";"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class SpreadsheetError(Exception):
    """A problem of the whole file (its columns, its layout): nothing in it is imported."""


def _cell_text(value):
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
        text = _cell_text(value)
        return text if text else self.empty


class DecimalWidget(widgets.DecimalWidget):
    """A decimal number with a point or a comma (65.01236 or 65,01236), never thousands."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = _cell_text(value).replace(",", ".")
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
        text = _cell_text(value)
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
        text = _cell_text(value)
        if not text:
            return None
        for format_ in DATE_FORMATS:
            try:
                return datetime.strptime(text, format_).date()
            except ValueError:
                continue
        raise ValueError(_("Enter a date as 2026-01-31 or 31.1.2026."))


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
        return _cell_text(value)

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
        key = _cell_text(value)
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
        text = _cell_text(value)
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


def _same(a, b):
    if a in (None, "") and b in (None, ""):
        return True
    return a == b


class RegistryResource(resources.ModelResource):
    """Import and export of one registry model, keyed by slug, for a user.

    ``Resource(user=request.user)`` imports only what ``accounts.roles`` lets that user change
    (each row is checked with ``roles.check_change``; any refusal refuses the whole file) and
    exports only what the user may change (``roles.changeable``). Without a user — a script run
    by the maintainers — neither limit applies.

    Subclasses set ``Meta.model`` and ``Meta.fields`` (the columns, in order), declare the
    relations with ``lookup()`` and ``lookup_list()``, and name the ``required_columns`` a file
    must have, each with a value in every row.
    """

    required_columns = ("slug",)
    select_related = ()
    prefetch_related = ()

    class Meta:
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._imported = []
        self._changed = []
        self._rows_by_key = {}

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        internal_type = django_field.get_internal_type()
        if internal_type == "DecimalField":
            widget = DecimalWidget()
        elif internal_type == "DateField":
            widget = DateWidget()
        elif internal_type.endswith("IntegerField"):
            widget = IntegerWidget()
        else:
            # Translations left empty are stored as NULL, other texts as "".
            widget = TextWidget(empty=None if django_field.null else "")
        return Field(attribute=field_name, column_name=field_name, widget=widget, readonly=readonly)

    def columns(self):
        """The column names, in the order of an export."""
        return [field.column_name for field in self.get_import_fields()]

    # --- the file as a whole ---------------------------------------------------------------

    def check_columns(self, dataset):
        """The dataset without unnamed empty columns; ``SpreadsheetError`` if the columns are
        wrong (unknown, missing, repeated, or a column with values but no name)."""
        headers = [_cell_text(h) for h in dataset.headers or []]
        keep = [
            i
            for i, name in enumerate(headers)
            if name or any(_cell_text(row[i]) for row in dataset)
        ]
        expected = self.columns()
        problems = []
        unnamed = [_column_letter(i) for i in keep if not headers[i]]
        if unnamed:
            problems.append(
                _("Column %(letters)s has values but no name.") % {"letters": ", ".join(unnamed)}
            )
        names = [headers[i] for i in keep if headers[i]]
        unknown = [name for name in names if name not in expected]
        if unknown:
            problems.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            problems.append(_("Repeated columns: %(columns)s.") % {"columns": ", ".join(repeated)})
        missing = [name for name in self.required_columns if name not in names]
        if missing:
            problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if problems:
            problems.append(
                _("The columns are %(columns)s; required: %(required)s.")
                % {"columns": ", ".join(expected), "required": ", ".join(self.required_columns)}
            )
            raise SpreadsheetError(" ".join(problems))
        cleaned = tablib.Dataset(headers=[headers[i] for i in keep])
        for row in dataset:
            cleaned.append([row[i] for i in keep])
        return cleaned

    def import_data(self, dataset, *args, **kwargs):
        # All or nothing: a row that fails validation rolls the whole file back, also when
        # the file is imported without the admin's preview.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, *args, **kw):
        try:
            dataset = self.check_columns(dataset)
        except SpreadsheetError as error:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            self.handle_import_error(result, error, raise_errors)
            return result
        return super().import_data_inner(
            dataset, dry_run, raise_errors, using_transactions, *args, **kw
        )

    # --- one row ---------------------------------------------------------------------------

    def import_row(self, row, instance_loader, **kwargs):
        if not any(_cell_text(value) for value in row.values()):
            # An empty line (Excel keeps some below the data): nothing to import.
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            row_result.number = kwargs["row_number"] + 1
            row_result.blank = True
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        stored = type(instance).objects.get(pk=instance.pk) if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        key = _cell_text(row.get("slug"))
        number = kwargs.get("row_number", 0) + 1
        first = self._rows_by_key.setdefault(key, number)
        if key and first != number:
            errors.setdefault("slug", []).append(
                _("The same slug is on row %(row)s.") % {"row": first}
            )
        links = {}
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    links[field.column_name] = field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
            elif field.column_name in self.required_columns and not _cell_text(
                row[field.column_name]
            ):
                errors.setdefault(field.attribute, []).append(
                    _("A value is required in this column.")
                )
        if self.user is not None and not errors.keys() & {"region", "status"}:
            region = instance.region if getattr(instance, "region_id", None) else None
            try:
                roles.check_change(
                    self.user,
                    stored,
                    region=region,
                    status=getattr(instance, "status", None),
                    creating=stored is None,
                )
            except roles.Refusal as refusal:
                # A refusal that names no field concerns the entry's region.
                errors.setdefault(refusal.field or "region", []).append(refusal.message)
        if errors:
            raise ValidationError(errors)
        self._changed = self._changed_columns(stored, instance, row, links)

    def _changed_columns(self, stored, instance, row, links):
        if stored is None:
            return [column for column in self.columns() if column in row]
        changed = []
        for field in self.get_import_fields():
            column = field.column_name
            if column not in row:
                continue
            if column in links:
                before = {o.pk for o in field.get_value(stored).all()}
                if before != {o.pk for o in links[column]}:
                    changed.append(column)
            elif not _same(field.get_value(instance), field.get_value(stored)):
                changed.append(column)
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean``, leaving out the fields that already failed, with the errors of a
        translated field (``name``) put in the column of its default language (``name_fi``)."""
        errors = dict(import_validation_errors or {})
        suffix = f"_{settings.LANGUAGE_CODE}"
        originals = {c.removesuffix(suffix) for c in errors if c.endswith(suffix)}
        try:
            instance.full_clean(exclude=[*errors, *originals], validate_unique=validate_unique)
        except ValidationError as error:
            columns = self.columns()
            for key, messages in error.message_dict.items():
                if key not in columns and f"{key}{suffix}" in columns:
                    key = f"{key}{suffix}"
                errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A row that changes nothing is not saved (and shows as unchanged in the preview).
        if import_validation_errors or instance.pk is None:
            return False
        return not self._changed

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.number = kwargs["row_number"] + 1
        row_result.changed_columns = self._changed

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if not self._is_dry_run(kwargs):
            self._imported.append(instance)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self._is_dry_run(kwargs) or result.has_errors() or result.has_validation_errors():
            return
        # The search documents include the links, which are saved by now.
        for instance in self._imported:
            reindex_for(instance)

    # --- export ----------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        if self.user is not None:
            queryset = roles.changeable(queryset, self.user)
        return queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        dataset.title = str(self._meta.model._meta.verbose_name_plural)
        return dataset


def _column_letter(index):
    """``_column_letter(0)`` is "A", ``_column_letter(27)`` is "AB", as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- file formats ----------------------------------------------------------------------------


class CSV(base_formats.CSV):
    """CSV in UTF-8 (with or without a byte order mark), separated by commas or — as Excel
    saves it in Finland — semicolons. Every line is a row, an empty one too, so that row
    numbers match the spreadsheet's. Text that would be a formula is written with a leading
    quote, which reading removes again (``elmo.formulas``)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        text = in_stream.removeprefix("\ufeff")
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _dataset([[restore(cell) for cell in row] for row in rows])

    def export_data(self, dataset, **kwargs):
        # Text a spreadsheet would run as a formula is written as text (elmo.formulas).
        safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            safe.append([neutralise(value) for value in row])
        return super().export_data(safe, **kwargs)


class XLSX(base_formats.XLSX):
    """Excel: the first sheet is read; written with text that starts with "=" kept as text,
    so that no text of the registry becomes a formula in the officer's Excel."""

    def create_dataset(self, in_stream):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        rows = [list(row) for row in book.active.iter_rows(values_only=True)]
        book.close()
        return _dataset(rows)

    def export_data(self, dataset, **kwargs):
        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = re.sub(r"[\\/*?:\[\]]", "-", dataset.title or "data")[:31]
        sheet.append(dataset.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in dataset:
            sheet.append(
                [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            )
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()


def _dataset(rows):
    """A dataset of ``rows`` (the first holds the column names), every row as wide as that."""
    dataset = tablib.Dataset()
    if not rows:
        return dataset
    headers, *body = rows
    while (
        headers
        and headers[-1] in (None, "")
        and not any(len(row) >= len(headers) and _cell_text(row[len(headers) - 1]) for row in body)
    ):
        headers = headers[:-1]
    width = len(headers)
    dataset.headers = headers
    for number, row in enumerate(body, start=2):
        if any(_cell_text(value) for value in row[width:]):
            raise SpreadsheetError(
                _("Row %(row)s has more cells than the first row has column names.")
                % {"row": number}
            )
        row = list(row[:width])
        dataset.append(row + [""] * (width - len(row)))
    return dataset


FORMATS = [CSV, XLSX]


# --- what went wrong -------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import: its row (as the spreadsheet numbers it) and column, if
    known, and the message."""

    row: int | None
    column: str | None
    message: str


def problems(result):
    """Everything wrong in an import ``result``, in file order; empty if it can be imported."""
    found = [Problem(None, None, str(error.error)) for error in result.base_errors]
    by_row = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                by_row.append(
                    Problem(
                        invalid.number + 1, None if column == NON_FIELD_ERRORS else column, message
                    )
                )
    for error_row in result.error_rows:
        for error in error_row.errors:
            by_row.append(Problem(error_row.number + 1, None, str(error.error)))
    return found + sorted(by_row, key=lambda p: p.row)
