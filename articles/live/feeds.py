"""RSS 2.0 and Atom feeds of one live blog: its newest visible entries, full text.

Like the site's feeds (articles/public/feeds.py): only what ``LiveEntry.objects
.published()`` lets through, for an article ``Article.objects.published()`` lets
through (anything else is 404); absolute URLs on SITE_URL; posts as plain block
quotes from our archive. An entry's id is a tag URI of the site's host, the day the
entry was created and its primary key, so an edited title is not a new item.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.live.structured import UPDATES
from articles.models import Article, LiveEntry
from articles.public.feeds import (
    ArticleAtomFeed,
    ArticleRssFeed,
    absolute,
    absolute_links,
    static_embed,
)
from articles.public.rendering import render_body

__all__ = ["LiveAtomFeed", "LiveFeed", "entry_id"]


def entry_id(entry: LiveEntry) -> str:
    """The entry's permanent id: ``tag:example.org,2021-08-26:bericht/7``."""
    host = urlsplit(settings.SITE_URL).hostname
    day = entry.created_at.astimezone(UTC).date().isoformat()
    return f"tag:{host},{day}:bericht/{entry.pk}"


class LiveFeed(Feed):
    """A live blog's entries, newest first."""

    feed_type = ArticleRssFeed
    url_name = "articles:live_rss"
    item_guid_is_permalink = False

    def get_object(self, request, slug):
        return (
            Article.objects.published()
            .select_related("section")
            .get(slug=slug, kind=Article.Kind.LIVE)
        )

    def items(self, obj):
        entries = (
            LiveEntry.objects.published()
            .filter(article=obj)
            .order_by("-published_at", "-pk")
            .prefetch_related("authors", "embeds")[:UPDATES]
        )
        for entry in entries:
            entry.article = obj  # its URL needs no query
            yield entry

    def title(self, obj):
        return f"{obj.headline} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.lede or _("Live-verslag")

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse(self.url_name, kwargs={"slug": obj.slug}))

    def item_title(self, item):
        return item.title or timezone.localtime(item.published_at).strftime("%H:%M")

    def item_description(self, item):
        # The start of the text, plain, in a field readers treat as HTML.
        return escape(Truncator(strip_tags(item.body)).words(40))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return entry_id(item)

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(max(item.published_at, item.updated_at))

    def item_author_name(self, item):
        names = [author.name for author in item.authors.all()]
        return ", ".join(names) or settings.NEWSROOM_HOUSE_BYLINE["name"]

    def item_extra_kwargs(self, item):
        return {"content": self._full_text(item), "hero": None}

    @staticmethod
    def _full_text(item) -> str:
        quotes = {embed.url: static_embed(embed) for embed in item.embeds.all()}
        body = render_body(item.body, cards=quotes)
        return absolute_links(body, base=absolute(item.get_absolute_url()))


class LiveAtomFeed(LiveFeed):
    feed_type = ArticleAtomFeed
    url_name = "articles:live_atom"
