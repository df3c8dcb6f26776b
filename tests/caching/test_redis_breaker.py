"""A Redis that hangs costs a reader little: one time-out per request at most, none
once the circuit breaker has opened, one probe per interval, and a log line a
minute with a count (articles/caching/breaker.py).

The Redis is real and stuck (SIGSTOP: connections are accepted, nothing answers);
what each request cost is counted on the wire, as the commands sent through a
relay in front of it.
"""

import re

import pytest
from django.core.cache import caches

from articles.caching.breaker import FAILURES, REDIS, RETRY_SECONDS
from tests.helpers.proxy import CountingRelay

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

READERS = 24


@pytest.fixture
def stuck_redis(own_redis, settings):
    """The default cache is our own Redis, reached through a counting relay."""
    relay = CountingRelay(own_redis.port)
    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "articles.caching.layered.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{relay.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    caches["local"].clear()
    yield own_redis, relay
    own_redis.thaw()
    relay.close()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_stuck_redis_costs_one_attempt_per_request_then_none(
    stuck_redis, client, make_article, monkeypatch, caplog
):
    """Redis frozen: the first requests make one attempt each (a page asks the
    cache several times), then the breaker opens and 24 readers make none; every
    page is served; the outage is one log line with its count."""
    redis, relay = stuck_redis
    clock = Clock()
    monkeypatch.setattr(REDIS, "clock", clock)
    articles = [make_article(headline=f"Storing {n}") for n in range(3)]
    paths = ["/", *(article.get_absolute_url() for article in articles)]
    assert client.get(paths[1])["X-Cache"] == "miss"
    before_freeze = relay.writes

    redis.freeze()
    caches["local"].clear()  # a new worker: nothing in its own memory
    first = client.get(paths[1])
    assert first.status_code == 200 and b"Storing 0" in first.content
    assert relay.writes - before_freeze == 1  # one time-out, not one per call
    for path in paths[2 : FAILURES + 1]:  # not in this process's memory either
        assert client.get(path).status_code == 200
    assert REDIS.is_open
    attempts = relay.writes - before_freeze
    assert attempts == FAILURES

    answers = [client.get(paths[n % len(paths)]) for n in range(READERS)]
    assert [answer.status_code for answer in answers] == [200] * READERS
    assert relay.writes - before_freeze == attempts  # none while open

    # The interval passes: one request probes (one attempt), the breaker stays open.
    clock.now += REDIS.retry_after
    caches["local"].clear()
    assert [client.get(path).status_code for path in paths] == [200] * len(paths)
    assert relay.writes - before_freeze == attempts + 1

    reports = [r.getMessage() for r in caplog.records if r.name == "redactie.outage"]
    assert len(reports) == 1, reports
    assert reports[0].startswith("Redis unavailable: 1 request(s)")
    assert not any(r.exc_info for r in caplog.records)

    # Redis answers again: the next probe closes the breaker, pages are cached again.
    redis.thaw()
    clock.now += REDIS.retry_after
    caches["local"].clear()
    assert client.get(paths[0]).status_code == 200
    assert not REDIS.is_open
    caches["local"].clear()
    client.get(paths[2])
    assert client.get(paths[2])["X-Cache"] == "hit"
    said = [r.getMessage() for r in caplog.records if r.name == "redactie.outage"]
    assert said[-1].startswith("Redis available again")
    # Every request that went without Redis since the first line was counted (those
    # served from this process's memory did not need it).
    assert int(re.search(r"\((\d+) request", said[-1]).group(1)) >= FAILURES


def test_failures_spread_out_do_not_open_the_breaker(stuck_redis, monkeypatch):
    """Fewer than FAILURES time-outs within WITHIN_SECONDS: Redis is still asked
    (here by a command: outside a request every call is its own)."""
    redis, relay = stuck_redis
    clock = Clock()
    monkeypatch.setattr(REDIS, "clock", clock)
    redis.freeze()
    for _ in range(FAILURES + 1):
        assert caches["default"].get("breaker-test") is None
        clock.now += REDIS.within / (FAILURES - 1) + 0.1
    assert not REDIS.is_open
    assert relay.writes == FAILURES + 1


def test_gunicorn_workers_pay_a_few_attempts_for_a_stuck_redis(own_redis, tmp_path):
    """Production's settings under gunicorn (2 workers, Redis through the relay):
    Redis frozen, 40 readers of pages none has in memory cost at most FAILURES
    attempts a worker (plus a probe each per RETRY_SECONDS the run took), every page
    is served, and the log has a line a worker, no traceback."""
    import time

    from tests.helpers.servers import Gunicorn, manage, production_env

    relay = CountingRelay(own_redis.port)
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = production_env(
        tmp_path,
        database,
        PAGE_CACHE="on",
        REDIS_URL=f"redis://127.0.0.1:{relay.port}/0",
        LOCAL_CACHE_MB="0",  # nothing in the workers' memory: every page asks Redis
        TASKS_BACKEND="immediate",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "generate_articles", "8", "--seed", "18")
    workers = 2
    try:
        with Gunicorn(env, workers=workers, log=tmp_path / "gunicorn.log") as server:
            paths = [
                "/",
                *sorted(
                    set(re.findall(r'href="(/artikel/[^"/]+/)"', server.get("/")[1]))
                ),
            ]
            for path in paths:
                assert server.get(path)[0] == 200
            own_redis.freeze()
            before, started = relay.writes, time.monotonic()
            statuses = [server.get(paths[n % len(paths)])[0] for n in range(40)]
            took = time.monotonic() - started
            attempts = relay.writes - before
            own_redis.thaw()
    finally:
        relay.close()
    assert statuses == [200] * 40
    probes = workers * int(took // RETRY_SECONDS + 1)
    assert attempts <= workers * FAILURES + probes, (attempts, took)
    log = (tmp_path / "gunicorn.log").read_text()
    # One report a worker; a worker whose probe got through in the instant of
    # freezing (a loaded machine) reports "available again" and then a new outage.
    reports = log.count("Redis unavailable")
    assert 1 <= reports <= workers + log.count("Redis available again"), log[-3000:]
    assert reports < len(statuses) / 4  # never a line per request
    assert "Traceback" not in log
