"""schema.org JSON-LD for a live article: a ``LiveBlogPosting`` with its updates.

Pure: the article (relations loaded) and its newest visible entries in, a dict out;
``articles.public.structured_data.json_ld`` makes the script element.
"""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article
from articles.public.structured_data import absolute, article_data, local_iso

__all__ = ["UPDATES", "live_blog_data"]

# How many of the newest entries the markup lists as liveBlogUpdate.
UPDATES = 20


def _headline(entry) -> str:
    """An entry's title, or the start of its text for one without (schema.org
    wants a headline on each BlogPosting)."""
    return entry.title or Truncator(strip_tags(entry.body)).words(12)


def update_data(entry) -> dict:
    """One entry as a BlogPosting: headline, time, author(s), its anchor's URL."""
    authors = [{"@type": "Person", "name": a.name} for a in entry.authors.all()] or [
        {"@type": "Organization", "name": settings.NEWSROOM_HOUSE_BYLINE["name"]}
    ]
    return {
        "@type": "BlogPosting",
        "headline": _headline(entry)[:110],
        "datePublished": local_iso(entry.published_at),
        "dateModified": local_iso(max(entry.published_at, entry.updated_at)),
        "author": authors,
        "url": absolute(entry.get_absolute_url()),
    }


def live_blog_data(article: Article, entries: list) -> dict:
    """The article's own markup as a LiveBlogPosting: coverage from its first
    publication, to its closing when it has ended, and ``entries`` (newest first)
    as its updates."""
    data = article_data(article)
    data["@type"] = "LiveBlogPosting"
    start = article.first_published_at or article.publish_at
    data["coverageStartTime"] = local_iso(start)
    if article.live_closed_at:
        data["coverageEndTime"] = local_iso(article.live_closed_at)
    if entries:
        data["liveBlogUpdate"] = [update_data(entry) for entry in entries]
        newest = max(entry.published_at for entry in entries)
        if newest > (article.shown_update_time or article.publish_at):
            data["dateModified"] = local_iso(newest)
    return data
