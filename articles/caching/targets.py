"""What a change touches: the URLs and surrogate keys to purge when an article, or
something articles show, changes.

Every URL is built with ``reverse()`` from the URL names readers' pages are served
under, in every language the site speaks (Dutch without a prefix, English under
``/en/``), so a renamed route cannot leave a stale page behind in a CDN.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, LiveEntry

__all__ = [
    "SITEMAP_PARTS",
    "article_urls",
    "deleted_article_urls",
    "in_every_language",
    "list_urls",
    "live_urls",
    "owner_urls",
    "sitemap_urls",
    "went_live",
]

# The parts of the sitemap index (articles.public.sitemaps.SECTIONS); the articles'
# part has a page per month of publication, ?p=YYYY-MM.
SITEMAP_PARTS = ("artikelen", "secties", "onderwerpen", "auteurs")
# The lists every published article appears on, by URL name.
_LISTS = ("articles:home", "articles:feed", "articles:feed-atom")
# A live article's own routes besides its page: the poll and the entries' feeds.
_LIVE_ROUTES = ("articles:live_poll", "articles:live_rss", "articles:live_atom")
# A section, topic or author: its page and its two feeds.
_OWNER_ROUTES = {
    kind: (f"articles:{kind}", f"articles:{kind}-feed", f"articles:{kind}-feed-atom")
    for kind in ("section", "topic", "author")
}


def in_every_language(url_of) -> list[str]:
    """``url_of()`` as each language of the site spells it, Dutch (no prefix) first;
    once for a URL that is the same in every language."""
    codes = [settings.LANGUAGE_CODE] + [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    urls = []
    for code in codes:
        with translation.override(code):
            url = url_of()
        if url not in urls:
            urls.append(url)
    return urls


def _everywhere(name: str, **kwargs) -> list[str]:
    """The path of URL ``name`` in every language of the site."""
    return in_every_language(lambda: reverse(name, kwargs=kwargs or None))


def list_urls() -> list[str]:
    """The home page and the site's feeds, in every language."""
    return [url for name in _LISTS for url in _everywhere(name)]


def sitemap_urls(*, parts: bool = False) -> list[str]:
    """The sitemap index and the news sitemap; with ``parts`` every part as well."""
    urls = [reverse("sitemap-index"), reverse("sitemap-news")]
    if parts:
        urls += [reverse("sitemap-section", args=[part]) for part in SITEMAP_PARTS]
    return urls


def owner_urls(kind: str, slug: str) -> list[str]:
    """A section's, topic's or author's page and feeds, in every language."""
    return [url for name in _OWNER_ROUTES[kind] for url in _everywhere(name, slug=slug)]


def live_urls(slug: str) -> list[str]:
    """A live article's poll endpoint and entries' feeds, in every language. (The
    poll is asked with a cursor, ``?na=``: a CDN purges its answers by the
    article's key, or keeps them no longer than LIVE_POLL_SECONDS.)"""
    return [url for name in _LIVE_ROUTES for url in _everywhere(name, slug=slug)]


def article_urls(article, *, old_slugs=()) -> tuple[list[str], list[str]]:
    """The pages and surrogate keys an article appears on: its own page (and old
    addresses), the home page, feeds, its section, topics and authors, sitemaps;
    for a live article also its poll and feeds."""
    urls = [
        url
        for slug in (article.slug, *old_slugs)
        if slug
        for url in _everywhere("articles:article", slug=slug)
    ]
    if article.kind == Article.Kind.LIVE:
        urls += [url for slug in (article.slug, *old_slugs) for url in live_urls(slug)]
    urls += list_urls()
    keys = [f"article-{article.pk}", "lists"]
    if article.section_id:
        urls += owner_urls("section", article.section.slug)
        keys.append(f"section-{article.section_id}")
    if article.pk:
        for topic in article.topics.all():
            urls += owner_urls("topic", topic.slug)
            keys.append(f"topic-{topic.pk}")
        for author in article.authors.all():
            urls += owner_urls("author", author.slug)
            keys.append(f"author-{author.pk}")
    urls += sitemap_urls(parts=True)
    if article.publish_at:
        month = timezone.localtime(article.publish_at).strftime("%Y-%m")
        urls.append(reverse("sitemap-section", args=["artikelen"]) + f"?p={month}")
    return urls, keys


def deleted_article_urls(slug: str) -> list[str]:
    """What a deleted article leaves behind: its page, the lists, the sitemaps."""
    return [*_everywhere("articles:article", slug=slug), *list_urls(), *sitemap_urls()]


def went_live(since: datetime, now: datetime) -> tuple[list[str], list[str]]:
    """The URLs and keys of articles whose scheduled time passed after ``since``,
    or one of whose live entries' scheduled time did."""
    urls, keys = [], []
    # Also live articles whose scheduled entry came up (the article itself did not
    # change), in the same query.
    entries = LiveEntry.objects.filter(
        status=LiveEntry.Status.PUBLISHED, published_at__gt=since, published_at__lte=now
    ).values("article_id")
    went = (
        Article.objects.published(at=now)
        .filter(Q(publish_at__gt=since) | Q(pk__in=entries))
        .select_related("section")
        .prefetch_related("topics", "authors")
    )
    for article in went[:100]:
        more_urls, more_keys = article_urls(article)
        urls += more_urls
        keys += more_keys
    return urls, keys
