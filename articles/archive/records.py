"""One stored row to one archive record (plain JSON data), with natural keys only.

The export writes these records; the import reads the stored rows the same way and
compares, so a record that is already there as the archive has it is not written
again. Each function takes a queryset (or ids) and returns ``{natural key: (pk,
record)}``, in a fixed number of queries.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model

from articles import fields
from articles.archive.keys import Keys, snapshot_out, time_out
from articles.models import (
    Article,
    ArticleComment,
    ArticleNote,
    Revision,
    SlugRedirect,
    TaggedArticle,
    TopicAlias,
    Transition,
)
from embeds.models import EmbedMedia

__all__ = [
    "ARTICLE_TEXT",
    "ARTICLE_TIMES",
    "EMBED_FIELDS",
    "EMBED_TIMES",
    "IMAGE_FIELDS",
    "BATCH",
    "article_records",
    "author_records",
    "child_order",
    "embed_records",
    "image_records",
    "records_by_key",
    "section_records",
    "topic_records",
    "user_records",
]

# An article's own values (articles.fields); its references are written by name.
ARTICLE_TEXT = (*fields.TEXT, "version")
ARTICLE_TIMES = (*fields.TIMES, *fields.BOOKKEEPING_TIMES)
EMBED_FIELDS = (
    "url", "provider", "post_id", "author_name", "author_handle", "author_url",
    "title", "text_html", "text", "language", "published_has_time", "platform_ref",
    "source", "state", "check_error",
)  # fmt: skip
EMBED_TIMES = (
    "published_at", "last_checked_at", "last_seen_at", "created_at", "updated_at",
)  # fmt: skip
IMAGE_FIELDS = (
    "alt", "caption", "credit", "focal_x", "focal_y", "width", "height",
    "original_bytes", "renditions",
)  # fmt: skip


BATCH = 500  # ids or keys per IN (...): well below every database's limit


def batches(values) -> list[list]:
    """``values`` (sorted) in lists of at most ``BATCH``."""
    values = sorted(values)
    return [values[start : start + BATCH] for start in range(0, len(values), BATCH)]


def records_by_key(records, queryset, field: str, values, keys: Keys) -> dict:
    """``records(queryset, keys)`` for the rows whose ``field`` is in ``values``,
    asked in batches."""
    found = {}
    for batch in batches(values):
        found.update(records(queryset.filter(**{f"{field}__in": batch}), keys))
    return found


def _grouped(pairs: Iterable[tuple]) -> dict:
    grouped = defaultdict(list)
    for owner, *rest in pairs:
        grouped[owner].append(rest[0] if len(rest) == 1 else rest)
    return grouped


def _sorted_keys(ids, mapping: dict) -> list[str]:
    return sorted(mapping[pk] for pk in ids)


def user_records(usernames: Iterable[str]) -> list[dict]:
    """The users named, by username: only their names travel (no email, no password,
    no permissions)."""
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    rows = [
        row
        for batch in batches(usernames)
        for row in user_model.objects.filter(**{f"{field}__in": batch}).values(
            field, "first_name", "last_name"
        )
    ]
    return sorted(
        (
            {"username": row[field], "first_name": row["first_name"],
             "last_name": row["last_name"]}
            for row in rows
        ),
        key=lambda record: record["username"],
    )  # fmt: skip


def section_records(queryset, keys: Keys) -> dict[str, tuple[int, dict]]:
    """``{slug: (pk, record)}`` for the sections of ``queryset``."""
    return {
        row["slug"]: (row.pop("pk"), row)
        for row in queryset.values("pk", "slug", "name", "description", "position")
    }


def author_records(queryset, keys: Keys) -> dict[str, tuple[int, dict]]:
    """Authors by slug; the photo as its path in storage, the account by username."""
    found = {}
    for row in queryset.values("pk", "slug", "name", "bio", "photo", "user_id"):
        row["photo"] = row["photo"] or ""
        row["user"] = keys.user(row.pop("user_id"))
        found[row["slug"]] = (row.pop("pk"), row)
    return found


def topic_records(queryset, keys: Keys) -> dict[str, tuple[int, dict]]:
    """Topics by slug, with their aliases."""
    rows = list(queryset.values("pk", "slug", "name", "description"))
    aliases = _grouped(
        pair
        for batch in batches(row["pk"] for row in rows)
        for pair in TopicAlias.objects.filter(topic__in=batch)
        .order_by("slug")
        .values_list("topic_id", "name", "slug")
    )
    found = {}
    for row in rows:
        row["aliases"] = [
            {"name": name, "slug": slug} for name, slug in aliases.get(row["pk"], [])
        ]
        found[row["slug"]] = (row.pop("pk"), row)
    return found


def image_records(queryset, keys: Keys) -> dict[str, tuple[int, dict]]:
    """Images by their original's path in storage; renditions as the row lists
    them (their files live next to the original)."""
    found = {}
    for row in queryset.values(
        "pk", "file", *IMAGE_FIELDS, "uploaded_by_id", "created_at"
    ):
        row["uploaded_by"] = keys.user(row.pop("uploaded_by_id"))
        row["created_at"] = time_out(row["created_at"])
        found[row["file"]] = (row.pop("pk"), row)
    return found


def embed_records(queryset, keys: Keys) -> dict[str, tuple[int, dict]]:
    """Archived posts by canonical URL, with every archived field and their media
    (the local copy as its path in storage)."""
    rows = list(queryset.values("pk", *EMBED_FIELDS, *EMBED_TIMES))
    media = _grouped(
        pair
        for batch in batches(row["pk"] for row in rows)
        for pair in EmbedMedia.objects.filter(embed__in=batch)
        .order_by("position", "pk")
        .values_list(
            "embed_id",
            "position",
            "kind",
            "source_url",
            "image",
            "width",
            "height",
            "alt",
        )  # fmt: skip
    )
    found = {}
    for row in rows:
        for name in EMBED_TIMES:
            row[name] = time_out(row[name])
        row["media"] = [
            {"position": position, "kind": kind, "source_url": source_url,
             "image": image or "", "width": width, "height": height, "alt": alt}
            for position, kind, source_url, image, width, height, alt
            in media.get(row["pk"], [])
        ]  # fmt: skip
        found[row["url"]] = (row.pop("pk"), row)
    return found


def article_records(ids: list[int], keys: Keys) -> dict[str, tuple[int, dict]]:
    """``{slug: (pk, record)}`` for the articles with these ids (at most ``BATCH``),
    in a fixed number of queries."""
    rows = list(
        Article.objects.filter(pk__in=ids).values(
            "pk",
            *ARTICLE_TEXT,
            *ARTICLE_TIMES,
            "section_id",
            "hero_id",
            "created_by_id",
        )
    )
    ids = [row["pk"] for row in rows]
    authors = _grouped(
        Article.authors.through.objects.filter(article_id__in=ids).values_list(
            "article_id", "author_id"
        )
    )
    topics = _grouped(
        TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag_id"
        )
    )
    related = _grouped(
        Article.related.through.objects.filter(from_article_id__in=ids).values_list(
            "from_article_id", "to_article_id"
        )
    )
    embeds = _grouped(
        Article.embeds.through.objects.filter(article_id__in=ids).values_list(
            "article_id", "embed_id"
        )
    )
    children = _children(ids, keys)
    found = {}
    for row in rows:
        pk = row.pop("pk")
        for name in ARTICLE_TIMES:
            row[name] = time_out(row[name])
        row["section"] = keys.sections[row.pop("section_id")]
        hero = row.pop("hero_id")
        row["hero"] = keys.images[hero] if hero else None
        row["created_by"] = keys.user(row.pop("created_by_id"))
        row["authors"] = _sorted_keys(authors.get(pk, []), keys.authors)
        row["topics"] = _sorted_keys(topics.get(pk, []), keys.topics)
        row["related"] = _sorted_keys(related.get(pk, []), keys.articles)
        row["embeds"] = _sorted_keys(embeds.get(pk, []), keys.embeds)
        for name, records in children.items():
            row[name] = records.get(pk, [])
        found[row["slug"]] = (pk, row)
    return found


def _children(ids: list[int], keys: Keys) -> dict[str, dict[int, list[dict]]]:
    """An article's own history: notes, internal comments, revisions, status
    changes and old slugs, each list in a fixed order."""
    user = keys.user
    found = {
        "notes": [
            (row["article_id"], {"kind": row["kind"], "text": row["text"],
             "at": time_out(row["at"]), "author": user(row["author_id"])})
            for row in ArticleNote.objects.filter(article_id__in=ids).values()
        ],
        "comments": [
            (row["article_id"], {"text": row["text"],
             "created_at": time_out(row["created_at"]),
             "author": user(row["author_id"])})
            for row in ArticleComment.objects.filter(article_id__in=ids).values()
        ],
        "revisions": [
            (row["article_id"], {"version": row["version"],
             "snapshot": snapshot_out(row["snapshot"], keys),
             "created_at": time_out(row["created_at"]),
             "created_by": user(row["created_by_id"]), "comment": row["comment"]})
            for row in Revision.objects.filter(article_id__in=ids).values()
        ],
        "transitions": [
            (row["article_id"], {"from_status": row["from_status"],
             "to_status": row["to_status"], "publish_at": time_out(row["publish_at"]),
             "actor": user(row["actor_id"]), "reason": row["reason"],
             "at": time_out(row["at"])})
            for row in Transition.objects.filter(article_id__in=ids).values()
        ],
        "slug_redirects": [
            (row["article_id"], {"old_slug": row["old_slug"],
             "created_at": time_out(row["created_at"])})
            for row in SlugRedirect.objects.filter(article_id__in=ids).values()
        ],
    }  # fmt: skip
    grouped = {}
    for name, pairs in found.items():
        by_article = _grouped(pairs)
        for records in by_article.values():
            records.sort(key=child_order(name))
        grouped[name] = by_article
    return grouped


def child_order(name: str):
    """The sort key of an article's child records of kind ``name`` (a fixed order,
    whatever order the database returns them in)."""
    fields = {
        "notes": ("at", "kind", "text", "author"),
        "comments": ("created_at", "text", "author"),
        "revisions": ("version",),
        "transitions": ("at", "from_status", "to_status", "publish_at", "reason",
                        "actor"),
        "slug_redirects": ("old_slug",),
    }[name]  # fmt: skip
    return lambda record: tuple(
        (record[field] is not None, "" if record[field] is None else record[field])
        for field in fields
    )
