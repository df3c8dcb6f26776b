"""What we know of one social post, whatever way it came in, and what an archived
record keeps of it (``fields_of``). Pure data and pure functions."""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.utils import timezone

__all__ = ["Media", "Post", "fields_of", "merge", "text_post_url"]


@dataclass(frozen=True)
class Media:
    """An image or video of a post, as found (before we copy it)."""

    kind: str  # "image" or "video"
    url: str  # where it can be fetched or seen (a video's page, an image's file)
    thumbnail_url: str = ""  # for a video: a still image to copy
    alt: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Post:
    """One post. ``url`` is the canonical URL (see embeds.canonical.canonicalize).

    ``text_html`` is already reduced to the card's safe subset (paragraphs, line
    breaks and links: embeds.sanitize.sanitize_post_html); ``text`` is the same as
    plain text. Empty strings and ``None`` mean unknown.
    """

    provider: str  # a key of embeds.providers.PROVIDERS: x, bluesky, mastodon, ...
    url: str
    post_id: str = ""
    author_name: str = ""
    author_handle: str = ""  # "@janedoe", "@jane@mastodon.social", "jane.bsky.social"
    author_url: str = ""
    text_html: str = ""
    text: str = ""
    language: str = ""
    published_at: datetime | date | None = None
    title: str = ""  # a video's title
    media: tuple[Media, ...] = field(default_factory=tuple)
    # What the provider's own embed needs besides the URL (Bluesky: the at:// URI).
    platform_ref: str = ""
    source: str = "url"  # "url", "code", "text", "oembed", "manual"


def merge(known: Post, extra: Post) -> Post:
    """``known`` completed with what ``extra`` adds; known values win."""
    updates = {}
    for name in Post.__dataclass_fields__:
        if name in {"provider", "url", "source"}:
            continue
        if not getattr(known, name) and getattr(extra, name):
            updates[name] = getattr(extra, name)
    return replace(known, **updates)


def text_post_url(post: Post) -> str:
    """A stable key for a post pasted as text, which has no status URL.

    The author's profile with a fragment made from the text: the same post pasted
    twice is one record, and the link still leads to the author.
    """
    handle = post.author_handle.lstrip("@") or "onbekend"
    digest = hashlib.sha256(f"{handle}\n{post.text}".encode()).hexdigest()[:12]
    return f"https://x.com/{handle}#bericht-{digest}"


def _published(value: date | datetime | None) -> tuple[datetime | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value, True
    # A date alone: noon, so that no time zone moves it to another day.
    return timezone.make_aware(datetime.combine(value, time(12))), False


def fields_of(post: Post) -> dict:
    """What an archived record keeps of ``post``: its fields, cut to their sizes."""
    published_at, has_time = _published(post.published_at)
    return {
        "provider": post.provider,
        "post_id": post.post_id[:200],
        "author_name": post.author_name[:200],
        "author_handle": post.author_handle[:200],
        "author_url": post.author_url[:500],
        "title": post.title[:300],
        "text_html": post.text_html,
        "text": post.text,
        "language": post.language[:20],
        "published_at": published_at,
        "published_has_time": has_time,
        "platform_ref": post.platform_ref[:300],
    }
