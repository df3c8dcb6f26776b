"""A live page and its poll cost a fixed number of queries, with 3 entries or 300,
each with authors, notes and embedded posts."""

import html

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.caching.targets import article_urls
from articles.caching.version import content_changed
from articles.live.paging import entry_cursor
from articles.live.services import add_entry_note, post_entry
from articles.models import Article, Author, LiveEntry, LiveEntryNote
from tests.helpers.samples.embeds import X_CODE, YOUTUBE_CODE

# Cold (nothing cached). The page: the article and its parts as for any article
# (7), the JSON-LD's newest entries and their authors (2), the live block's pinned
# entries, stream page and key moments (3), one query each for the entries'
# authors, notes, posts and the posts' media (4). The poll: the article, the
# newer entries, and the same four.
BUDGET = {"live page": 16, "poll": 6}


def _pasted(code: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))


class LiveBlog:
    """A live article whose entries each have two authors, a note and two posts."""

    def __init__(self, make_article, chief):
        self.article = make_article(headline="Kabul live", kind=Article.Kind.LIVE)
        self.authors = [
            Author.objects.create(name=f"Verslaggever {n}", slug=f"v-{n}")
            for n in range(3)
        ]
        self.chief = chief
        self.models = [
            post_entry(
                self.article,
                user=chief,
                body=f"<p>Bericht {n}.</p>" + _pasted(code),
                title=f"Moment {n}",
                key_moment=n == 1,
                pinned=n == 0,
                authors=self.authors[n : n + 2],
            )
            for n, code in enumerate((X_CODE, YOUTUBE_CODE, X_CODE))
        ]
        for entry in self.models:
            add_entry_note(entry, kind="update", text="Bijgewerkt.", user=chief)
        self.oldest = self.models[0]

    def grow_to(self, total: int) -> None:
        """Copies of the last model entry, with its authors, note and posts."""
        model = self.models[-1]
        copies = LiveEntry.objects.bulk_create(
            LiveEntry(
                article=self.article,
                status="published",
                published_at=model.published_at,
                title=f"Kopie {n}",
                body=model.body,
                key_moment=n % 50 == 0,
            )
            for n in range(total - LiveEntry.objects.count())
        )
        Through = LiveEntry.authors.through
        Through.objects.bulk_create(
            Through(liveentry=copy, author=author)
            for copy in copies
            for author in model.authors.all()
        )
        Embeds = LiveEntry.embeds.through
        Embeds.objects.bulk_create(
            Embeds(liveentry=copy, embed=embed)
            for copy in copies
            for embed in model.embeds.all()
        )
        LiveEntryNote.objects.bulk_create(
            LiveEntryNote(entry=copy, kind="update", text="Bijgewerkt.")
            for copy in copies
        )
        content_changed(*article_urls(self.article))


@pytest.fixture
def blog(make_article, chief):
    return LiveBlog(make_article, chief)


def _count(client, url):
    cache.clear()  # the cold render: fragments are cached per content version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_live_page_costs_the_same_with_3_and_300_entries(client, blog):
    """The page's query count is pinned and does not grow with the blog."""
    url = blog.article.get_absolute_url()
    small = _count(client, url)
    blog.grow_to(300)
    large = _count(client, url)
    assert LiveEntry.objects.filter(article=blog.article).count() == 300
    assert small == large <= BUDGET["live page"]


def test_older_page_costs_the_same(client, blog, settings):
    """A deep page of the stream costs what page one does (keyset, no OFFSET)."""
    blog.grow_to(300)
    html_page = client.get(blog.article.get_absolute_url()).content.decode()
    older = html_page.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "?voor=" in older
    assert _count(client, html.unescape(older)) <= BUDGET["live page"]


def test_poll_costs_the_same_with_3_and_300_entries(client, blog):
    """The poll, uncached, answers in a pinned number of queries at any size."""
    url = f"/artikel/{blog.article.slug}/live/nieuw/?na={entry_cursor(blog.oldest).encode()}"
    small = _count(client, url)
    blog.grow_to(300)
    large = _count(client, url)
    assert small == large <= BUDGET["poll"]


def test_cached_poll_costs_no_query(client, blog, settings):
    """With the page cache, a repeated poll asks the database nothing (the content
    version is known to the process, caching/version.py)."""
    settings.PAGE_CACHE = True
    blog.grow_to(300)
    url = f"/artikel/{blog.article.slug}/live/nieuw/?na={entry_cursor(blog.oldest).encode()}"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url)["X-Cache"] == "hit"
    assert len(queries) == 0
