"""The export: every article with what it refers to, as one JSON-ready dict.

Lists are sorted by natural key and ``dumps`` sorts the keys of every object, so two
exports of the same data differ only in ``exported_at``.
"""

import json
from datetime import datetime

from django.utils import timezone

from articles.archive.keys import FORMAT, VERSION, Keys, time_out
from articles.archive.records import (
    article_records,
    author_records,
    batches,
    embed_records,
    image_records,
    records_by_key,
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

__all__ = ["changed_article_ids", "dumps", "export_archive"]


# kind: (records of it, model, natural key, the time it last changed, if it has one)
REFERENCED = {
    "sections": (section_records, Section, "slug", None),
    "authors": (author_records, Author, "slug", None),
    "topics": (topic_records, Topic, "slug", None),
    "images": (image_records, Image, "file", "created_at"),
    "embeds": (embed_records, Embed, "url", "updated_at"),
}


def export_archive(*, since: datetime | None = None) -> dict:
    """The archive of all articles, or of those changed at or after ``since`` (see
    ``changed_article_ids``) with the sections, authors, topics, images and posts
    they refer to, and the images and posts changed since then.
    """
    keys = Keys.load()
    ids = keys.articles if since is None else changed_article_ids(since)
    articles = []
    for batch in batches(ids):
        articles += [record for _pk, record in article_records(batch, keys).values()]
    articles.sort(key=lambda record: record["slug"])
    used = {
        "sections": {article["section"] for article in articles},
        "images": {article["hero"] for article in articles if article["hero"]},
        **{
            kind: {key for article in articles for key in article[kind]}
            for kind in ("authors", "topics", "embeds")
        },
    }
    records = {}
    for kind, (records_of, model, key, changed) in REFERENCED.items():
        if since is None:
            found = records_of(model.objects.all(), keys)
        else:
            found = records_by_key(records_of, model.objects, key, used[kind], keys)
            if changed:
                recent = model.objects.filter(**{f"{changed}__gte": since})
                found |= records_of(recent, keys)
        records[kind] = [record for _key, (_pk, record) in sorted(found.items())]
    records["articles"] = articles
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": time_out(timezone.now()),
        "since": time_out(since),
        "users": user_records(_usernames(records)),
        **records,
    }


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


def dumps(archive: dict) -> str:
    """The archive as UTF-8-ready JSON text: sorted keys, one line per value."""
    return json.dumps(archive, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


USER_FIELDS = {
    "authors": ("user",),
    "images": ("uploaded_by",),
    "articles": ("created_by",),
    "notes": ("author",),
    "comments": ("author",),
    "revisions": ("created_by",),
    "transitions": ("actor",),
}


def _usernames(records: dict) -> set[str]:
    """Every user the records refer to."""
    names = set()
    for kind in ("authors", "images", "articles"):
        for record in records[kind]:
            names.update(record[field] for field in USER_FIELDS[kind])
            if kind == "articles":
                for child in ("notes", "comments", "revisions", "transitions"):
                    for item in record[child]:
                        names.update(item[field] for field in USER_FIELDS[child])
    names.discard(None)
    return names
