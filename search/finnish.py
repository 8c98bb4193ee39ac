"""Finnish base forms and compound parts with Voikko, when the machine has it.

Voikko needs the C library and the Finnish dictionary (Debian: ``libvoikko1`` and ``voikko-fi``)
and the ``libvoikko`` Python module. Without them ``available()`` is False, every word stands for
itself, and the search relies on stemming, prefixes and trigram similarity alone.
"""

import functools
import re
import threading

STRUCTURE_PART = re.compile(r"\+([^+(]+)(?:\(([^)]*)\))?")
_voikko_lock = threading.Lock()


@functools.cache
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError, Exception):  # the library, or its dictionary, is missing
        return None


def available():
    return _voikko() is not None


def compound_parts(wordbases):
    """The members of a compound from Voikko's WORDBASES.

    >>> compound_parts("+kier(kiertää)+to(+to)+talous(talous)")
    ['kierto', 'talous']
    >>> compound_parts("+super+tieto(tieto)+kone(kone)")
    ['super', 'tieto', 'kone']
    """
    members = []
    for surface, base in STRUCTURE_PART.findall(wordbases or ""):
        if base.startswith("+") and members:  # a derivational ending joins the part before it
            members[-1] += surface
        else:
            members.append(surface)
    return [m.lower() for m in members if m]


@functools.lru_cache(maxsize=200_000)
def analyse(word):
    """(base forms, compound parts) of a Finnish word; both empty if Voikko does not know it.

    ``analyse("kiertotalouden")`` → ``(("kiertotalous",), ("kierto", "talous"))``
    """
    voikko = _voikko()
    if voikko is None or not word.isalpha():
        return (), ()
    with _voikko_lock:  # one Voikko handle is not to be used by two threads at once
        analyses = voikko.analyze(word)[:3]
    bases, parts = [], []
    for analysis in analyses:
        base = (analysis.get("BASEFORM") or "").lower()
        if base and base not in bases:
            bases.append(base)
        members = compound_parts(analysis.get("WORDBASES"))
        if len(members) > 1:
            parts.extend(m for m in members if m not in parts and len(m) > 1)
    return tuple(bases), tuple(parts)


WORD = re.compile(r"\w+", re.UNICODE)
# Words whose part of a document is remembered, per process. The text of a registry repeats its
# words (towns, services, regions, "laboratorio"…), so nearly every word is met again: its
# analysis, the costliest step of indexing, is done once. A new word beyond the bound is
# analysed every time but nothing is forgotten, so the memo never holds more than this.
MEMO_WORDS = 200_000
_memo: dict[str, str] = {}


def _analysed(word):
    """The part of a document for one word as written: the word in lower case, its base forms
    other than itself, and its compound parts, separated by spaces."""
    lower = word.lower()
    bases, parts = analyse(lower)
    return " ".join([lower, *(b for b in bases if b != lower), *parts])


def _indexed(word):
    found = _memo.get(word)
    if found is None:
        found = _analysed(word)
        if len(_memo) < MEMO_WORDS:
            _memo[word] = found
    return found


def index_text(text):
    """Finnish text for the search document: each word with its base forms and compound parts.

    ``index_text("Kiertotalouden klusteri")`` → ``"kiertotalouden kiertotalous kierto talous
    klusteri"`` with Voikko; the text itself without.
    """
    if not text or not available():
        return text or ""
    return " ".join(map(_indexed, WORD.findall(text)))
