"""What the archive uses instead of database ids, and how it writes times.

Relations are slugs, canonical URLs, storage paths and usernames (``Keys``), also
inside revision snapshots; times are ISO 8601 in UTC.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth import get_user_model

from articles.models import Article, Author, Image, Section, Topic
from embeds.models import Embed

__all__ = [
    "FORMAT",
    "READABLE",
    "VERSION",
    "ArchiveError",
    "Keys",
    "snapshot_in",
    "snapshot_out",
    "time_in",
    "time_out",
]

FORMAT = "redactie-archive"
# 2: an article's publish_precision (articles/dates.py). Version 1 still imports,
# every publication time to the minute, as it was then (validating.upgraded).
VERSION = 2
READABLE = (1, 2)

# Where a revision snapshot names a record by id (articles.services.revisions.snapshot).
# Every reference of articles.fields but the posts, which are named by URL.
SNAPSHOT_RELATIONS = {
    "section": "sections",
    "hero": "images",
    "authors": "authors",
    "topics": "topics",
    "related": "articles",
}


class ArchiveError(ValueError):
    """The archive cannot be imported. ``str(error)`` names the record and what is
    wrong with it, in Dutch; nothing has been written."""


def time_out(value: datetime | None) -> str | None:
    """A stored time as the archive writes it: ISO 8601 in UTC."""
    return value.astimezone(UTC).isoformat() if value else None


def time_in(value: str | None) -> datetime | None:
    """An archive time (already checked by ``validating``) as an aware datetime."""
    return datetime.fromisoformat(value) if value else None


@dataclass
class Keys:
    """Natural keys by database id, for everything a record may refer to."""

    users: dict[int, str]
    sections: dict[int, str]
    authors: dict[int, str]
    topics: dict[int, str]
    articles: dict[int, str]
    images: dict[int, str]
    embeds: dict[int, str]

    @classmethod
    def load(cls) -> "Keys":
        user_model = get_user_model()
        return cls(
            users=dict(user_model.objects.values_list("pk", user_model.USERNAME_FIELD)),
            sections=dict(Section.objects.values_list("pk", "slug")),
            authors=dict(Author.objects.values_list("pk", "slug")),
            topics=dict(Topic.objects.values_list("pk", "slug")),
            articles=dict(Article.objects.values_list("pk", "slug")),
            images=dict(Image.objects.values_list("pk", "file")),
            embeds=dict(Embed.objects.values_list("pk", "url")),
        )

    def user(self, pk: int | None) -> str | None:
        return self.users.get(pk) if pk is not None else None


def snapshot_out(snapshot, keys: Keys):
    """A revision snapshot with every ``{"id": ...}`` swapped for ``{"slug": ...}``.

    A record deleted since the revision was taken has no slug: ``None``, and the
    name the snapshot kept. Anything else in the snapshot is left as it is.
    """
    return _swap_keys(snapshot, lambda kind, pk: getattr(keys, kind).get(pk), "id")


def snapshot_in(snapshot, resolve):
    """The inverse of ``snapshot_out``: ``resolve(kind, slug)`` gives the local id
    (or ``None``: a restore then skips that record, as for any deleted one)."""
    return _swap_keys(snapshot, resolve, "slug")


def _swap_keys(snapshot, lookup, old: str):
    if not isinstance(snapshot, dict):
        return snapshot
    new = "slug" if old == "id" else "id"
    swapped = dict(snapshot)
    for name, kind in SNAPSHOT_RELATIONS.items():
        value = snapshot.get(name)

        def swap(item, kind=kind):
            if not isinstance(item, dict) or old not in item:
                return item
            rest = {k: v for k, v in item.items() if k != old}
            key = item[old]
            return {**rest, new: lookup(kind, key) if key is not None else None}

        if isinstance(value, list):
            swapped[name] = [swap(item) for item in value]
        elif isinstance(value, dict):
            swapped[name] = swap(value)
    return swapped
