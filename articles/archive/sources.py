"""Where the import reads an archive from: a file read a record at a time
(``ArchiveFile``), or JSON already parsed (``ParsedArchive``: tests, small
archives). Both give the top-level values that are not lists (``header``), the
names of the lists, and each list's records in the file's order (``records``).

An ``ArchiveFile`` is scanned once (``scan``): every record is decoded and checked
as ``reading.read_archive`` checks a whole file (UTF-8, JSON, depth, NUL), then let
go; what stays is where each list starts. Each later pass seeks there and decodes
its records again, so memory holds one record (and a buffer) at a time.
"""

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from articles.archive.keys import ArchiveError
from articles.archive.reading import (
    DECODER,
    first_problem,
    not_utf8,
    problem_message,
    read_archive,
    refusal,
)

__all__ = ["ArchiveFile", "ParsedArchive", "as_source", "scan"]

READ = 1 << 18  # bytes read at a time (more while one record is larger)
# A file that is not a JSON object is no archive; below this size it is read whole
# to say exactly what it is (too deep, not JSON, ...), as before the streaming.
WHOLE = 64 << 20
_SPACE = " \t\n\r"
_BOM = codecs.BOM_UTF8


class ParsedArchive:
    """An archive parsed whole (a dict, as ``json.loads`` gives it)."""

    def __init__(self, data: dict):
        self.data = data
        self.header = {k: v for k, v in data.items() if not isinstance(v, list)}
        self.lists = {k for k, v in data.items() if isinstance(v, list)}

    def records(self, name: str) -> Iterator:
        yield from self.data.get(name, [])


class ArchiveFile:
    """An archive in a seekable binary file, read a record at a time."""

    def __init__(self, file: BinaryIO):
        self.file = file
        self.header: dict = {}
        # list name: (byte offset just past its "[", line, column there)
        self.starts: dict[str, tuple[int, int, int]] = {}

    @property
    def lists(self) -> set[str]:
        return set(self.starts)

    def records(self, name: str) -> Iterator:
        if name not in self.starts:
            return
        cursor = _Cursor(self.file, *self.starts[name])
        yield from cursor.elements()


def scan(file: BinaryIO):
    """``file`` checked record by record: an ``ArchiveFile``, or (a file that is
    not a JSON object) what it holds, parsed, for the validation to refuse.
    ArchiveError, in one Dutch line, if it is not UTF-8, not JSON, too deep or
    holds a NUL."""
    archive = ArchiveFile(file)
    cursor = _Cursor(file)
    if cursor.peek() != "{":
        file.seek(0, 2)
        if file.tell() > WHOLE:
            return None
        file.seek(0)
        return read_archive(file.read())
    cursor.pos += 1
    if cursor.peek() == "}":
        cursor.pos += 1
        key = None
    else:
        key = cursor.key()
    while key is not None:
        if cursor.peek() == "[":
            cursor.pos += 1
            archive.starts[key] = cursor.here()
            for number, element in enumerate(cursor.elements(depth=2)):
                _check(element, 3, (key, number))
        else:
            archive.header[key] = _check(cursor.value(depth=1), 2, (key,))
        key = cursor.key() if cursor.next_of(",}") == "," else None
    cursor.end()
    return archive


def as_source(data):
    """What ``import_archive`` was given as a source of records; anything that is
    not an archive as it is, for the validation to name."""
    if isinstance(data, ArchiveFile | ParsedArchive):
        return data
    return ParsedArchive(data) if isinstance(data, dict) else data


def _check(value, depth: int, path: tuple):
    found = first_problem(value, depth, path)
    if found is not None:
        raise ArchiveError(problem_message(*found))
    return value


def _genuine(error: json.JSONDecodeError, length: int) -> bool:
    """Whether the decoder's complaint stands however the text goes on: it is well
    before the end of the text read (no token but a string is longer than an
    escaped surrogate pair), and not about a string that may end further on."""
    return error.pos < length - 16 and not error.msg.startswith("Unterminated")


class _Cursor:
    """A position in the file's text, with the text around it decoded."""

    def __init__(self, file: BinaryIO, offset=0, line=1, column=1) -> None:
        if offset == 0:
            file.seek(0)
            offset = 3 if file.read(3) == _BOM else 0
        file.seek(offset)
        self.file = file
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.read = offset  # bytes read from the file
        self.start = offset  # the byte offset of text[0]
        self.line, self.column = line, column  # where text[0] is

    def _fill(self) -> None:
        """Drop the text read past, then decode more of the file."""
        if self.pos:
            passed = self.text[: self.pos]
            self.start += len(passed.encode("utf-8"))
            self.line, self.column = self.where(self.pos)
            self.text, self.pos = self.text[self.pos :], 0
        data = self.file.read(max(READ, len(self.text)))
        pending = len(self.decoder.getstate()[0])
        try:
            self.text += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise ArchiveError(not_utf8(self.read - pending + error.start)) from None
        self.read += len(data)
        self.eof = not data

    def where(self, pos: int) -> tuple[int, int]:
        """(line, column) in the file of ``text[pos]``."""
        lines = self.text.count("\n", 0, pos)
        if not lines:
            return self.line, self.column + pos
        return self.line + lines, pos - self.text.rfind("\n", 0, pos)

    def here(self) -> tuple[int, int, int]:
        """Where the cursor is: byte offset, line, column."""
        offset = self.start + len(self.text[: self.pos].encode("utf-8"))
        return (offset, *self.where(self.pos))

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.text) or self.eof:
                return self.text[self.pos : self.pos + 1]
            self._fill()

    def fail(self, message: str):
        error = json.JSONDecodeError(message, self.text, self.pos)
        return refusal(error, self.text, self.where)

    def value(self, depth: int):
        """The JSON value at the cursor, ``depth`` deep in the file."""
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if not (self.eof or _genuine(error, len(self.text))):
                    self._fill()  # perhaps only cut off by the buffer: read on
                    continue
                raise refusal(error, self.text, self.where) from None
            except (RecursionError, ValueError) as error:
                raise refusal(
                    error, self.text, self.where, start=self.pos, depth=depth
                ) from None
            if end == len(self.text) and not self.eof:  # a number may go on
                self._fill()
                continue
            self.pos = end
            return value

    def key(self) -> str:
        if self.peek() != '"':
            raise self.fail("Expecting property name enclosed in double quotes")
        key = self.value(depth=1)
        _check(key, 2, (key,))
        self.next_of(":")
        return key

    def next_of(self, allowed: str) -> str:
        found = self.peek()
        if not found or found not in allowed:
            raise self.fail(f"Expecting '{allowed[0]}' delimiter")
        self.pos += 1
        return found

    def elements(self, depth: int = 2) -> Iterator:
        """The values of the list whose "[" is just behind the cursor."""
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value(depth)
            if self.next_of(",]") == "]":
                return

    def end(self) -> None:
        if self.peek():
            raise self.fail("Extra data")
