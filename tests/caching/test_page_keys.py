"""One cache entry per page a reader can tell apart: query parameters a page does not
read, the port and the host name's case add nothing; the ones it reads (cursors,
the search query and its page number, the sitemap's page) still count.

The default cache is this process's memory here (no REDIS_URL): its entries are
counted directly. tests/caching/test_cache_bounds.py counts Redis and the local layer.
"""

import secrets

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from articles.caching import keys
from articles.caching.keys import PARAMETERS, page_key, route_of
from articles.public import paging
from tests.helpers.html import pager_links

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


def stored_pages() -> int:
    """How many pages the default cache (this process's memory) holds."""
    return sum(":page:" in key for key in cache._cache)


@pytest.fixture
def site(make_article, settings):
    """Five articles (two per list page) with a topic; every public page exists."""
    settings.ARTICLES_PER_PAGE = 2
    return [
        make_article(headline=f"Wat we weten over ISKP {n}", topics=["ISKP"])
        for n in range(5)
    ]


# Every kind of public page; None: the first article's page.
PAGES = {
    "home": "/",
    "home, English": "/en/",
    "article": None,
    "section": "/sectie/buitenland/",
    "topic": "/onderwerp/iskp/",
    "author": "/auteur/eva-mulder/",
    "search": "/zoeken/?q=iskp",
    "feed": "/feed/",
    "atom feed": "/sectie/buitenland/feed/atom/",
    "sitemap index": "/sitemap.xml",
    "sitemap": "/sitemap-artikelen.xml",
    "news sitemap": "/sitemap-news.xml",
    "robots.txt": "/robots.txt",
    "newsroom page": "/colofon/",
}


def _with(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


@pytest.mark.parametrize("page", PAGES)
def test_parameters_a_page_does_not_read_are_served_from_the_same_entry(
    client, site, page
):
    """40 random ``?r=`` (and a utm tag) are all hits on the one entry the page has."""
    url = PAGES[page] or site[0].get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200, url
    assert first["X-Cache"] == "miss"
    entries = stored_pages()
    assert entries == 1
    for _ in range(40):
        again = client.get(_with(url, f"r={secrets.token_hex(8)}"))
        assert again["X-Cache"] == "hit", url
        assert again.content == first.content
    assert client.get(_with(url, "utm_source=nieuwsbrief"))["X-Cache"] == "hit"
    assert stored_pages() == entries


def test_the_port_and_the_host_names_case_are_the_same_entry(client, site):
    """``LocalHost:8231`` is served what ``localhost`` stored."""
    first = client.get("/", HTTP_HOST="localhost")
    assert first["X-Cache"] == "miss"
    for host in ("LOCALHOST", "localhost:8231", "LocalHost:80", "localhost."):
        again = client.get("/", HTTP_HOST=host)
        assert again["X-Cache"] == "hit", host
        assert again.content == first.content
    assert stored_pages() == 1


@pytest.mark.parametrize(
    "url", ["/", "/sectie/buitenland/", "/onderwerp/iskp/", "/auteur/eva-mulder/"]
)
def test_an_older_page_of_a_list_is_its_own_entry(client, site, url):
    """``?voor=<cursor>`` is page two, not page one from the cache; page two with
    ``?r=`` is page two's entry."""
    first = client.get(url)
    older = pager_links(first.content.decode())["next"]
    assert older.startswith("?voor=")
    second = client.get(url + older)
    assert second["X-Cache"] == "miss"
    assert second.content != first.content
    again = client.get(url + older + "&r=1")
    assert again["X-Cache"] == "hit"
    assert again.content == second.content
    assert client.get(url)["X-Cache"] == "hit"
    assert stored_pages() == 2


def test_a_bad_cursor_is_a_not_found_never_page_one(client, site):
    """A made-up cursor is not mistaken for page one (and 404s are not stored)."""
    client.get("/sectie/buitenland/")
    for query in ("voor=nep", "na=nep", "voor="):
        response = client.get(f"/sectie/buitenland/?{query}")
        assert response.status_code == 404, query
        assert response.get("X-Cache") != "hit"
    assert stored_pages() == 1


def test_search_is_keyed_on_the_query_and_its_page_number(client, site):
    """Each query is its own entry; ``?pagina=2`` is not page one; the parameters'
    order does not matter."""
    first = client.get("/zoeken/?q=iskp")
    other = client.get("/zoeken/?q=weten")
    assert other["X-Cache"] == "miss"
    assert "weten" in other.content.decode()
    second = client.get("/zoeken/?q=iskp&pagina=2")
    assert second["X-Cache"] == "miss"
    assert second.content != first.content
    swapped = client.get("/zoeken/?pagina=2&r=1&q=iskp")
    assert swapped["X-Cache"] == "hit"
    assert swapped.content == second.content
    newest = client.get("/zoeken/?q=iskp&volgorde=nieuw")
    assert newest["X-Cache"] == "miss" and newest.content != first.content
    assert stored_pages() == 4


def test_the_sitemaps_page_parameter_counts():
    """``?p=`` picks a month of the articles' sitemap: a key of its own."""
    factory = RequestFactory()
    plain = page_key(factory.get("/sitemap-artikelen.xml"), 1)
    month = page_key(factory.get("/sitemap-artikelen.xml", {"p": "2025-08"}), 1)
    noise = page_key(factory.get("/sitemap-artikelen.xml", {"r": "x"}), 1)
    assert plain != month
    assert plain == noise
    assert page_key(factory.get("/sitemap-news.xml", {"p": "2"}), 1) != page_key(
        factory.get("/sitemap-news.xml"), 1
    )


def test_the_key_names_the_version():
    """A new content version is a new key: nothing from before a change is served."""
    request = RequestFactory().get("/")
    assert page_key(request, 1) != page_key(request, 2)


def test_english_paths_are_resolved_in_english():
    """LocaleMiddleware has not run yet: the key finds /en/ routes by itself."""
    assert route_of("/en/artikel/iets/") == "articles:article"
    assert route_of("/en/") == "articles:home"
    assert route_of("/artikel/iets/") == "articles:article"
    assert route_of("/bestaat/niet/") is None


def _public_routes(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or str(pattern.pattern) == "admin/":
                continue
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from _public_routes(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def test_every_public_route_says_which_parameters_it_reads():
    """A new route fails here until PARAMETERS names what its view reads."""
    assert set(_public_routes()) == set(PARAMETERS)


def test_the_lists_parameters_are_the_pagings():
    """The cursors and the search's page number are the ones paging.py reads."""
    for route in ("articles:home", "articles:section", "articles:topic"):
        assert set(PARAMETERS[route]) == set(paging.PARAMETERS)
    assert set(PARAMETERS["articles:author"]) == set(paging.PARAMETERS)
    assert paging.NUMBER_PARAMETER in PARAMETERS["articles:search"]


def test_a_route_nobody_described_is_not_cached_with_a_query_string(
    client, site, monkeypatch
):
    """Without an entry in PARAMETERS, a query string is served fresh and stored
    nowhere (the key could leave out what the page depends on)."""
    monkeypatch.delitem(keys.PARAMETERS, "articles:article")
    url = site[0].get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    for _ in range(3):
        response = client.get(f"{url}?r={secrets.token_hex(4)}")
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert stored_pages() == 1
