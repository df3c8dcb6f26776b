"""Eight editors save eight different articles at the same moment, on PostgreSQL,
each in a thread with a connection of its own: none waits on another and none
deadlocks. The content version no longer makes every save take one shared row inside
its transaction (it moves on after the commit, articles/caching/truth.py)."""

import threading

import pytest
from django.db import connection, connections, transaction

from articles.caching import version
from articles.models import Article, ContentVersion, Revision
from articles.services.articles import save_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EDITORS = 8
# Long enough for eight saves on a busy two-core machine; a writer waiting for
# another's commit would wait for ever here, since the other holds its transaction
# open until everyone has arrived.
PATIENCE_SECONDS = 30


def _waiting_for_a_lock() -> list[tuple]:
    """Lock requests not granted in this database, as PostgreSQL reports them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT locktype, relation::regclass::text, pid FROM pg_locks "
            "WHERE NOT granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        return cursor.fetchall()


def test_eight_editors_saving_different_articles_never_wait_on_each_other(
    make_article, make_user
):
    """Every writer gets to the point of committing while all eight transactions
    are open at once, each holding its article's row lock: with a row every save
    updated inside its transaction, the second writer would wait for the first's
    commit and the meeting point would never be reached."""
    editors = [make_user(f"redacteur{i}", "editor") for i in range(EDITORS)]
    articles = [make_article(headline=f"Artikel {i}") for i in range(EDITORS)]
    version_before = ContentVersion.objects.get(pk=1).number
    all_inside = threading.Barrier(EDITORS + 1, timeout=PATIENCE_SECONDS)
    may_commit = threading.Barrier(EDITORS + 1, timeout=PATIENCE_SECONDS)
    failures: list[BaseException] = []

    def save(index: int) -> None:
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=articles[index].pk)
                article.headline = f"Artikel {index}, bijgewerkt"
                article.body += f"<p>Aanvulling van redacteur {index}.</p>"
                save_article(
                    article, new_version=True, user=editors[index], comment="Bijgewerkt"
                )
                all_inside.wait()
                may_commit.wait()
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            failures.append(error)
            all_inside.abort()
            may_commit.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(EDITORS)]
    for thread in threads:
        thread.start()
    try:
        all_inside.wait()
        waiting = _waiting_for_a_lock()
        may_commit.wait()
    except threading.BrokenBarrierError:
        waiting = None
    for thread in threads:
        thread.join()

    assert failures == [], failures
    assert waiting == []  # eight open transactions, no lock request pending
    for index, article in enumerate(articles):
        article.refresh_from_db()
        assert article.headline == f"Artikel {index}, bijgewerkt"
        assert Revision.objects.filter(article=article, comment="Bijgewerkt").exists()
    # Each commit moved the version on, after the fact, and this process knows it.
    assert ContentVersion.objects.get(pk=1).number > version_before
    version.forget()
    assert version.current().number == ContentVersion.objects.get(pk=1).number
