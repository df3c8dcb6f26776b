"""The archive: articles with their whole history, as versioned JSON, for recovery
and for moving content between databases (``manage.py export_archive`` and
``import_archive``).

- ``keys``: natural keys instead of ids (also in revision snapshots), times.
- ``records``: one stored row to one archive record; export and import share it.
- ``exporting``: ``write_archive(out, since=None)`` writes the file a chunk of
  records at a time; ``export_archive`` (the same, parsed) and ``dumps``.
- ``reading``: ``read_archive(raw)``, a file's bytes to JSON, refusing files that
  are not UTF-8, not JSON or nested too deep, in one Dutch line.
- ``sources``: ``scan(file)`` reads a file a record at a time with the same checks,
  keeping only where each list starts; later passes read it again from there.
- ``validating``: the format, the version and every record's shape, checked in a
  first pass before anything is written.
- ``importing``: ``import_archive(source)``: all or nothing, idempotent, a chunk at
  a time; ``importing_articles`` for articles and their history, ``storing`` for
  writing rows as they are.

Memory holds a chunk of records and an index of natural keys (slugs, URLs, paths,
usernames) by id, never the whole archive: docs/commands.md gives figures.

The format (version 2), every key sorted, every list in natural-key order::

    {"format": "redactie-archive", "version": 2, "exported_at": ISO, "since": ISO|null,
     "users": [{username, first_name, last_name}],
     "sections": [{slug, name, description, position}],
     "authors": [{slug, name, bio, photo: path|"", user: username|null}],
     "topics": [{slug, name, description, aliases: [{name, slug}]}],
     "images": [{file: path, alt, caption, credit, focal_x, focal_y, width, height,
                 original_bytes, renditions: [{kind, format, width, height, name}],
                 uploaded_by, created_at}],
     "embeds": [{url, provider, post_id, author_name, author_handle, author_url,
                 title, text_html, text, language, published_at, published_has_time,
                 platform_ref, source, state, last_checked_at, last_seen_at,
                 check_error, created_at, updated_at,
                 media: [{position, kind, source_url, image: path|"", width, height,
                          alt}]}],
     "articles": [{slug, headline, kicker, kind, lede, body, language, status,
                   seo_title, seo_description, version, publish_at,
                   publish_precision: "minute"|"day"|"month",
                   first_published_at, updated_at, created_at, modified_at,
                   section: slug, hero: path|null, created_by: username|null,
                   authors: [slug], topics: [slug], related: [slug], embeds: [url],
                   notes: [{kind, text, at, author}],
                   comments: [{text, created_at, author}],
                   revisions: [{version, snapshot, created_at, created_by, comment}],
                   transitions: [{from_status, to_status, publish_at, actor, reason,
                                  at}],
                   slug_redirects: [{old_slug, created_at}]}]}

Version 1 (before ``publish_precision``) still imports, each article's publication
time to the minute. Times are ISO 8601 in UTC; two exports of the same data differ
only in ``exported_at``. Files are named by their path in storage: the archive holds
no file contents; MEDIA_ROOT is backed up (and restored) on its own. In a revision
snapshot, ``{"id": ...}`` becomes ``{"slug": ...}`` (``null`` for a record deleted
since), and back to this database's id on import.
"""

from articles.archive.exporting import (
    changed_article_ids,
    dumps,
    export_archive,
    write_archive,
)
from articles.archive.importing import ImportSummary, Tally, import_archive
from articles.archive.keys import FORMAT, VERSION, ArchiveError
from articles.archive.reading import read_archive
from articles.archive.sources import scan

__all__ = [
    "FORMAT",
    "VERSION",
    "ArchiveError",
    "ImportSummary",
    "Tally",
    "changed_article_ids",
    "dumps",
    "export_archive",
    "import_archive",
    "read_archive",
    "scan",
    "write_archive",
]
