"""The Finnish and Swedish UI catalogues are complete, and the committed .mo files match them.

The compiled .mo files are committed so that a machine without gettext shows the translated UI.
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

CATALOGUES = [Path(settings.BASE_DIR, "locale", code, "LC_MESSAGES") for code in ("fi", "sv")]


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda f: f.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(folder):
    catalogue = polib.pofile(str(folder / "django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda f: f.parent.name)
def test_compiled_catalogue_matches_the_source(folder):
    def translations(catalogue):
        return {
            e.msgid: (e.msgstr, sorted(e.msgstr_plural.items()))
            for e in catalogue
            if e.msgid and (e.msgstr or any(e.msgstr_plural.values()))
        }

    source = translations(polib.pofile(str(folder / "django.po")))
    compiled = translations(polib.mofile(str(folder / "django.mo")))
    assert compiled == source, "run `make messages` and commit locale/"


GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
SOURCE_FOLDERS = ("elmo", "accounts", "priorities", "platforms", "clusters")


def messages_in_code():
    """The literal strings passed to gettext in the project's Python code."""
    found = set()
    for folder in SOURCE_FOLDERS:
        for path in Path(settings.BASE_DIR, folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    found.add(node.args[0].value)
    return found


# Django's own template-to-gettext conversion, as `makemessages` uses it.
TEMPLATE_MESSAGE_RE = re.compile(r"\bn?gettext\(u'((?:[^'\\]|\\.)*)'")
# With a context ({% blocktranslate … context "label" %}) the message is the second argument.
TEMPLATE_CONTEXT_MESSAGE_RE = re.compile(r"\bn?pgettext\(u'(?:[^'\\]|\\.)*', u'((?:[^'\\]|\\.)*)'")


def messages_in_templates():
    found = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        converted = templatize(path.read_text(encoding="utf-8"))
        found_there = TEMPLATE_MESSAGE_RE.findall(converted)
        for literal in found_there + TEMPLATE_CONTEXT_MESSAGE_RE.findall(converted):
            found.add(ast.literal_eval(f"'{literal}'"))
    return found


def test_the_scans_find_messages():
    assert "innovation platforms" in messages_in_code()
    assert "%(counter)s platform found" in messages_in_templates()


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda f: f.parent.name)
def test_every_message_in_the_code_and_templates_is_in_the_catalogue(folder):
    catalogue = {e.msgid for e in polib.pofile(str(folder / "django.po"))}
    missing = sorted((messages_in_code() | messages_in_templates()) - catalogue)
    assert missing == [], "run `make messages` and translate the new entries"


# Placeholders that hold a number of things, which varies: "1 alusta", "2 alustaa".
COUNTS = re.compile(r"%\((count|counter|\w+_count|total|number_of_\w+)\)[sd] +\w")
# A count capped at a thousand ("more than 1 000 platforms") is never one.
CAPPED = re.compile(r"^more than %\(count\)s|the more than %\(count\)s", re.IGNORECASE)


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda f: f.parent.name)
def test_a_number_before_a_noun_has_plural_forms(folder):
    """Where a translation puts a varying number before a word, the message has plural forms
    (ngettext / blocktranslate count): Finnish says "1 alusta" but "2 alustaa"."""
    catalogue = polib.pofile(str(folder / "django.po"))
    singular_only = [
        entry.msgid
        for entry in catalogue
        if not entry.msgid_plural and COUNTS.search(entry.msgstr) and not CAPPED.search(entry.msgid)
    ]
    assert singular_only == []
