"""Live blogs for the readers' tests: an article of kind live and its entries,
written with the ORM (the desk's services have their own tests)."""

from datetime import timedelta

from django.utils import timezone

from articles.caching.targets import article_urls
from articles.caching.version import content_changed
from articles.models import LiveEntry

__all__ = ["add_entries", "add_entry"]


def add_entry(article, *, minutes_ago: float = 1, status="published", **fields):
    """One entry of ``article``, published ``minutes_ago`` (negative: scheduled)."""
    authors = fields.pop("authors", [])
    fields.setdefault("body", "<p>Er is een explosie gemeld bij de poort.</p>")
    entry = LiveEntry.objects.create(
        article=article,
        status=status,
        published_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )
    if authors:
        entry.authors.set(authors)
    # As the desk's services do: readers see the change at once.
    content_changed(*article_urls(article))
    return entry


def add_entries(article, count: int, **fields):
    """``count`` published entries, one a minute, the newest a minute ago."""
    now = timezone.now()
    made = LiveEntry.objects.bulk_create(
        LiveEntry(
            article=article,
            status="published",
            published_at=now - timedelta(minutes=count - n),
            title=f"Bericht {n}",
            body=f"<p>Bericht nummer {n}.</p>",
            **fields,
        )
        for n in range(count)
    )
    content_changed(*article_urls(article))
    return made
