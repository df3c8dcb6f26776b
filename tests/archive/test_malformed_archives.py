"""import_archive and a malformed file: one Dutch line naming what is wrong (and
where), exit status 1, nothing written, no traceback, at any depth of the file."""

import contextlib
import copy
import json
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from articles.archive import ArchiveError, export_archive, import_archive
from articles.archive.reading import MAX_DEPTH
from tests.archive.test_export_and_import import (  # noqa: F401 (a fixture)
    counts,
    empty_database,
    newsroom,
    round_trip,
    run,
)
from tests.helpers.parts import ROOT

DEEP = 100_000


@pytest.fixture
def archive(newsroom):  # noqa: F811 (the fixture imported above)
    """The test newsroom as an archive file holds it, and an empty database."""
    data = round_trip(export_archive())
    empty_database()
    return data


def refused(tmp_path, content: bytes) -> str:
    """The command's message for a file holding ``content``; nothing was written."""
    path = tmp_path / "archief.json"
    path.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError) as error:
        run("import_archive", str(path))
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert message.endswith("Er is niets geïmporteerd.")
    assert counts() == before
    return message


def with_snapshot_extra(archive: dict, value) -> bytes:
    changed = copy.deepcopy(archive)
    changed["articles"][0]["revisions"][0]["snapshot"]["extra"] = value
    return json.dumps(changed).encode()


def test_a_file_of_only_brackets_is_too_deep(db, tmp_path):
    """100 000 levels of ``[``: too deep, with the line and column where it starts."""
    message = refused(tmp_path, b"[" * DEEP)
    assert f"te diep genest: meer dan {MAX_DEPTH} lagen" in message
    assert f"regel 1, kolom {MAX_DEPTH + 1}" in message


def test_deep_nesting_inside_a_record_is_too_deep(archive, tmp_path):
    """Deep inside a revision's snapshot, at a depth the JSON reader still takes or
    at one it does not: the same message, naming where."""
    shallow = refused(
        tmp_path, with_snapshot_extra(archive, json.loads("[" * 200 + "]" * 200))
    )
    assert "te diep genest" in shallow
    assert "bij “articles” → 1 → “revisions” → 1 → “snapshot” → “extra” → …" in shallow
    deep = with_snapshot_extra(archive, "PLEK").replace(
        b'"PLEK"', b"[" * DEEP + b"]" * DEEP
    )
    message = refused(tmp_path, deep)
    assert "te diep genest" in message and "regel 1, kolom" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "redactie-archive", "version": 1, "users": [{"use', "geen geldige JSON (regel 1, kolom"),
        (b'{"format": "redactie\xff-archive"}', "geen UTF-8-tekst (onleesbare byte op positie 20)"),
        (b'{"format": "redactie-archive", "version": NaN}', "geen geldige JSON: “NaN” is geen getal"),
        (b'{"format": "redactie-archive", "version": ' + b"9" * 5000 + b"}", "een getal van duizenden cijfers"),
        (b'{"format": "redactie-archive", "users": ["a\\u0000b"]}', "een NUL-teken (\\u0000) bij “users” → 1"),
        (b"", "geen geldige JSON (regel 1, kolom 1"),
    ],
    ids=["truncated", "not-utf8", "nan", "huge-number", "nul", "empty"],
)  # fmt: skip
def test_unreadable_files_get_one_clear_line(db, tmp_path, content, expected):
    """Cut off, mis-encoded, numbers JSON has not, a NUL: named in one line."""
    assert expected in refused(tmp_path, content)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda a: a["articles"][0].update(authors="eva"), "“authors” moet een lijst zijn, niet tekst"),
        (lambda a: a["articles"][0]["notes"].append([]), "update of correctie 1: moet een object zijn"),
        (lambda a: a["topics"][0]["aliases"][0].update(name=7), "“name” moet tekst zijn, niet een getal"),
        (lambda a: a["embeds"][0]["media"].append({"position": "x"}), "het veld “kind” ontbreekt"),
        (lambda a: a["articles"][0]["revisions"][0]["snapshot"].update(authors=[{"slug": [1]}]),
         "“snapshot” heeft een veld “authors” dat heeft als “slug” een lijst, geen tekst"),
        (lambda a: a["articles"][0]["revisions"][0]["snapshot"].update(section="buitenland"),
         "“snapshot” heeft een veld “section” dat moet een object met “slug” en “name” zijn"),
        (lambda a: a["articles"][0]["revisions"][0]["snapshot"].update(headline=None),
         "“snapshot” heeft een veld “headline” dat moet tekst zijn, niet null"),
    ],
    ids=["list", "note", "alias", "media", "snapshot-slug", "snapshot-section", "snapshot-text"],
)  # fmt: skip
def test_wrong_types_deep_in_records_are_named(archive, tmp_path, change, expected):
    """A wrong type at any level of a record: its record, its field, what it should be."""
    change(archive)
    assert expected in refused(tmp_path, json.dumps(archive).encode())


WRONG = ([[1]], {"slug": [1]}, 10**30, None, "x")


def _paths(value, path=()):
    """Every place in ``value``, two items of each list deep."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*path, index))


def test_any_wrong_value_anywhere_is_an_archive_error(archive):
    """Every place in the archive, given each of a few wrong values: ArchiveError or
    a clean import, never another exception."""
    places = [path for path in _paths(archive) if path]
    assert len(places) > 200
    for path in places:
        for wrong in WRONG:
            changed = copy.deepcopy(archive)
            parent = changed
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = copy.deepcopy(wrong)
            with contextlib.suppress(ArchiveError):
                import_archive(changed, dry_run=True)
    assert all(number == 0 for number in counts().values())


@pytest.mark.parametrize(
    "content",
    [b"[" * DEEP, b'{"format": "redactie-archive", "version": 1, "exported_at": 5}'],
    ids=["too-deep", "wrong-type"],
)
def test_the_command_exits_with_status_1_and_no_traceback(tmp_path, content):
    """Run as a program: exit status 1, one line on stderr, no traceback."""
    path = tmp_path / "archief.json"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_archive", str(path)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path}/leeg.db",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: ")
    assert "Er is niets geïmporteerd." in lines[0]
