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

__all__ = ["MAX_DEPTH", "read_archive"]

MAX_DEPTH = 64
# What changes the nesting outside strings: a string (skipped whole) or a bracket.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


class _NotANumber(ValueError):
    pass


def _refuse_constant(name: str):
    raise _NotANumber(f"“{name}” is geen getal in JSON")


def read_archive(raw: bytes):
    """``raw`` (a file's bytes) as parsed JSON; ArchiveError if it is not UTF-8, not
    JSON (truncated, say), nested deeper than MAX_DEPTH, holds numbers JSON has not
    (NaN, Infinity) or Python will not read (thousands of digits), or a NUL in a
    text (which PostgreSQL refuses)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArchiveError(
            f"geen UTF-8-tekst (onleesbare byte op positie {error.start}); een "
            "archief van export_archive is altijd UTF-8."
        ) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ArchiveError(
            f"geen geldige JSON (regel {error.lineno}, kolom {error.colno}: "
            f"{error.msg}). Is het bestand compleet?"
        ) from None
    except RecursionError:
        raise ArchiveError(_too_deep(_position(text, _deepest(text)))) from None
    except _NotANumber as error:  # NaN, Infinity: Python's extension, not JSON
        raise ArchiveError(f"geen geldige JSON: {error}.") from None
    except ValueError:  # an integer of more digits than Python reads
        raise ArchiveError(
            "geen geldige JSON: een getal van duizenden cijfers; zo'n getal schrijft "
            "export_archive nooit."
        ) from None
    found = _first_problem(data)
    if found is not None:
        path, problem = found
        raise ArchiveError(
            _too_deep("bij " + _path_name(path))
            if problem == "deep"
            else f"een NUL-teken (\\u0000) bij {_path_name(path)}; geen database "
            "slaat dat op en geen export schrijft het."
        )
    return data


def _too_deep(where: str) -> str:
    return (
        f"te diep genest: meer dan {MAX_DEPTH} lagen lijsten en objecten in "
        f"elkaar ({where}). Een archief van export_archive is nooit zo diep."
    )


def _deepest(text: str) -> int:
    """Where in ``text`` the nesting first passes MAX_DEPTH (0 if it does not)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif first in "]}":
            depth -= 1
    return 0


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"regel {line}, kolom {column}"


def _first_problem(data) -> tuple[list, str] | None:
    """The path to a list or object deeper than MAX_DEPTH ("deep") or to a text
    holding a NUL ("nul"), or None if there is neither. Iterative, so that it cannot
    run out of stack itself."""
    stack = [(data, 1, ())]
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
