"""The export: every article with what it refers to, written as it is read.

The file is the JSON that ``json.dumps(archive, sort_keys=True, indent=1)`` would
give, built piece by piece: keys sorted, lists sorted by natural key, so two exports
of the same data differ only in ``exported_at``. Records are read ``CHUNK`` at a
time and written at once; what stays in memory is an index of natural keys by id
(``Keys``) and the keys the articles used, never the records themselves.
"""

import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from django.utils import timezone

from articles.archive.keys import FORMAT, VERSION, Keys, time_out
from articles.archive.records import (
    article_records,
    author_records,
    embed_records,
    image_records,
    section_records,
    topic_records,
    user_records,
)
from articles.models import (
    Article,
    ArticleComment,
    ArticleNote,
    Author,
    Image,
    Revision,
    Section,
    SlugRedirect,
    Topic,
    Transition,
)
from embeds.models import Embed

__all__ = ["CHUNK", "changed_article_ids", "dumps", "export_archive", "write_archive"]

# Articles (with their whole history) read and written at a time: memory holds one
# chunk, whatever the number of articles.
CHUNK = 200

# kind: (records of it, model, natural key, the time it last changed, if it has one)
REFERENCED = {
    "sections": (section_records, Section, "slug", None),
    "authors": (author_records, Author, "slug", None),
    "topics": (topic_records, Topic, "slug", None),
    "images": (image_records, Image, "file", "created_at"),
    "embeds": (embed_records, Embed, "url", "updated_at"),
}
# Where a record names a user, by kind (an article's history lists by their name).
USER_FIELDS = {
    "authors": ("user",),
    "images": ("uploaded_by",),
    "articles": ("created_by",),
    "notes": ("author",),
    "comments": ("author",),
    "revisions": ("created_by",),
    "transitions": ("actor",),
}


def write_archive(out: BinaryIO, *, since: datetime | None = None) -> dict[str, int]:
    """Write the archive of all articles, or of those changed at or after ``since``
    (see ``changed_article_ids``) with the sections, authors, topics, images and
    posts they refer to and the images and posts changed since then, to ``out`` as
    UTF-8. Returns how many records of each kind it wrote."""
    export = _Export(Keys.load(), since)
    header = {
        "exported_at": time_out(timezone.now()),
        "format": FORMAT,
        "since": time_out(since),
        "version": VERSION,
    }
    parts = {
        "articles": export.articles,
        **{kind: (lambda kind=kind: export.referenced(kind)) for kind in REFERENCED},
        "users": export.users,
    }
    out.write(b"{\n")
    for position, name in enumerate(sorted([*header, *parts])):
        out.write(b",\n" if position else b"")
        out.write(f" {json.dumps(name)}: ".encode())
        if name in header:
            out.write(json.dumps(header[name]).encode())
        else:
            export.counts[name] = _write_list(out, parts[name]())
    out.write(b"\n}\n")
    return export.counts


def export_archive(*, since: datetime | None = None) -> dict:
    """The archive as parsed JSON: what ``write_archive`` writes, read back. For
    small archives and tests; the commands stream."""
    buffer = io.BytesIO()
    write_archive(buffer, since=since)
    return json.loads(buffer.getvalue())


def dumps(archive: dict) -> str:
    """An archive (parsed) as JSON text in the export's spelling: sorted keys, one
    line per value."""
    return json.dumps(archive, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _write_list(out: BinaryIO, records: Iterator[dict]) -> int:
    """Each record as ``json.dumps(..., indent=1)`` writes an item of a list that is
    a value of the top-level object: two spaces in, one line per value."""
    count = 0
    for record in records:
        text = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1)
        out.write(b",\n  " if count else b"[\n  ")
        out.write(text.replace("\n", "\n  ").encode())
        count += 1
    out.write(b"\n ]" if count else b"[]")
    return count


class _Export:
    """One export's state: the key index, and what the articles used."""

    def __init__(self, keys: Keys, since: datetime | None):
        self.keys = keys
        self.since = since
        self.usernames: set[str] = set()
        self.used: dict[str, set[str]] = {kind: set() for kind in REFERENCED}
        self.counts: dict[str, int] = {}

    def articles(self) -> Iterator[dict]:
        slugs = self.keys.articles
        ids = slugs if self.since is None else changed_article_ids(self.since)
        ids = [pk for pk in ids if pk in slugs]  # not one saved since the index
        for chunk in _chunks(sorted(ids, key=slugs.__getitem__)):
            found = article_records(chunk, self.keys)
            for slug in sorted(found):
                record = found[slug][1]
                self._uses(record)
                yield record

    def _uses(self, article: dict) -> None:
        self.used["sections"].add(article["section"])
        if article["hero"]:
            self.used["images"].add(article["hero"])
        for kind in ("authors", "topics", "embeds"):
            self.used[kind].update(article[kind])
        self._named(article, "articles")
        for child in ("notes", "comments", "revisions", "transitions"):
            for item in article[child]:
                self._named(item, child)

    def _named(self, record: dict, kind: str) -> None:
        for field in USER_FIELDS[kind]:
            if record[field] is not None:
                self.usernames.add(record[field])

    def referenced(self, kind: str) -> Iterator[dict]:
        """The records of ``kind``: all of them, or (``since``) those the articles
        used and those changed since then; in natural-key order."""
        records_of, model, key, changed = REFERENCED[kind]
        by_pk = getattr(self.keys, kind)
        if self.since is None:
            ids = list(by_pk)
        else:
            wanted = self.used[kind]
            ids = [pk for pk, value in by_pk.items() if value in wanted]
            if changed:
                recent = model.objects.filter(**{f"{changed}__gte": self.since})
                recent_ids = recent.values_list("pk", flat=True)
                ids = {*ids, *(pk for pk in recent_ids if pk in by_pk)}
        for chunk in _chunks(sorted(ids, key=by_pk.__getitem__)):
            found = records_of(model.objects.filter(pk__in=chunk), self.keys)
            for value in sorted(found):
                record = found[value][1]
                if kind in USER_FIELDS:
                    self._named(record, kind)
                yield record

    def users(self) -> Iterator[dict]:
        yield from user_records(self.usernames)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def changed_article_ids(since: datetime) -> set[int]:
    """Articles saved at or after ``since``, or given a note, internal comment,
    revision, status change or old slug since then (a note changes no article
    row's modification time)."""
    ids = set(
        Article.objects.filter(modified_at__gte=since).values_list("pk", flat=True)
    )
    for model, field in (
        (ArticleNote, "at"),
        (ArticleComment, "created_at"),
        (Revision, "created_at"),
        (Transition, "at"),
        (SlugRedirect, "created_at"),
    ):
        ids.update(
            model.objects.filter(**{f"{field}__gte": since}).values_list(
                "article_id", flat=True
            )
        )
    return ids
