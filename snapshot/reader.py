"""Reading a snapshot piece by piece, so that memory does not grow with its size.

A snapshot of 100 000 platforms is some 190 MB of JSON; parsed whole it would take several
times that. ``read_events`` parses one value at a time with the standard library's decoder,
whatever the document's white space.
"""

import json
import re

from .layout import SnapshotError

CHUNK = 1 << 20  # characters read at a time
LOOKAHEAD = 1 << 16  # at least this much is read ahead of a value, so no number is cut short
WHITESPACE = re.compile(r"[ \t\n\r]*")


class _Reader:
    def __init__(self, stream):
        self.stream = stream
        self.text = ""
        self.pos = 0
        self.dropped = 0  # characters already read and discarded
        self.eof = False
        self.decoder = json.JSONDecoder()

    def more(self):
        """Read another chunk; False at the end of the stream."""
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        if self.pos > CHUNK:
            self.dropped += self.pos
            self.text, self.pos = self.text[self.pos :], 0
        self.text += chunk
        return True

    def peek(self):
        """The next character that is not white space, or "" at the end."""
        while True:
            self.pos = WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def take(self, char):
        if self.peek() != char:
            found = self.text[self.pos : self.pos + 20] or "the end"
            raise SnapshotError(
                f"This is not a snapshot: expected {char!r} at character "
                f"{self.dropped + self.pos}, found {found!r}."
            )
        self.pos += 1

    def skip(self, char):
        """Take ``char`` if it comes next."""
        if self.peek() == char:
            self.pos += 1
            return True
        return False

    def key(self):
        """A member's name and the colon after it."""
        if self.peek() != '"':
            self.take('"')  # raises
        key = self.value()
        self.take(":")
        return key

    def value(self):
        self.peek()
        while True:
            if len(self.text) - self.pos < LOOKAHEAD and self.more():
                continue
            try:
                value, self.pos = self.decoder.raw_decode(self.text, self.pos)
                return value
            except json.JSONDecodeError as error:
                if self.more():  # the value goes on in the next chunk
                    continue
                raise SnapshotError(
                    f"This is not a snapshot: {error.msg} at character {self.dropped + error.pos}."
                ) from error


def read_events(stream):
    """The parts of the snapshot in ``stream``, in the order the document has them:

    ``("value", key, value)`` for each member of the envelope but ``data``; ``("data", None,
    None)`` where ``data`` begins; ``("section", name, None)`` where a section begins and
    ``("row", name, row)`` for each of its rows. A ``data`` or section of another type comes
    as a ``value``.
    """
    reader = _Reader(stream)
    reader.take("{")
    if not reader.skip("}"):
        while True:
            key = reader.key()
            if key == "data" and reader.peek() == "{":
                yield "data", None, None
                yield from _sections(reader)
            else:
                yield "value", key, reader.value()
            if not reader.skip(","):
                reader.take("}")
                break
    if reader.peek() != "":
        raise SnapshotError("This is not a snapshot: there is more after its end.")


def _sections(reader):
    reader.take("{")
    if reader.skip("}"):
        return
    while True:
        name = reader.key()
        if reader.skip("["):
            yield "section", name, None
            if not reader.skip("]"):
                while True:
                    yield "row", name, reader.value()
                    if not reader.skip(","):
                        reader.take("]")
                        break
        else:
            yield "value", f"data.{name}", reader.value()
        if not reader.skip(","):
            reader.take("}")
            return
