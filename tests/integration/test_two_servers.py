"""Two app servers, one PostgreSQL, one Redis: a change made through either is seen on
both at once, with the page cache on.

Both servers are real gunicorn processes (DEBUG off) on the test database; an editor
publishes through server one's admin, a management-command-style write from this
process withdraws the article again.
"""

import subprocess

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from articles.models import Article
from articles.services.workflow import transition
from tests.helpers.servers import AdminSession, Gunicorn, manage, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

REDIS_DB = "redis://127.0.0.1:6379/13"


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


def test_a_publication_on_one_server_and_a_withdrawal_anywhere_show_on_both_at_once(
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
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED

    for server in (two, one):
        status, html = server.get("/")
        assert "Net binnen" in html, server.url
        assert server.get("/")[1] == html and server.last_headers["X-Cache"] == "hit"
        status, _ = server.get(f"/artikel/{draft.slug}/")
        assert status == 200

    transition(
        Article.objects.get(pk=draft.pk),
        Article.Status.UNPUBLISHED,
        user=editor,
        reason="Bron trok verhaal in.",
    )
    for server in (one, two):
        for _ in range(2):
            status, html = server.get("/")
            assert "Net binnen" not in html, server.url
        status, _ = server.get(f"/artikel/{draft.slug}/")
        assert status == 410
