"""Two app servers, one PostgreSQL, one Redis: a change made through either is served
by every worker of both within the bound (CONTENT_VERSION_SECONDS, 0.5 s; the
promise in docs/caching.md is one second), with the page cache on.

Both servers are real gunicorn processes (DEBUG off, production's settings) on the
test database; an editor publishes through server one's admin, a
management-command-style write from this process withdraws the article again.
"""

import subprocess
import time
from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from articles.models import Article
from articles.services.workflow import transition
from tests.helpers.parts import REDIS_TEST_URL
from tests.helpers.servers import AdminSession, Gunicorn, manage, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

REDIS_DB = REDIS_TEST_URL  # emptied by the fixture
BOUND_SECONDS = 1.0  # docs/caching.md, "The content version"


def _from_bound_on(committed_before: datetime, servers, path: str) -> list[str]:
    """Wait until the bound has passed since ``committed_before`` (a moment no later
    than the commit), then GET ``path`` six times from each server (both workers of
    each answer some): the pages every process serves by then."""
    time.sleep(max(0, committed_before.timestamp() + BOUND_SECONDS - time.time()))
    return [server.get(path)[1] for server in servers for _ in range(6)]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def servers(transactional_db, tmp_path):
    subprocess.run(["redis-cli", "-u", REDIS_DB, "flushdb"], check=True)
    env = production_env(tmp_path, _database_url(), REDIS_URL=REDIS_DB, PAGE_CACHE="on")
    manage(env, "collectstatic", "--noinput")
    one = Gunicorn(env, workers=2, log=tmp_path / "one.log")
    try:
        two = Gunicorn(env, workers=2, log=tmp_path / "two.log")
    except Exception:
        one.stop()
        raise
    yield one, two
    one.stop()
    two.stop()


def test_a_publication_on_one_server_and_a_withdrawal_anywhere_show_within_a_second(
    servers, make_article, editor
):
    one, two = servers
    make_article(headline="Al gepubliceerd")
    draft = make_article(headline="Net binnen", status=Article.Status.DRAFT)
    # The servers run production's hashers (the suite's own settings use MD5).
    editor.password = PBKDF2PasswordHasher().encode("Geheim-wachtwoord-1", "zout1234")
    editor.save()

    for server in (one, two):
        for _ in range(3):  # both workers of each server have served it
            status, html = server.get("/")
            assert status == 200
            assert "Al gepubliceerd" in html and "Net binnen" not in html

    session = AdminSession(one, editor.username, "Geheim-wachtwoord-1")
    changelist = session.get("/admin/articles/article/")
    assert "Net binnen" in changelist
    session.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [str(draft.pk)]},
        changelist,
    )
    published = Article.objects.get(pk=draft.pk)
    assert published.status == Article.Status.PUBLISHED
    # publish_at is set inside the transaction, so before its commit.
    pages = _from_bound_on(published.publish_at, (two, one), "/")
    assert all("Net binnen" in html for html in pages)
    for server in (two, one):
        html = server.get("/")[1]
        assert server.get("/")[1] == html and server.last_headers["X-Cache"] == "hit"
        status, _ = server.get(f"/artikel/{draft.slug}/")
        assert status == 200

    before_commit = timezone.now()
    transition(
        Article.objects.get(pk=draft.pk),
        Article.Status.UNPUBLISHED,
        user=editor,
        reason="Bron trok verhaal in.",
    )
    pages = _from_bound_on(before_commit, (one, two), "/")
    assert not any("Net binnen" in html for html in pages)
    for server in (one, two):
        status, _ = server.get(f"/artikel/{draft.slug}/")
        assert status == 410
