"""/gezond/ (newsroom/health.py): what a load balancer asks. 200 while the process
can serve readers (it knows a content version, fresh or, with the database away,
the last one: stale pages), 503 only when it cannot; /gezond/?diep=1 for
monitoring: 200 when the database answers, 503 when it does not, one query. Never
cached, nothing about the system in the body, no Redis.

The 503 is a real refusal: the database connection is swapped for one to a port where
nothing listens (PostgreSQL) or to a file that cannot be opened (SQLite).
"""

import logging

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test import Client

from tests.helpers.servers import free_port

# Headers a response of ours may carry here; anything else (Vary, Set-Cookie,
# Content-Language, CSP...) means some other middleware touched it.
EXPECTED_HEADERS = {"Content-Type", "Cache-Control", "Content-Length"}


def _assert_bare(response):
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert set(response.headers) <= EXPECTED_HEADERS, dict(response.headers)
    assert not response.cookies


@pytest.mark.django_db
def test_healthy_is_200_ok_in_one_query(client, django_assert_num_queries):
    """The app and the database answer: 200 "ok", not stored, nothing else said."""
    with django_assert_num_queries(1):
        response = client.get("/gezond/?diep=1")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    _assert_bare(response)


@pytest.mark.django_db
def test_the_balancers_check_costs_no_query_while_the_version_is_fresh(
    client, settings, django_assert_num_queries
):
    """/gezond/ reads the content version as pages do: once, then not again while
    this process's copy is younger than CONTENT_VERSION_SECONDS."""
    settings.CONTENT_VERSION_SECONDS = 60
    assert client.get("/gezond/").status_code == 200
    with django_assert_num_queries(0):
        response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    _assert_bare(response)


@pytest.mark.django_db
def test_head_is_answered_too_and_other_methods_are_not(client):
    """Load balancers use GET or HEAD; a POST gets 405, still not stored."""
    assert client.head("/gezond/").status_code == 200
    refused = client.post("/gezond/")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"
    assert refused["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_no_cache_no_redirect_no_host_check(settings, django_assert_num_queries):
    """With the page cache on, HTTPS redirects on and a Host the site does not know
    (a load balancer sends the server's own address), the check still answers 200 in
    one query, with no session or CSRF cookie."""
    settings.PAGE_CACHE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["nieuws.example.org"]
    client = Client(enforce_csrf_checks=True)
    for _ in range(2):  # the second time is no cache hit either
        with django_assert_num_queries(1):
            response = client.get("/gezond/?diep=1", HTTP_HOST="10.0.0.5:8000")
        assert response.status_code == 200
        _assert_bare(response)
        assert "X-Cache" not in response


@pytest.mark.django_db
def test_a_redis_that_is_down_does_not_make_the_app_unhealthy(settings, caplog):
    """Redis is not part of the check: with the cache pointed at a port where
    nothing listens, both checks are 200 and neither complains (the version's
    last-known copy was not stored: the Redis outage is logged as such)."""
    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "articles.caching.layered.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    with caplog.at_level(logging.WARNING):
        response = Client().get("/gezond/")
        deep = Client().get("/gezond/?diep=1")
    assert response.status_code == deep.status_code == 200
    assert not [r for r in caplog.records if r.name != "redactie.outage"]


def _unreachable(engine: str, tmp_path):
    """A connection for "default" to a database that refuses: a closed port, or a
    SQLite file in a folder that does not exist."""
    base = connections["default"].settings_dict
    if engine == "postgresql":
        where = {"HOST": "127.0.0.1", "PORT": str(free_port()), "NAME": "gezond"}
        where |= {"USER": "postgres", "PASSWORD": "", "OPTIONS": {}}
    else:
        where = {"NAME": str(tmp_path / "weg" / "db.sqlite3"), "OPTIONS": {}}
    settings_dict = {**base, "ENGINE": f"django.db.backends.{engine}", **where}
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict)


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["postgresql", "sqlite3"])
def test_a_database_that_does_not_answer_is_503(engine, tmp_path, caplog):
    """503 "niet gezond", not stored; the reason goes to the log, not the body."""
    healthy = connections["default"]
    connections["default"] = _unreachable(engine, tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="newsroom.health"):
            response = Client().get("/gezond/?diep=1")
            again = Client().get("/gezond/?diep=1")
    finally:
        connections["default"].close()
        connections["default"] = healthy
    assert response.status_code == again.status_code == 503
    assert response.content == b"niet gezond\n"
    _assert_bare(response)
    logged = [r.getMessage() for r in caplog.records if r.name == "newsroom.health"]
    assert len(logged) == 2  # one line a check: a fresh connection is not retried
    assert all("database does not answer" in line for line in logged)


@pytest.mark.django_db
def test_the_check_comes_back_with_the_database(client, tmp_path):
    """After an outage the next check connects afresh and is 200 again."""
    healthy = connections["default"]
    connections["default"] = _unreachable("sqlite3", tmp_path)
    try:
        assert client.get("/gezond/?diep=1").status_code == 503
    finally:
        connections["default"] = healthy
    assert client.get("/gezond/?diep=1").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_the_database_dropped_gets_one_new_try(client):
    """A database restart ends kept connections; the next check reconnects once and
    answers 200 rather than taking the server out of the load balancer."""
    import psycopg
    from django.db import connection

    assert client.get("/gezond/?diep=1").status_code == 200
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert client.get("/gezond/?diep=1").status_code == 200
    assert connection.connection.info.backend_pid != pid


@pytest.mark.django_db
def test_during_an_outage_the_balancer_keeps_a_server_that_can_serve(
    client, tmp_path, settings, caplog
):
    """Database away: a process that knows a version (it serves its cached pages,
    stale) answers /gezond/ 200 while ?diep=1 answers 503; a process that never
    knew one (nothing cached anywhere) answers 503 to both."""
    from articles.caching import version

    settings.CONTENT_VERSION_SECONDS = 0  # ask the database on every check
    assert client.get("/gezond/").status_code == 200  # knows the version now
    healthy = connections["default"]
    connections["default"] = _unreachable("sqlite3", tmp_path)
    try:
        assert client.get("/gezond/").status_code == 200
        assert client.get("/gezond/?diep=1").status_code == 503
        version.forget()
        from django.core.cache import cache

        cache.delete(version.LAST_KNOWN_KEY)
        with caplog.at_level(logging.WARNING, logger="newsroom.health"):
            refused = client.get("/gezond/")
    finally:
        connections["default"].close()
        connections["default"] = healthy
    assert refused.status_code == 503
    assert refused.content == b"niet gezond\n"
    _assert_bare(refused)
    assert any("no content version" in r.getMessage() for r in caplog.records)
    version.forget()
    assert client.get("/gezond/").status_code == 200
