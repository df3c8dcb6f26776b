"""RSS 2.0 and Atom feeds of published articles: the whole site, a section, a topic
and an author, each with the full text and the hero image.

Every feed lists ``Article.objects.published()`` only, the newest ``ITEMS`` first, in
a fixed number of queries. URLs are absolute with ``settings.SITE_URL``, whatever
host the request came in on. An item's id is a tag URI made of the site's host, the
day the article was created and its primary key (``tag:example.org,2025-08-14:
artikel/42``): a new slug or headline does not make it a new item for subscribers.
Embedded posts appear as plain block quotes built from our archive: no script, no
frame, nothing loaded from the platform.
"""

import re
from datetime import UTC
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.images.renditions import best
from articles.models import Article, Author, Section, Topic
from articles.public.rendering import render_body
from embeds.models import Embed
from embeds.sanitize import sanitize_post_html

__all__ = [
    "ArticleAtomFeed",
    "ArticleRssFeed",
    "AuthorAtomFeed",
    "AuthorFeed",
    "SectionAtomFeed",
    "SectionFeed",
    "SiteAtomFeed",
    "SiteFeed",
    "TopicAtomFeed",
    "TopicFeed",
    "absolute_links",
    "article_id",
    "full_text",
    "static_embed",
]

ITEMS = 20
# Feed readers show the hero across the reading column; 960 is sharp enough there.
HERO_MIN_WIDTH = 960
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
# A link's address in sanitized HTML (nh3 escapes quotes and ">" in attribute values).
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')


def absolute(url: str) -> str:
    """``url`` on SITE_URL when it is a path; an absolute URL stays as it is."""
    return urljoin(settings.SITE_URL + "/", url)


def absolute_links(html: str, *, base: str) -> str:
    """Sanitized ``html`` with every relative link resolved against ``base``: a feed
    reader shows the text away from our site."""
    return _HREF.sub(lambda m: m[1] + urljoin(base, m[2]) + m[3], html)


def article_id(article: Article) -> str:
    """The article's permanent id in feeds: a tag URI (RFC 4151) of SITE_URL's host,
    the day the article was created (UTC) and its primary key. Slugs and headlines
    change; none of these do."""
    host = urlsplit(settings.SITE_URL).hostname
    day = article.created_at.astimezone(UTC).date().isoformat()
    return f"tag:{host},{day}:artikel/{article.pk}"


def static_embed(embed: Embed) -> SafeString:
    """An embedded post as a plain ``<blockquote>``: its text (or title), who posted it
    and when, and a link to the original. From our archive alone, for feed readers."""
    text = sanitize_post_html(embed.text_html)
    if not text and embed.title:
        text = format_html("<p>{}</p>", embed.title)
    elif text and not text.startswith("<p>"):
        text = f"<p>{text}</p>"
    who = embed.author_name or embed.author_handle
    if embed.author_name and embed.author_handle:
        who = f"{embed.author_name} ({embed.author_handle})"
    when = ""
    if embed.published_at:
        when = date_format(timezone.localtime(embed.published_at), "j F Y")
    signature = ", ".join(part for part in (who, when) if part)
    original = _("Origineel op %(provider)s") % {"provider": embed.provider_name}
    deleted = ""
    if embed.state == Embed.State.DELETED:
        deleted = format_html(
            "<p><em>{}</em></p>", _("Dit bericht is inmiddels verwijderd.")
        )
    return format_html(
        '<blockquote cite="{}">{}<p>{}<a href="{}">{}</a></p>{}</blockquote>',
        embed.url,
        mark_safe(text),  # noqa: S308 (sanitized above, or built with format_html)
        f"— {signature} · " if signature else "",
        embed.url,
        original,
        deleted,
    )


def full_text(article: Article) -> str:
    """The body as readers see it, each embedded post a static block quote, links
    absolute. Uses ``article.embeds.all()`` (prefetch it for many articles)."""
    quotes = {embed.url: static_embed(embed) for embed in article.embeds.all()}
    body = render_body(article.body, cards=quotes)
    return absolute_links(body, base=absolute(article.get_absolute_url()))


def hero_media(article: Article) -> dict | None:
    """What ``media:content`` says about the hero: a JPEG at least HERO_MIN_WIDTH wide
    (the largest there is, if the original is smaller); None without a hero."""
    if article.hero is None:
        return None
    rendition = best(article.hero, kind="w", format="jpeg", min_width=HERO_MIN_WIDTH)
    if rendition is None:
        return None
    return {
        "url": absolute(rendition["url"]),
        "width": str(rendition["width"]),
        "height": str(rendition["height"]),
        "alt": article.hero.alt,
        "credit": article.hero.credit,
    }


