"""A JSON array of article records read a record at a time from a stream of text chunks, so memory follows
the largest record, not the file, and a file cut or broken half-way keeps every record before the break.

Each element is parsed by the standard library's decoder (``json.JSONDecoder.raw_decode``) on a buffer holding
the unread rest of the stream's current chunk (more chunks when a record runs past it), so every value is what
``json.loads`` made of the whole file before: NaN and Infinity, lone ``\\ud800`` escapes, big integers, the
last of duplicate keys, and the same error messages. ijson 3.6 (yajl) was tried first: it refuses NaN, turns a
lone surrogate escape into "?", and its errors carry no line or column. Only the array's own punctuation
(``[``, ``,``, ``]`` and the white space between elements) is read by hand here.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..models import RawDocument, Rejection
from ._records import record_item

__all__ = ["read_json_array"]

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"  # JSON's white space (json.decoder.WHITESPACE), no more: "\f[" is malformed as before
# raw_decode on a prefix of a valid array fails inside a string ("Unterminated string starting at ...") or at
# most this many characters before the prefix ends (a cut literal such as -Infinity, a cut \uXXXX escape, a
# number cut after its "." or "e"). Any other failure lies in text already read: the input is malformed there.
_TAIL = 16


class _Malformed(Exception):
    def __init__(self, msg: str, where: str) -> None:
        super().__init__(msg)
        self.msg = msg
        self.where = where


class _Buffer:
    """The unread text of a stream of chunks, refilled on demand; knows the line and column of its start so
    that errors name the same place ``json.loads`` named for the whole text."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.text = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # line and column (1-based) of text[0] in the whole stream
        self._col = 1

    def _more(self, want: int) -> None:
        """Drop what was read and append at least ``want`` characters (fewer only at the end of the stream)."""
        text, pos = self.text, self.pos
        newlines = text.count("\n", 0, pos)
        if newlines:
            self._line += newlines
            self._col = pos - text.rfind("\n", 0, pos)
        else:
            self._col += pos
        parts, got = [text[pos:]], 0
        while got < want:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            parts.append(chunk)
            got += len(chunk)
        self.text, self.pos = "".join(parts), 0

    def where(self, pos: int) -> str:
        text = self.text
        newlines = text.count("\n", 0, pos)
        col = pos - text.rfind("\n", 0, pos) if newlines else self._col + pos
        return f"line {self._line + newlines} column {col}"

    def fail(self, msg: str, pos: int) -> _Malformed:
        where = self.where(pos)
        if self.eof and (pos >= len(self.text) or msg.startswith("Unterminated string")):
            where += " (the file ends there: cut short?)"
        return _Malformed(msg, where)

    def peek(self) -> str:
        """The next character that is not white space (the white space is consumed); "" at the end."""
        while True:
            text, i = self.text, self.pos
            n = len(text)
            while i < n and text[i] in _WS:
                i += 1
            self.pos = i
            if i < n:
                return text[i]
            if self.eof:
                return ""
            self._more(1)

    def value(self) -> object:
        """The JSON value starting at the next character that is not white space, read on past the buffer as far
        as it goes."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.text) - _TAIL
                if self.eof or not cut:
                    raise self.fail(exc.msg, exc.pos) from None
            else:
                if end < len(self.text) or self.eof:  # at the very end a number might still go on
                    self.pos = end
                    return value
            # Ask for as much again as is pending, so a record of any size is parsed a bounded number of times.
            self._more(max(len(self.text) - self.pos, 1))


def _read_before(i: int) -> str:
    if i == 0:
        return "no record before it"
    return "record 0 was read" if i == 1 else f"records 0-{i - 1} were read"


def read_json_array(chunks: Iterable[str], path: str) -> Iterator[RawDocument | Rejection]:
    """The records of a JSON array (``record`` = index) whose text comes in ``chunks``.

    A syntax error or an early end yields every record before it and then one rejection naming the line,
    column and record where the array broke (``record`` = that record's index when the break is inside it).
    """
    buf = _Buffer(chunks)
    i = 0
    place, record = "at the start of the file", None  # where a break would be, for its rejection
    try:
        if buf.peek() != "[":
            raise buf.fail("Expecting '['", buf.pos)
        buf.pos += 1
        if buf.peek() == "]":
            buf.pos += 1
            yield Rejection(path, "JSON array holds no records")
        else:
            while True:
                place, record = f"in record {i} ({_read_before(i)})", str(i)
                rec = buf.value()  # after a "," this also reports "[..., ]" as json.loads did ("Expecting value")
                yield record_item(rec, path, str(i), "json")
                i += 1
                place, record = f"after record {i - 1} ({_read_before(i)})", None
                c = buf.peek()
                if c == "]":
                    buf.pos += 1
                    break
                if c != ",":
                    raise buf.fail("Expecting ',' delimiter", buf.pos)
                buf.pos += 1
        place, record = f"after the end of the array ({_read_before(i)})", None
        if buf.peek():
            raise buf.fail("Extra data", buf.pos)
    except _Malformed as exc:
        yield Rejection(path, f"malformed JSON: {exc.msg} at {exc.where}, {place}", record)
