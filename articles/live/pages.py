"""What a live article's page shows of its coverage: the state ("Live" or
"Afgelopen"), the key moments, the pinned entries and a page of the stream.

The article page (articles/public/views.py) renders the article as for any kind of
work and puts this block in its story. It changes with every entry, so it is
cached per content version (which every visible entry change moves on), not per
version of the article. A page costs a fixed number of queries, however many
entries the blog holds: the pinned entries, a page of the stream, the key moments,
then one query each for the authors, notes, posts and the posts' media of all
entries shown.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from articles.caching.fragments import cached_fragment
from articles.live.paging import (
    EntryPage,
    entry_cursor,
    entry_page,
)
from articles.live.structured import UPDATES, live_blog_data
from articles.models import Article, LiveEntry
from articles.public.cards import body_with_cards
from articles.public.paging import NEWER, OLDER, Cursor
from articles.public.views import PageAdditions

__all__ = [
    "LIVE_PAGE",
    "additions_for",
    "recent_entries",
    "ENTRY_PREFETCH",
    "is_closed",
    "live_block",
    "new_entries_label",
    "prepared",
    "visible_entries",
]

# What an entry shows besides its own row, loaded for all entries of a page at once.
ENTRY_PREFETCH = ("authors", "notes", "embeds__media")


def visible_entries(article: Article):
    """The entries of ``article`` a reader may see (``LiveEntry.objects.published``),
    with their image."""
    return LiveEntry.objects.published().filter(article=article).select_related("image")


def recent_entries(article: Article) -> list:
    """The newest visible entries (pinned or not) with their authors, for the
    JSON-LD's updates. Two queries."""
    entries = list(
        LiveEntry.objects.published()
        .filter(article=article)
        .order_by("-published_at", "-pk")
        .prefetch_related("authors")[:UPDATES]
    )
    for entry in entries:
        entry.article = article  # the anchors' URLs need no query each
    return entries


def is_closed(article: Article) -> bool:
    return article.live_closed_at is not None


def oldest_first(article: Article) -> bool:
    """Oldest first only for ended coverage whose desk asked for it."""
    return is_closed(article) and article.live_oldest_first


def prepared(entries: list) -> list:
    """``entries`` with what the template shows loaded: authors, notes and posts in
    one query each for all of them, and each body rendered with its cards
    (``entry.rendered``)."""
    prefetch_related_objects(entries, *ENTRY_PREFETCH)
    for entry in entries:
        entry.rendered = body_with_cards(entry.body, list(entry.embeds.all()))
    return entries


def new_entries_label(count: int) -> str:
    """The button that shows entries the poll found: "3 nieuwe berichten"."""
    return ngettext("%(count)d nieuw bericht", "%(count)d nieuwe berichten", count) % {
        "count": count
    }


def _moment_link(moment, article_url: str, shown: set[int], newest_first: bool):
    """Where a key moment's link leads: its anchor on this page, else the page of
    the stream that starts with it (pinned entries are always on page one)."""
    anchor = f"#{moment.anchor}"
    if moment.pk in shown:
        return anchor
    if moment.pinned:
        return article_url + anchor
    # A cursor just past the entry, so that the entry heads the page.
    if newest_first:
        cursor = Cursor(moment.published_at, moment.pk + 1)
        return f"{article_url}?{OLDER}={cursor.encode()}{anchor}"
    cursor = Cursor(moment.published_at, moment.pk - 1)
    return f"{article_url}?{NEWER}={cursor.encode()}{anchor}"


def live_context(article: Article, query: QueryDict) -> dict:
    """The context of articles/parts/live.html for ``article`` and the page that
    ``query`` asks for (Http404 for a bad cursor)."""
    entries = visible_entries(article)
    newest_first = not oldest_first(article)
    page: EntryPage = entry_page(
        entries.filter(pinned=False),
        query,
        per_page=settings.LIVE_ENTRIES_PER_PAGE,
        oldest_first=not newest_first,
    )
    pinned = []
    if page.is_first:
        pinned = list(entries.filter(pinned=True).order_by("-published_at", "-pk"))
    prepared([*pinned, *page.object_list])
    moments = list(
        entries.filter(key_moment=True)
        .select_related(None)
        .order_by("published_at", "pk")
        .only("pk", "title", "published_at", "pinned", "article_id")
    )
    article_url = article.get_absolute_url()
    shown = {entry.pk for entry in [*pinned, *page.object_list]}
    for moment in moments:
        moment.link = _moment_link(moment, article_url, shown, newest_first)
    closed = is_closed(article)
    polling = not closed and page.is_first
    newest = _newest([*pinned, *page.object_list]) if polling else None
    return {
        "article": article,
        "article_url": article_url,
        "closed": closed,
        "newest_first": newest_first,
        "pinned": pinned,
        "page": page,
        "next_url": f"{article_url}?{urlencode(page.following)}"
        if page.following
        else None,
        "moments": moments,
        "polling": polling,
        "poll_url": reverse("articles:live_poll", kwargs={"slug": article.slug}),
        "poll_seconds": settings.LIVE_POLL_SECONDS,
        "cursor": (newest or Cursor(article.publish_at, 0)).encode() if polling else "",
    }


def _newest(entries: list) -> Cursor | None:
    """The position of the newest of ``entries``: where the poll asks from."""
    if not entries:
        return None
    return max((entry_cursor(entry) for entry in entries), key=_order)


def _order(cursor: Cursor):
    return (cursor.publish_at, cursor.pk)


def live_block(request, article: Article, number: int) -> SafeString:
    """articles/parts/live.html for ``article``, rendered once per content version
    ``number`` and page asked for."""
    asked = tuple(
        (name, tuple(request.GET.getlist(name)))
        for name in (OLDER, NEWER)
        if name in request.GET
    )

    def render() -> str:
        context = live_context(article, request.GET)
        return render_to_string("articles/parts/live.html", context, request)

    html = cached_fragment("live", (article.pk, number, asked), render)
    return mark_safe(html)  # noqa: S308 (our template, autoescaped)


def _structured(article: Article) -> dict:
    return live_blog_data(article, recent_entries(article))


# What a live article's page adds to the article page (articles/public/views.py).
LIVE_PAGE = PageAdditions(structured=_structured, block=live_block)


def additions_for(article: Article) -> PageAdditions | None:
    """The article page's additions for ``article``: live coverage for a live
    article, nothing for other kinds (articles/urls.py)."""
    return LIVE_PAGE if article.kind == Article.Kind.LIVE else None
