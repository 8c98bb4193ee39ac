"""The registry's languages, in one place: which they are, and how a translated text is stored.

Content is in Finnish, Swedish and English (``settings.LANGUAGES``, Finnish first and the
default); modeltranslation stores a translated field ``name`` as the columns ``name_fi``,
``name_sv`` and ``name_en``, and a missing Swedish or English text falls back to Finnish. The API,
the loader and the snapshot speak of a translated text as one object ``{"fi": …, "sv": …, "en":
…}``. Everything that needs the list of languages, a column name or the conversion between the
two forms asks this module; nothing else spells out the languages.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Value
from django.db.models.expressions import Func, OrderBy
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import translation

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT: str = settings.LANGUAGE_CODE
# The Snowball stemmer of each language (PostgreSQL's built-in text search configurations and
# the SQLite search's Python stemmer have the same names), and the registry's PostgreSQL text
# search configuration of each: that stemmer after unaccent (search/migration_sql.py).
STEMMERS: dict[str, str] = {"fi": "finnish", "sv": "swedish", "en": "english"}
SEARCH_CONFIGURATIONS: dict[str, str] = {code: f"elmo_{code}" for code in STEMMERS}


def column(field: str, language: str) -> str:
    """The column of a translated field in one language: ``column("name", "sv")`` → ``name_sv``."""
    return f"{field}_{language}"


def columns(*fields: str) -> tuple[str, ...]:
    """Every language's column of each field, for search fields, spreadsheets and the like.

    >>> columns("name", "summary")
    ('name_fi', 'name_sv', 'name_en', 'summary_fi', 'summary_sv', 'summary_en')
    """
    return tuple(column(field, code) for field in fields for code in LANGUAGES)


def field_of(name: str) -> str:
    """The translated field a column belongs to, or the name itself.

    >>> field_of("name_sv"), field_of("slug")
    ('name', 'slug')
    """
    for code in LANGUAGES:
        if name.endswith(f"_{code}"):
            return name.removesuffix(f"_{code}")
    return name


def columns_by_language(field: str) -> dict[str, str]:
    """``{"fi": "name_fi", "sv": "name_sv", "en": "name_en"}`` for ``field`` "name"."""
    return {code: column(field, code) for code in LANGUAGES}


def to_columns(
    texts: Mapping[str, Any] | None, field: str, *, keep_empty: bool = False
) -> dict[str, Any]:
    """A language object as column values; a missing language is ``None``, and so is an empty
    text unless ``keep_empty``.

    >>> to_columns({"fi": "Testaus", "en": "Testing"}, "name")
    {'name_fi': 'Testaus', 'name_sv': None, 'name_en': 'Testing'}
    """
    texts = texts or {}
    return {
        name: texts.get(code) if keep_empty else texts.get(code) or None
        for code, name in columns_by_language(field).items()
    }


def to_object(obj: Any, field: str, *, keep_empty: bool = False) -> dict[str, Any]:
    """A translated field of ``obj`` (a model instance or a mapping of columns) as a language
    object; a missing language is ``None``, and so is an empty text unless ``keep_empty``.

    >>> to_object({"name_fi": "Testaus", "name_sv": ""}, "name")
    {'fi': 'Testaus', 'sv': None, 'en': None}
    """
    read = obj.get if isinstance(obj, Mapping) else lambda name: getattr(obj, name, None)
    return {
        code: read(name) if keep_empty else read(name) or None
        for code, name in columns_by_language(field).items()
    }


def fallback_text(texts: Mapping[str, Any], language: str) -> Any:
    """The text of ``language`` in a language object, else that of the first fallback language
    that has one (Finnish), as modeltranslation falls back; ``None`` if there is none.

    >>> fallback_text({"fi": "Testaus", "sv": None, "en": "Testing"}, "sv")
    'Testaus'
    """
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if texts.get(code):
            return texts[code]
    return None


def active() -> str:
    """The active language if it is one of the registry's, else the default (Finnish)."""
    language = translation.get_language() or DEFAULT
    return language if language in LANGUAGES else DEFAULT


def ordering(field: str = "name", language: str | None = None) -> list[OrderBy]:
    """Order by a translated field as a reader of ``language`` (the active one) expects.

    The Swedish or English text falls back to the Finnish one; on PostgreSQL the language's ICU
    collation sorts Å, Ä and Ö as its alphabet does (SQLite has no such collation).
    """
    language = language or active()
    value: Func = Coalesce(NullIf(column(field, language), Value("")), column(field, DEFAULT))
    if connection.vendor == "postgresql":
        value = Collate(value, f"{language}-x-icu")
    return [value.asc()]
