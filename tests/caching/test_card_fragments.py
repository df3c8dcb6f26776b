"""The cards of home, section, topic and author lists are fragments cached under
their article's version and the shared number: a list whose cards are cached costs
its own queries only, and a change to an article shows on every list at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Author, Topic
from articles.services.articles import save_article
from articles.services.workflow import transition
from tests.caching.test_query_counts import Newsroom

# A list page whose cards are cached (the page cache off or missed), with 3 articles
# or 30: the list's own queries, no authors or topics (nor the navigation's
# sections, cached by the shared number as on the article page). Cold, the budget is
# tests/caching/test_query_counts.py's BUDGET.
WARM_BUDGET = {
    "home": 2,  # lead and top stories (chosen once per content version), page
    "home, older page": 2,
    "section": 2,  # section, page
    "section, older page": 2,
    "section, newer page": 2,
    "topic": 1,  # page (the heading is cached by the shared number)
    "topic, older page": 1,
    "author": 2,  # author, page
    "author, older page": 2,
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_lists_with_cached_cards_cost_their_own_queries_only(
    client, make_article, settings
):
    """Warm cards: home, section, topic and author pages (and later pages) cost
    WARM_BUDGET, the same with 3 articles as with 30."""
    settings.ARTICLES_PER_PAGE = 1
    newsroom = Newsroom(make_article)
    counts = {}
    for size in (3, 30):
        newsroom.grow(size - len(newsroom.articles))
        urls = {
            name: url
            for name, url in newsroom.urls(client).items()
            if name in WARM_BUDGET
        }
        for name, url in urls.items():
            cache.clear()
            cold = _queries(client, url)
            counts[name, size] = _queries(client, url)
            assert counts[name, size] < cold, name
    assert counts == {
        (name, size): budget for name, budget in WARM_BUDGET.items() for size in (3, 30)
    }


@pytest.fixture
def listed(make_article):
    """Two published articles sharing a topic, an author and a section; the first
    is the one the tests change. The lists' URLs."""
    topic = Topic.objects.create(name="Dijken", slug="dijken")
    author = Author.objects.create(name="Sara de Wit", slug="sara-de-wit")
    first, second = (
        make_article(headline=headline, topics=[topic], authors=[author])
        for headline in ("Oude kop over dijken", "Ander verhaal over dijken")
    )
    urls = [
        "/",
        first.section.get_absolute_url(),
        topic.get_absolute_url(),
        author.get_absolute_url(),
    ]
    return first, second, author, urls


def _pages(client, urls) -> list[str]:
    return [client.get(url).content.decode() for url in urls]


def test_a_changed_article_changes_its_card_on_every_list_at_once(client, listed):
    """A new headline shows on home, section, topic and author pages at once,
    although their cards were cached; the other article's card is reused."""
    first, second, _, urls = listed
    assert all("Oude kop over dijken" in page for page in _pages(client, urls))
    first.headline = "Nieuwe kop over dijken"
    save_article(first, new_version=True)
    pages = _pages(client, urls)
    assert all("Nieuwe kop over dijken" in page for page in pages)
    assert not any("Oude kop over dijken" in page for page in pages)
    assert all("Ander verhaal over dijken" in page for page in pages)


def test_a_renamed_author_changes_every_card_that_names_them(client, listed):
    """Cards are keyed by the shared number too: an author's new name is on every
    card of every list."""
    *_, author, urls = listed
    assert all(page.count("Sara de Wit") >= 2 for page in _pages(client, urls))
    author.name = "Sara de Wit-Jansen"
    author.save()
    assert all(page.count("Sara de Wit-Jansen") >= 2 for page in _pages(client, urls))


def test_a_withdrawn_article_leaves_every_list(client, listed, chief):
    """Unpublished, the article's cached card is on no list any more."""
    first, _, _, urls = listed
    assert all("Oude kop over dijken" in page for page in _pages(client, urls))
    transition(first, Article.Status.UNPUBLISHED, user=chief, reason="Fout")
    pages = _pages(client, urls)
    assert not any("Oude kop over dijken" in page for page in pages)
    assert all("Ander verhaal over dijken" in page for page in pages)