def _add_media(handler, item: dict) -> None:
    hero = item.get("hero")
    if not hero:
        return
    handler.startElement(
        "media:content",
        {
            "url": hero["url"],
            "medium": "image",
            "type": "image/jpeg",
            "width": hero["width"],
            "height": hero["height"],
        },
    )
    handler.addQuickElement("media:description", hero["alt"], {"type": "plain"})
    if hero["credit"]:
        handler.addQuickElement("media:credit", hero["credit"])
    handler.endElement("media:content")


class ArticleRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full text (``content:encoded``) and the hero (Media RSS)."""

    def __init__(self, *args, description, **kwargs):
        # Readers show the channel's description as HTML, as they do an item's: plain
        # text (a topic's description, an author's name) goes in escaped.
        super().__init__(*args, description=escape(description), **kwargs)

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])
        _add_media(handler, item)


class ArticleAtomFeed(Atom1Feed):
    """Atom with the full text (``content``) and the hero (Media RSS)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})
        _add_media(handler, item)


class SiteFeed(Feed):
    """The newest articles of the whole site. Subclasses narrow the scope with
    ``get_object`` and ``articles``, and name their own URL in ``url_name``."""

    feed_type = ArticleRssFeed
    url_name = "articles:feed"
    item_guid_is_permalink = False

    def articles(self, obj):
        """The articles of this feed's scope, before the visibility gate."""
        return Article.objects.all()

    def items(self, obj):
        return (
            self.articles(obj).published().for_listing().prefetch_related("embeds")
        )[:ITEMS]

    def title(self, obj):
        return settings.SITE_NAME

    def description(self, obj):
        return _("Onafhankelijke uitleg bij het nieuws")

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return absolute(obj.get_absolute_url() if obj else reverse("articles:home"))

    def feed_url(self, obj):
        kwargs = {"slug": obj.slug} if obj else {}
        return absolute(reverse(self.url_name, kwargs=kwargs))

    def item_description(self, item):
        return escape(item.lede)  # plain text, in a field readers treat as HTML

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return article_id(item)

    def item_pubdate(self, item):
        # In the site's time zone: a date known only to the day or month is the
        # start of it, "01 Aug 2021 00:00:00 +0200", never 31 July in UTC.
        return timezone.localtime(item.publish_at)

    def item_updateddate(self, item):
        # Only a substantive update (updated_at, set by the editor) moves this.
        return timezone.localtime(item.shown_update_time or item.publish_at)

    def item_author_name(self, item):
        # Django writes one author element per item; it names them all.
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_extra_kwargs(self, item):
        return {"content": full_text(item), "hero": hero_media(item)}


class SiteAtomFeed(SiteFeed):
    feed_type = ArticleAtomFeed
    url_name = "articles:feed-atom"


class SectionFeed(SiteFeed):
    url_name = "articles:section-feed"

    def get_object(self, request, slug):
        return Section.objects.get(slug=slug)

    def articles(self, obj):
        return Article.objects.filter(section=obj)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        fallback = _("De nieuwste artikelen in %(name)s") % {"name": obj.name}
        return obj.description or fallback


class SectionAtomFeed(SectionFeed):
    feed_type = ArticleAtomFeed
    url_name = "articles:section-feed-atom"


class _TopicMoved(Exception):
    def __init__(self, topic: Topic):
        self.topic = topic


class TopicFeed(SiteFeed):
    """A topic's feed; an alias (ISK for ISKP) redirects to it, as the page does.
    Only a public topic has one (``Topic.objects.public``), as only a public
    author does (``Author.objects.public``)."""

    url_name = "articles:topic-feed"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _TopicMoved as moved:
            return redirect(self.url_name, slug=moved.topic.slug, permanent=True)

    def get_object(self, request, slug):
        topic, canonical = Topic.objects.public().resolve(slug)
        if topic is None:
            raise Topic.DoesNotExist(slug)
        if not canonical:
            raise _TopicMoved(topic)
        return topic

    def articles(self, obj):
        return Article.objects.filter(topics=obj)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        fallback = _("De nieuwste artikelen over %(name)s") % {"name": obj.name}
        return obj.description or fallback


class TopicAtomFeed(TopicFeed):
    feed_type = ArticleAtomFeed
    url_name = "articles:topic-feed-atom"


class AuthorFeed(SiteFeed):
    url_name = "articles:author-feed"

    def get_object(self, request, slug):
        return Author.objects.public().get(slug=slug)

    def articles(self, obj):
        return Article.objects.filter(authors=obj)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return _("De nieuwste artikelen van %(name)s") % {"name": obj.name}


class AuthorAtomFeed(AuthorFeed):
    feed_type = ArticleAtomFeed
    url_name = "articles:author-feed-atom"
