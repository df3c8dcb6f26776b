"""An archived post's fields from a Post: what the record keeps of what we know."""

from datetime import date, datetime, time

from django.utils import timezone

from embeds.post import Post

__all__ = ["fields_of"]


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
