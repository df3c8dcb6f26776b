"""With Redis: query parameters a page does not read add nothing to Redis or to the
process's own layer; every Redis key has a time to live; and Redis evicting any key,
or all of them, never serves a page from before a change (the content version lives
in the database)."""

import secrets

import pytest
import redis
from django.core.cache import cache, caches

from articles.caching.layered import LONGEST_SECONDS
from articles.services.articles import save_article
from tests.helpers.parts import REDIS_TEST_URL

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

PREFIX = "redactie-test"


def _use_redis(settings, url: str) -> redis.Redis:
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.caching.layered.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "local": {
            **settings.CACHES["local"],
            "LOCATION": "pages-test",
        },
    }
    server = redis.Redis.from_url(url)
    server.flushdb()
    caches["local"].clear()
    return server


@pytest.fixture
def server(settings):
    """The test Redis (REDIS_TEST_URL) as the default cache, emptied before and
    after, with the process's bounded layer in front of it."""
    server = _use_redis(settings, REDIS_TEST_URL)
    yield server
    server.flushdb()
    caches["local"].clear()


def redis_pages(server) -> int:
    return len(server.keys(f"{PREFIX}:*:page:*"))


def local_pages() -> int:
    return sum(":page:" in key for key in caches["local"]._cache)


@pytest.fixture
def large_feed(make_article):
    """A feed of twenty long articles (full text in every item): some 300 KB."""
    body = "".join(f"<p>Alinea {n}: {'feiten ' * 1500}</p>" for n in range(3))
    for n in range(20):
        make_article(headline=f"Lang verhaal {n}", body=body)
    return "/feed/"


def test_random_parameters_add_nothing_to_redis_or_the_local_layer(
    client, server, large_feed
):
    """40 random ``?r=`` on a large feed: every one a hit, the same number of keys in
    Redis and entries (and bytes) in the process's layer."""
    first = client.get(large_feed)
    assert first["X-Cache"] == "miss"
    assert len(first.content) > 250_000
    in_redis, in_local = redis_pages(server), local_pages()
    held = caches["local"].bytes_held()
    assert in_redis == in_local == 1
    for _ in range(40):
        response = client.get(f"{large_feed}?r={secrets.token_hex(8)}")
        assert response["X-Cache"] == "hit"
    for host in ("TESTSERVER", "TestServer:8232"):
        assert client.get(large_feed, HTTP_HOST=host)["X-Cache"] == "hit"
    assert redis_pages(server) == in_redis
    assert local_pages() == in_local
    assert caches["local"].bytes_held() == held


def test_every_redis_key_has_a_time_to_live(client, server, make_article):
    """Pages, fragments, and even a value stored "forever": all expire, so no
    eviction policy has to keep any of them."""
    article = make_article(headline="Met een levensduur")
    for url in (article.get_absolute_url(), "/", "/feed/", "/sitemap.xml"):
        assert client.get(url).status_code == 200
    cache.set("voor-altijd", "waarde", None)
    cache.set("lang", "waarde", 10 * LONGEST_SECONDS)
    names = server.keys(f"{PREFIX}:*")
    assert len(names) > 5
    for name in names:
        assert 0 < server.ttl(name) <= LONGEST_SECONDS, name


def test_a_search_hit_is_kept_a_day(client, server, make_article):
    """Hits are cached per query too, and queries have a long tail: a hit lives a
    day in Redis (a card a week)."""
    from articles.public.search import HIT_SECONDS

    make_article(headline="Dijken worden verhoogd")
    assert client.get("/zoeken/", {"q": "dijken"}).status_code == 200
    hits = server.keys(f"{PREFIX}:*:fragment:hit:*")
    assert len(hits) == 1
    assert 0 < server.ttl(hits[0]) <= HIT_SECONDS == 24 * 3600


def test_redis_losing_every_key_never_serves_a_stale_page(client, server, make_article):
    """Redis evicts everything (here: FLUSHDB): pages are still right, before and
    after a change, from the process's layer or rendered afresh."""
    article = make_article(headline="Eerste kop", body="<p>Eerste versie.</p>")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    server.flushdb()
    assert "Eerste versie." in client.get(url).content.decode()
    article.body = "<p>Tweede versie.</p>"
    save_article(article, new_version=True)
    server.flushdb()
    response = client.get(url)
    assert response.get("X-Cache") != "hit"
    assert "Tweede versie." in response.content.decode()
    assert "Eerste versie." not in response.content.decode()
    caches["local"].clear()  # another worker, with nothing of its own yet
    assert "Tweede versie." in client.get(url).content.decode()


def test_a_full_redis_evicts_and_still_serves_every_change(
    client, settings, own_redis, make_article
):
    """A Redis of 2 MB with allkeys-lru, as docs/operations.md says: filling it
    evicts keys, and every page then shows each article's latest version."""
    server = _use_redis(settings, own_redis.url)
    server.config_set("maxmemory", "2mb")
    server.config_set("maxmemory-policy", "allkeys-lru")
    body = "<p>" + "achtergrond " * 6000 + "</p>"
    articles = [
        make_article(headline=f"Artikel {n}", body=f"<p>Versie 1 van {n}.</p>{body}")
        for n in range(25)
    ]
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert server.info("stats")["evicted_keys"] > 0
    assert server.info("memory")["used_memory"] <= 2 * 1024 * 1024 * 1.1
    for article in articles[::3]:
        n = articles.index(article)
        article.body = f"<p>Versie 2 van {n}.</p>{body}"
        save_article(article, new_version=True)
    caches["local"].clear()
    for n, article in enumerate(articles):
        text = client.get(article.get_absolute_url()).content.decode()
        assert f"Versie {2 if n % 3 == 0 else 1} van {n}." in text, n
