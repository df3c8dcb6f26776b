"""PostgreSQL away and back, under real gunicorn (production's
settings), with Redis (production) and with each process's memory alone (the demo's
configuration): readers keep the pages already cached, marked stale; pages never
cached get the Dutch 503; the log says so once a minute, with a count; service returns
by itself; and after a database restart every worker's first request succeeds.

The database is a cluster the test makes itself (tests/helpers/pg_cluster.py), so
it can stop and start it without touching anyone else's.
"""

import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers.parts import REDIS_TEST_URL
from tests.helpers.pg_cluster import Cluster
from tests.helpers.servers import AdminSession, Gunicorn, manage, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.pg_cluster]

READERS = 60  # requests for cached pages during the outage
NEVER_CACHED = 20
PASSWORD = "Geheim-wachtwoord-18"
# Long enough for each worker to notice the database has gone: it asks again every
# CONTENT_VERSION_SECONDS (0.5 s).
NOTICE_SECONDS = 1.5


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    made = Cluster()
    try:
        workdir = tmp_path_factory.mktemp("outage")
        env = production_env(workdir, made.url)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "generate_articles", "12", "--seed", "18")
        manage(
            env, "shell", "-c",
            "from tests.helpers.users import create_user; "
            f"create_user('redacteur', 'editor', password='{PASSWORD}')",
        )  # fmt: skip
        yield made, workdir
    finally:
        made.drop()


@pytest.fixture(params=["redis", "memory"])
def site(request, cluster, tmp_path):
    """gunicorn on the test's cluster: two workers sharing Redis, or one worker with
    its own memory. (With local memory each worker holds only the pages it served
    itself, and which worker the kernel hands a request to is not ours to choose: a
    second worker might never have stored a page the test then asks it for.)"""
    made, workdir = cluster
    # Which worker answered each request, in a log of its own.
    extra = {
        "PAGE_CACHE": "on",
        "ACCESS_LOG": str(tmp_path / "access.log"),
        "GUNICORN_CMD_ARGS": "--access-logformat=%(p)s|%(m)s|%(U)s|%(s)s",
    }
    workers = 1
    if request.param == "redis":
        subprocess.run(["redis-cli", "-u", REDIS_TEST_URL, "flushdb"], check=True)
        extra["REDIS_URL"] = REDIS_TEST_URL
        workers = 2
    env = production_env(workdir, made.url, **extra)
    with Gunicorn(env, workers=workers, log=tmp_path / "gunicorn.log") as server:
        server.workers = workers
        server.access_log = tmp_path / "access.log"
        yield made, server


def _articles(server) -> list[str]:
    status, html = server.get("/")
    assert status == 200
    return sorted(set(re.findall(r'href="(/artikel/[^"/]+/)"', html)))


def _warm(server, paths) -> None:
    """Every worker has served and stored each page (and knows the version)."""
    for path in paths:
        for _ in range(8):
            assert server.get(path)[0] == 200, path
        assert server.last_headers["X-Cache"] == "hit", path


def _every_workers_first_admin_request_succeeded(server, *, since: int) -> None:
    """In the access log after ``since``: each worker's first admin request after
    the restart answered 200, and every worker answered one."""
    lines = server.access_log.read_bytes()[since:].decode().splitlines()
    first = {}
    for line in lines:
        pid, method, path, status = line.split("|")
        if path.startswith("/admin/"):
            first.setdefault(pid, status)
    assert len(first) == server.workers, lines
    assert set(first.values()) == {"200"}, lines


def _searches(server, words) -> list[int]:
    """Pages the cache cannot hold yet: each search word is new, so each request
    goes to the database."""
    return [server.get(f"/zoeken/?q={word}")[0] for word in words]


def test_readers_keep_cached_pages_while_the_database_is_away(site):
    cluster, server = site
    articles = _articles(server)
    cached, never = ["/", *articles[:3]], articles[3:]
    assert len(never) >= 3
    _warm(server, cached)

    # A restart with no request in between: each worker's kept connection has
    # gone; the first request of each that uses the database still succeeds, an
    # editor's (no page cache, so no version read before it) as a reader's.
    editor = AdminSession(server, "redacteur", PASSWORD)
    for _ in range(6):
        assert "Artikelen" in editor.get("/admin/articles/article/")
    assert set(_searches(server, [f"voor{n}" for n in range(6)])) == {200}
    cluster.restart()
    restarted_at = server.access_log.stat().st_size
    # Four at a time, so every worker takes some (urllib raises on a 503).
    with ThreadPoolExecutor(4) as pool:
        pages = list(pool.map(editor.get, ["/admin/articles/article/"] * 12))
    assert all("Artikelen" in page for page in pages)
    _every_workers_first_admin_request_succeeded(server, since=restarted_at)
    assert _searches(server, [f"na{n}" for n in range(12)]) == [200] * 12

    log_before = server.log.stat().st_size
    cluster.stop()
    time.sleep(NOTICE_SECONDS)
    answers = [server.get(cached[n % len(cached)]) for n in range(READERS)]
    headers = server.last_headers
    assert [status for status, _ in answers] == [200] * READERS
    assert headers["X-Cache"] == "stale"
    assert "s-maxage=0" in headers["Cache-Control"]
    for n in range(NEVER_CACHED):
        status, html = server.get(never[n % len(never)])
        assert status == 503
        assert "Even niet bereikbaar" in html
        assert server.last_headers["Retry-After"] == "30"
    stale = [server.get(path) for path in cached]
    assert all(status == 200 for status, _ in stale)
    assert server.last_headers["X-Cache"] == "stale"

    # Back by itself, no restart of gunicorn.
    cluster.start()
    time.sleep(NOTICE_SECONDS)
    for path in cached:
        for _ in range(4):
            assert server.get(path)[0] == 200
            assert server.last_headers["X-Cache"] == "hit"
    assert [server.get(path)[0] for path in never] == [200] * len(never)

    log = server.log.read_bytes()[log_before:].decode(errors="replace")
    reports = [line for line in log.splitlines() if "Database unavailable" in line]
    # One line per worker for the outage (within a minute), each with its count,
    # and no traceback: 80 requests, at most 2 + 2 lines.
    assert 1 <= len(reports) <= 2, log[:3000]
    assert "Traceback" not in log
    assert len([line for line in log.splitlines() if "available again" in line]) <= 2
    assert len(log.splitlines()) <= 4, log[:3000]
