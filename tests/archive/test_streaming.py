"""The archive streams: the export writes record by record the very bytes
``dumps`` gives, and the import reads the file a record at a time."""

import io
import json

from articles.archive import dumps, write_archive
from tests.archive.test_export_and_import import newsroom  # noqa: F401 (a fixture)


def test_the_streamed_export_is_the_json_dumps_would_write(newsroom):  # noqa: F811
    """Written piece by piece, the file is byte for byte what ``dumps`` makes of it."""
    out = io.BytesIO()
    counts = write_archive(out)
    text = out.getvalue().decode("utf-8")
    assert text == dumps(json.loads(text))
    assert counts["articles"] == 5 and counts["users"] == 2
