"""The file formats of the spreadsheets — CSV in UTF-8, comma- or semicolon-separated, and
xlsx — and ``problems(result)``: what is wrong in an import, by row and column.

Rows are numbered as a spreadsheet numbers them: the column names are row 1.
"""

import csv
import io
import re
from dataclasses import dataclass

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from elmo.formulas import neutralise, restore

from .widgets import cell_text


class SpreadsheetError(Exception):
    """A problem of the whole file (its columns, its layout): nothing in it is imported."""


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
        and not any(len(row) >= len(headers) and cell_text(row[len(headers) - 1]) for row in body)
    ):
        headers = headers[:-1]
    width = len(headers)
    dataset.headers = headers
    for number, row in enumerate(body, start=2):
        if any(cell_text(value) for value in row[width:]):
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
