"""What a person typed, read once for both database back ends.

The query is cut into word tokens (``\\w+``) and rebuilt by each back end in its own syntax, so
quotes, operators and punctuation never reach the database as syntax. ``-word`` excludes a word
and ``OR`` between words means either. Each word then has its alternatives in each language
(``alternatives``): itself, near misses, Finnish base forms and compound parts, a prefix.
"""

import re
from dataclasses import dataclass

from elmo import i18n

from . import finnish

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
LANGUAGES = i18n.LANGUAGES
TOKEN = re.compile(r"(-?)([^\W_]+)", re.UNICODE)


@dataclass(frozen=True)
class Term:
    word: str
    negated: bool = False
    either: bool = False  # joined to the previous term with OR
    near: tuple[str, ...] = ()  # words of the vocabulary that also stand for it (typos)


def parse_terms(query: str | None) -> list[Term]:
    """The terms of what a person typed: words, ``-excluded`` words and ``OR``.

    >>> [t.word for t in parse_terms('"akku" OR  <b>kenno</b> -lyijy Kemi-Tornio %_')]
    ['akku', 'b', 'kenno', 'b', 'lyijy', 'kemi', 'tornio']
    >>> [(t.negated, t.either) for t in parse_terms("akku OR kenno -lyijy")]
    [(False, False), (False, True), (True, False)]
    """
    text = (query or "")[:MAX_QUERY_LENGTH]
    terms, either = [], False
    for match in TOKEN.finditer(text):
        minus, word = match.groups()
        word = word.lower()
        if word == "or" and terms and not minus:
            either = True
            continue
        negated = bool(minus) and (match.start() == 0 or text[match.start() - 1].isspace())
        terms.append(Term(word, negated=negated, either=either))
        either = False
    return terms[:MAX_WORDS]


def parse_query(query: str | None) -> list[str]:
    """The words of a query that are looked for (not excluded), for highlighting."""
    return [term.word for term in parse_terms(query) if not term.negated]


def clauses(terms: list[Term]) -> list[list[Term]]:
    """The terms as either-or clauses, each of terms that must all hold: ``OR`` binds loosest
    and an excluded word belongs to the clause before it (as ``&`` binds tighter than ``|`` in
    a tsquery).

    >>> [[t.word for t in c] for c in clauses(parse_terms("akku OR kenno -lyijy kemi"))]
    [['akku'], ['kenno', 'lyijy', 'kemi']]
    """
    found = []
    for term in terms:
        if found and not (term.either and not term.negated):
            found[-1].append(term)
        else:
            found.append([term])
    return found


@dataclass(frozen=True)
class Alternative:
    """One way a term matches: all of ``words`` (a compound's parts, or a single word), or with
    ``prefix`` a word starting with the word."""

    words: tuple[str, ...]
    prefix: bool = False


def alternatives(
    term: Term, language: str, *, last: bool, prefix: bool, parts: bool
) -> list[Alternative]:
    """The ways ``term`` matches when the query is read in ``language``: the word and its near
    misses; in Finnish also its base forms and, with ``parts``, all its compound parts; with
    ``prefix``, if it is the ``last`` word looked for, the start of a word.

    >>> alternatives(Term("kokkola"), "en", last=True, prefix=True, parts=True)
    [Alternative(words=('kokkola',), prefix=False), Alternative(words=('kokkola',), prefix=True)]
    """
    found = [Alternative((word,)) for word in (term.word, *term.near)]
    if language == "fi":
        bases, compound = finnish.analyse(term.word)
        found += [Alternative((base,)) for base in bases if base != term.word]
        if parts and len(compound) > 1:
            found.append(Alternative(tuple(compound)))
    if prefix and last and len(term.word) >= 2:
        found.append(Alternative((term.word,), prefix=True))
    return found


def last_looked_for(terms: list[Term]) -> Term | None:
    """The last term that is not excluded: the one read as a prefix while typing."""
    positive = [term for term in terms if not term.negated]
    return positive[-1] if positive else None
