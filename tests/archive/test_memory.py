"""The archive holds memory constant in the number of articles: exporting and
importing 4N generated articles peaks (tracemalloc) hardly above N."""

import io
import tracemalloc

import pytest
from django.core.management import call_command

from articles.archive import (
    exporting,
    import_archive,
    importing,
    scan,
    sources,
    write_archive,
)
from articles.models import Article
from tests.archive.test_export_and_import import empty_database

N = 80
# Chunks far smaller than N, and a read buffer far smaller than the file, so that
# N and 4N both span many (the same code as with the real sizes, which would need
# thousands of articles to show it).
CHUNK = 40
READ = 16 << 10


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(exporting, "CHUNK", CHUNK)
    monkeypatch.setattr(importing, "BATCH", CHUNK)
    monkeypatch.setattr(sources, "READ", READ)


def _generate(count: int) -> None:
    call_command(
        "generate_articles", str(count), stdout=io.StringIO(), stderr=io.StringIO()
    )


def _peak(work) -> int:
    """The most memory Python held at once while ``work()`` ran, in bytes."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _round(path) -> tuple[int, int, int]:
    """Export everything to ``path``, empty the database, import it again: the
    export's and the import's peak, and the file's size."""
    with path.open("wb") as out:
        exported = _peak(lambda: write_archive(out))
    empty_database()
    with path.open("rb") as file:
        imported = _peak(lambda: import_archive(scan(file)))
    return exported, imported, path.stat().st_size


@pytest.mark.django_db(transaction=True)
def test_export_and_import_peak_the_same_for_4n_articles(small_chunks, tmp_path):
    """4N articles (a file four times the size) peak less than 1.5 times N."""
    _generate(N)
    _round(tmp_path / "opwarmen.json")  # what is loaded once (modules, caches)
    export_n, import_n, size_n = _round(tmp_path / "n.json")
    assert Article.objects.count() == N
    _generate(3 * N)
    export_4n, import_4n, size_4n = _round(tmp_path / "4n.json")
    assert Article.objects.count() == 4 * N

    assert size_4n > 2.5 * size_n  # the topics, authors and posts are shared
    assert export_4n < 1.5 * export_n, (export_n, export_4n)
    assert import_4n < 1.5 * import_n, (import_n, import_4n)
    # What does grow is the index of natural keys (the generator adds posts with
    # the articles: theirs too): a few KB an article, where its record is 6 KB of
    # JSON and many times that as Python objects, which nothing keeps.
    assert (export_4n - export_n) / (3 * N) < 4000, (export_n, export_4n)
    assert (import_4n - import_n) / (3 * N) < 4000, (import_n, import_4n)
