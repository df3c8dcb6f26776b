"""Each public page costs a fixed number of queries, however many articles there are
and however many topics, authors, embedded posts, images and notes they have."""

import html

import pytest
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.images.services import store_upload
from articles.models import ArticleNote, Author, Topic
from articles.services.notes import add_note
from tests.helpers.html import pager_links
from tests.helpers.samples.embeds import X_CODE, YOUTUBE_CODE
from tests.helpers.samples.images import encode, scene

# The pinned budget per page, cold: at most 8 for the article page, 7 for any list.
# A list reads its page's keys, then loads the articles of the cards not cached
# (articles, authors, topics); warm, the lists cost test_card_fragments.py's budget.
BUDGET = {
    "home": 7,  # front page, lead and top stories, latest page, cards' articles,
    "home, older page": 7,  # authors, topics, nav
    "article": 8,  # 7 without embedded posts: the media query is skipped
    "section": 6,
    "section, older page": 6,
    "section, newer page": 6,
    "topic": 7,  # the topic and its aliases
    "topic, older page": 7,
    "author": 6,
    "author, older page": 6,
    "search": 6,  # topics named, count, results, authors, topics, nav
    "feed": 4,  # articles, authors, topics, embedded posts
    "feed, atom": 4,
    "section feed": 5,  # and the section
    "topic feed": 5,
    "author feed": 5,
    "sitemap index": 4,  # months and lastmod of the articles, a count per kind
    "sitemap, articles": 2,
    "sitemap, sections": 1,
    "sitemap, topics": 1,
    "sitemap, authors": 1,
    "news sitemap": 2,
}
SIZES = (3, 30)


def _urls(article, topic, author):
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
    }


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def newsroom(make_article):
    topics = [
        Topic.objects.create(name=f"Onderwerp {n}", slug=f"o{n}") for n in range(8)
    ]
    authors = [
        Author.objects.create(name=f"Auteur {n}", slug=f"a{n}") for n in range(6)
    ]
    articles = [make_article(headline=f"Artikel {n}") for n in range(5)]
    for article in articles:
        article.topics.set(topics[:1])
        article.authors.set(authors[:1])
    articles[0].related.set(articles[1:3])
    return articles, topics, authors


@pytest.mark.parametrize("page", ["home", "article", "section", "topic", "author"])
def test_page_query_count_is_pinned(
    client, newsroom, page, django_assert_max_num_queries
):
    """Each public page stays within its pinned number of queries."""
    articles, topics, authors = newsroom
    url = _urls(articles[0], topics[0], authors[0])[page]
    with django_assert_max_num_queries(BUDGET[page]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", ["home", "article", "section", "topic", "author"])
def test_page_query_count_is_constant_as_articles_gain_topics_and_authors(
    client, newsroom, page
):
    """From one topic and author per article to eight and six: the same count."""
    articles, topics, authors = newsroom
    url = _urls(articles[0], topics[0], authors[0])[page]
    before = _count(client, url)
    for article in articles:
        article.topics.set(topics)
        article.authors.set(authors)
    cache.clear()  # the article page's fragments are cached per version
    after = _count(client, url)
    assert before == after


def _pasted(code: str) -> str:
    """Embed code as the editor stores it when pasted as plain text."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))


class Newsroom:
    """Articles with four topics, three authors, two embedded posts, a hero image,
    an update and a correction each, all in one section; ``grow(n)`` adds more."""

    def __init__(self, make_article):
        self.make_article = make_article
        self.topics = [
            Topic.objects.create(name=f"Thema {n}", slug=f"thema-{n}") for n in range(5)
        ]
        self.authors = [
            Author.objects.create(name=f"Schrijver {n}", slug=f"schrijver-{n}")
            for n in range(4)
        ]
        self.hero = store_upload(
            encode(scene((640, 360)), "JPEG"), filename="poort.jpg", alt="De poort"
        )
        self.articles = []

    def grow(self, count: int) -> None:
        for _ in range(count):
            n = len(self.articles)
            article = self.make_article(
                headline=f"Kabul verhaal {n}",
                body=f"<p>Tekst {n}.</p>" + _pasted(X_CODE) + _pasted(YOUTUBE_CODE),
                topics=self.topics[n % 2 : n % 2 + 4],
                authors=self.authors[n % 2 : n % 2 + 3],
                hero=self.hero,
            )
            for kind in (ArticleNote.Kind.UPDATE, ArticleNote.Kind.CORRECTION):
                add_note(article, kind=kind, text=f"Notitie {n}", user=None)
            self.articles.append(article)
        lead = self.articles[0]
        lead.related.set(self.articles[1:4])
        assert lead.embeds.count() == 2 and lead.notes.count() == 2

    def urls(self, client) -> dict[str, str]:
        lead, topic, author = self.articles[0], self.topics[1], self.authors[1]
        section = lead.section.get_absolute_url()
        urls = {
            "home": "/",
            "article": lead.get_absolute_url(),
            "section": section,
            "topic": topic.get_absolute_url(),
            "author": author.get_absolute_url(),
            "search": "/zoeken/?q=kabul",
            "feed": "/feed/",
            "feed, atom": "/feed/atom/",
            "section feed": f"{section}feed/",
            "topic feed": f"{topic.get_absolute_url()}feed/",
            "author feed": f"{author.get_absolute_url()}feed/",
            "sitemap index": "/sitemap.xml",
            "sitemap, articles": "/sitemap-artikelen.xml",
            "sitemap, sections": "/sitemap-secties.xml",
            "sitemap, topics": "/sitemap-onderwerpen.xml",
            "sitemap, authors": "/sitemap-auteurs.xml",
            "news sitemap": "/sitemap-news.xml",
        }
        for name in ("home", "section", "topic", "author"):
            urls[f"{name}, older page"] = _link(client, urls[name], "next")
        last = urls["section"]
        while older := _link(client, last, "next", required=False):
            last = older
        urls["section, newer page"] = _link(client, last, "prev")
        assert "?na=" in urls["section, newer page"]
        return urls


def _link(client, url: str, rel: str, *, required=True) -> str | None:
    links = pager_links(client.get(url).content.decode())
    if rel not in links:
        assert not required, (url, rel)
        return None
    href = links[rel]
    return href if href.startswith("/") else url.split("?")[0] + href


def test_every_public_page_costs_the_same_with_3_or_30_articles(
    client, make_article, settings, django_assert_max_num_queries
):
    """Home, article, section, topic and author pages (and their later pages),
    search, feeds and sitemaps: with 3 articles and with 30, each with topics,
    authors, embedded posts, a hero and notes, the same count within the budget."""
    settings.ARTICLES_PER_PAGE = 1  # so that 3 articles make three pages too
    Site.objects.get_current()  # feeds read the site; Django caches it per process
    newsroom = Newsroom(make_article)
    counts = {}
    for size in SIZES:
        newsroom.grow(size - len(newsroom.articles))
        for name, url in newsroom.urls(client).items():
            cache.clear()  # cold: the article page's fragments are cached per version
            with django_assert_max_num_queries(BUDGET[name], info=name) as queries:
                assert client.get(url).status_code == 200, (name, url)
            counts[name, size] = len(queries)
    grew = {
        name: [counts[name, size] for size in SIZES]
        for name in BUDGET
        if len({counts[name, size] for size in SIZES}) > 1
    }
    assert grew == {}
