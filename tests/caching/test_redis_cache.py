"""REDIS_URL makes Redis the cache, shared by every process."""

import os
import subprocess
import sys

import pytest

from tests.helpers.parts import REDIS_TEST_URL, ROOT

pytestmark = pytest.mark.redis


def run_in_new_process(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "REDIS_URL": REDIS_TEST_URL},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_redis_url_makes_redis_the_cache_across_processes():
    """A value one process caches is read by another: the cache is the real Redis."""
    token = os.urandom(8).hex()
    written = run_in_new_process(
        "from django.core.cache import cache; "
        f"cache.set('redactie-test', '{token}', 30); "
        "from django.core.cache import caches; print(type(caches['default']).__name__)"
    )
    assert written == "TolerantRedisCache"
    read = run_in_new_process(
        "from django.core.cache import cache; print(cache.get('redactie-test'))"
    )
    assert read == token


@pytest.mark.django_db
def test_pages_are_served_uncached_while_redis_is_down_and_cached_again_after(
    own_redis, settings, client, make_article, caplog, monkeypatch
):
    """Redis stopped mid-test: readers still get every page (uncached), the outage
    is logged, and once Redis is back (and the breaker has let a probe through)
    pages are cached again."""
    from django.core.cache import caches

    from articles.caching.breaker import REDIS

    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "articles.caching.layered.TolerantRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    article = make_article(headline="Tijdens de storing", body="<p>Nog leesbaar.</p>")
    url = article.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"

    own_redis.stop()
    caches["local"].clear()  # a new worker: nothing in its own memory yet
    for page in (url, "/", "/onderwerp/iskp/", "/feed/"):
        response = client.get(page)
        assert response.status_code in (200, 404), page
        assert response.get("X-Cache") != "hit"
    assert "Nog leesbaar." in client.get(url).content.decode()
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
    assert REDIS.is_open

    own_redis.start()
    later = REDIS.clock() + REDIS.retry_after
    monkeypatch.setattr(REDIS, "clock", lambda: later)
    caches["local"].clear()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
