"""Each public page costs a fixed number of queries, however many topics and
authors its articles have."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Author, Topic

# The pinned budget per page; the note of the foundation issue lists these.
BUDGET = {
    "home": 9,  # front page, lead and top stories (3), latest page (4), sections
    "article": 8,  # 7 without embedded posts: the media query is skipped
    "section": 6,
    "topic": 7,
    "author": 6,
}


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


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_page_query_count_is_pinned(
    client, newsroom, page, django_assert_max_num_queries
):
    """Each public page stays within its pinned number of queries."""
    articles, topics, authors = newsroom
    url = _urls(articles[0], topics[0], authors[0])[page]
    with django_assert_max_num_queries(BUDGET[page]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", sorted(BUDGET))
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
    after = _count(client, url)
    assert before == after
