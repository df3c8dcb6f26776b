"""The archive streams: the export writes record by record the very bytes
``dumps`` gives, and the import reads the file a record at a time."""

import io
import json
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.archive import (
    dumps,
    exporting,
    import_archive,
    importing,
    scan,
    sources,
    write_archive,
)
from articles.models import Article, Author
from tests.archive.test_export_and_import import (  # noqa: F401 (a fixture)
    differences,
    empty_database,
    newsroom,
    run,
    stored_state,
)


def test_the_streamed_export_is_the_json_dumps_would_write(newsroom):  # noqa: F811
    """Written piece by piece, the file is byte for byte what ``dumps`` makes of it."""
    out = io.BytesIO()
    counts = write_archive(out)
    text = out.getvalue().decode("utf-8")
    assert text == dumps(json.loads(text))
    assert counts["articles"] == 5 and counts["users"] == 2


def test_a_round_trip_in_chunks_of_two_is_lossless(newsroom, monkeypatch):  # noqa: F811
    """Chunks of two articles and a read buffer of a few bytes: related articles and
    snapshots that point into another chunk come back as they were."""
    monkeypatch.setattr(exporting, "CHUNK", 2)
    monkeypatch.setattr(importing, "BATCH", 2)
    monkeypatch.setattr(sources, "READ", 7)
    before = stored_state()
    out = io.BytesIO()
    write_archive(out)
    empty_database()

    summary = import_archive(scan(io.BytesIO(out.getvalue())))

    assert str(summary.tallies["articles"]) == "5 nieuw, 0 bijgewerkt, 0 ongewijzigd"
    assert differences(before, stored_state()) == []
    again = import_archive(scan(io.BytesIO(out.getvalue())))
    assert not again.changed


def test_stdin_is_read_a_record_at_a_time_too(newsroom, tmp_path, monkeypatch):  # noqa: F811
    """``import_archive -`` reads stdin (copied to a temporary file first)."""
    path = tmp_path / "archief.json"
    run("export_archive", output=str(path))
    empty_database()
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    out, _ = run("import_archive", "-")
    assert "artikelen: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out
    assert Article.objects.count() == 5


def test_a_record_cut_off_at_the_end_is_named_with_its_line(db, tmp_path, monkeypatch):
    """A file cut off in the middle of a record, read in small pieces: the line and
    column of the end, one line, nothing written."""
    text = '{"articles": [\n  {"slug": "a"},\n  {"slug": "b", "kop": "xyz'
    path = tmp_path / "archief.json"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(sources, "READ", 5)
    with pytest.raises(CommandError) as refused:
        run("import_archive", str(path))
    assert "geen geldige JSON (regel 3, kolom 24: Unterminated string" in str(
        refused.value
    )


def test_media_are_looked_for_in_storage_not_on_disk(make_article, settings):
    """Media in a store without a folder (Django's in-memory storage; a bucket has
    none either): the import finds the file the store holds and names the one it
    lacks, through the storage API alone."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    make_article()
    Author.objects.create(name="Foto", slug="foto", photo="authors/in-store.jpg")
    Author.objects.create(name="Kwijt", slug="kwijt", photo="authors/kwijt.jpg")
    default_storage.save("authors/in-store.jpg", ContentFile(b"jpeg"))
    out = io.BytesIO()
    write_archive(out)
    empty_database()

    summary = import_archive(scan(io.BytesIO(out.getvalue())))

    assert summary.missing_files == ["authors/kwijt.jpg"]
    assert Author.objects.get(slug="foto").photo.read() == b"jpeg"


def _export_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        write_archive(io.BytesIO())
    return len(queries)


def test_the_export_asks_the_same_queries_for_each_chunk(make_article, monkeypatch):
    """Chunks of two articles: each further chunk costs the same fixed number of
    queries, whatever its articles hold."""
    monkeypatch.setattr(exporting, "CHUNK", 2)
    counts = []
    for number in range(3):
        make_article(headline=f"Stuk {number}a")
        make_article(headline=f"Stuk {number}b")
        counts.append(_export_queries())
    per_chunk = counts[1] - counts[0]
    assert per_chunk == counts[2] - counts[1] == 10  # articles, 4 links, 5 histories
