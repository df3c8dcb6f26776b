"""Sitemaps are served from their cache: stored per content version, so a change
shows at once, and a sitemap asked again costs no query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.services.workflow import transition
from tests.public.test_feeds_and_sitemaps import SITEMAPS


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.mark.parametrize("url", SITEMAPS)
def test_a_sitemap_asked_again_costs_no_query(client, make_article, url):
    """The second answer is the first, byte for byte and header for header, with
    no query."""
    make_article(headline="Dijken in Zeeland")
    first, cold = _get(client, url)
    second, warm = _get(client, url)
    assert cold > 0
    assert warm == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Robots-Tag"] == first["X-Robots-Tag"]


def test_a_published_or_withdrawn_article_shows_in_the_sitemaps_at_once(
    client, make_article, chief
):
    """Stored per content version: publishing adds the article at once, withdrawing
    it takes it out at once."""
    make_article(headline="Eerste")
    urls = ["/sitemap-artikelen.xml", "/sitemap-news.xml"]
    for url in urls:
        client.get(url)
    article = make_article(headline="Tweede", slug="tweede")
    assert all("/artikel/tweede/" in client.get(url).content.decode() for url in urls)
    transition(article, Article.Status.UNPUBLISHED, user=chief, reason="Fout")
    assert not any(
        "/artikel/tweede/" in client.get(url).content.decode() for url in urls
    )


def test_a_month_page_is_stored_apart_from_the_newest(client, make_article):
    """``?p=`` is part of the key: an earlier month is not the newest month's
    answer, and a month that does not exist stays a 404."""
    from datetime import timedelta

    from django.utils import timezone

    make_article(headline="Nieuw", slug="nieuw")
    make_article(
        headline="Oud", slug="oud", publish_at=timezone.now() - timedelta(days=70)
    )
    newest = client.get("/sitemap-artikelen.xml").content.decode()
    month = timezone.localtime(timezone.now() - timedelta(days=70)).strftime("%Y-%m")
    older = client.get(f"/sitemap-artikelen.xml?p={month}").content.decode()
    assert "/artikel/nieuw/" in newest and "/artikel/oud/" not in newest
    assert "/artikel/oud/" in older and "/artikel/nieuw/" not in older
    assert client.get("/sitemap-artikelen.xml?p=1999-01").status_code == 404
