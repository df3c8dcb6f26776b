"""Reading an archive file: its bytes to parsed JSON, or an ArchiveError saying in one
Dutch line what is wrong with the file and where (a line and column, or the place in
the JSON), whatever the file holds.

An archive of export_archive is UTF-8 JSON nested a few levels deep (a revision's
snapshot is the deepest part); ``MAX_DEPTH`` leaves room for that many times over and
keeps a file nested thousands deep (``[[[[...``) from exhausting Python's stack
anywhere later on.
"""

import json
import re

from articles.archive.keys import ArchiveError

__all__ = [
    "DECODER",
    "MAX_DEPTH",
    "deepest",
    "first_problem",
    "not_utf8",
    "problem_message",
    "read_archive",
    "refusal",
]

MAX_DEPTH = 64
# What changes the nesting outside strings: a string (skipped whole) or a bracket.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


class _NotANumber(ValueError):
    pass


def refuse_constant(name: str):
    raise _NotANumber(f"“{name}” is geen getal in JSON")


# One decoder for every reader of archives: NaN and Infinity refused.
DECODER = json.JSONDecoder(parse_constant=refuse_constant)


def read_archive(raw: bytes):
    """``raw`` (a file's bytes) as parsed JSON; ArchiveError if it is not UTF-8, not
    JSON (truncated, say), nested deeper than MAX_DEPTH, holds numbers JSON has not
    (NaN, Infinity) or Python will not read (thousands of digits), or a NUL in a
    text (which PostgreSQL refuses)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArchiveError(not_utf8(error.start)) from None
    try:
        data = DECODER.decode(text)
    except (RecursionError, ValueError) as error:
        raise refusal(error, text, lambda offset: _position(text, offset)) from None
    found = first_problem(data)
    if found is not None:
        raise ArchiveError(problem_message(*found))
    return data


def not_utf8(position: int) -> str:
    return (
        f"geen UTF-8-tekst (onleesbare byte op positie {position}); een archief van "
        "export_archive is altijd UTF-8."
    )


def refusal(error: Exception, text: str, position, *, start=0, depth=0):
    """The ArchiveError for what the JSON decoder raised reading ``text`` from
    ``start`` (``depth`` deep in the file); ``position(offset)`` names a place
    in ``text`` as ``(line, column)`` of the file."""
    if isinstance(error, json.JSONDecodeError):
        line, column = position(error.pos)
        return ArchiveError(
            f"geen geldige JSON (regel {line}, kolom {column}: {error.msg}). Is het "
            "bestand compleet?"
        )
    if isinstance(error, RecursionError):
        line, column = position(deepest(text, start, depth))
        return ArchiveError(too_deep(f"regel {line}, kolom {column}"))
    if isinstance(error, _NotANumber):  # NaN, Infinity: Python's extension, not JSON
        return ArchiveError(f"geen geldige JSON: {error}.")
    # An integer of more digits than Python reads.
    return ArchiveError(
        "geen geldige JSON: een getal van duizenden cijfers; zo'n getal schrijft "
        "export_archive nooit."
    )


def problem_message(path: list, problem: str) -> str:
    """What ``first_problem`` found, in one Dutch line."""
    if problem == "deep":
        return too_deep("bij " + _path_name(path))
    return (
        f"een NUL-teken (\\u0000) bij {_path_name(path)}; geen database slaat dat op "
        "en geen export schrijft het."
    )


def too_deep(where: str) -> str:
    return (
        f"te diep genest: meer dan {MAX_DEPTH} lagen lijsten en objecten in "
        f"elkaar ({where}). Een archief van export_archive is nooit zo diep."
    )


def deepest(text: str, start: int = 0, depth: int = 0) -> int:
    """Where in ``text`` (from ``start``, already ``depth`` deep) the nesting first
    passes MAX_DEPTH (0 if it does not)."""
    for token in _TOKENS.finditer(text, start):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif first in "]}":
            depth -= 1
    return 0


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def first_problem(data, depth: int = 1, path: tuple = ()) -> tuple[list, str] | None:
    """The path to a list or object deeper than MAX_DEPTH ("deep") or to a text
    holding a NUL ("nul"), or None if there is neither; ``data`` sits ``depth``
    deep at ``path`` in the file. Iterative, so that it cannot run out of stack
    itself."""
    stack = [(data, depth, path)]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return list(path), "nul"
            continue
        if depth > MAX_DEPTH:
            return list(path), "deep"
        if isinstance(value, dict):
            for key in value:
                if "\x00" in key:
                    return [*path, key], "nul"
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        stack.extend(
            (child, depth + 1, (*path, key))
            for key, child in children
            if isinstance(child, str | dict | list)
        )
    return None


def _path_name(path: list) -> str:
    """``“articles” → 1 → “revisions” → …``: positions count from 1, as elsewhere."""
    shown = [
        str(part + 1)
        if isinstance(part, int)
        else f"“{part[:40]!s}”".replace("\x00", "")
        for part in path[:6]
    ]
    return " → ".join(shown) + (" → …" if len(path) > 6 else "")
