"""Each process knows the content version without asking the database on every
request: it reads the row again at most every CONTENT_VERSION_SECONDS, knows its own
changes at once, and the row moves on only after the writing transaction commits."""

import logging

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.caching import version
from articles.caching.outage import Outage
from articles.models import Article, ContentVersion


@pytest.fixture
def story(make_article):
    return make_article(headline="Het verhaal")


def _another_process_publishes() -> int:
    """What a change committed through another process leaves: the row moved on."""
    row = ContentVersion.objects.get(pk=1)
    row.number = version.current().number + 1_000
    row.save(update_fields=["number"])
    return row.number


def test_the_row_is_read_again_only_when_the_interval_has_passed(
    client, story, settings, django_assert_num_queries
):
    """Within the interval a hit costs nothing and the other process's change is not
    yet seen; once it has passed (0 here), one query reads it."""
    settings.PAGE_CACHE = True
    url = story.get_absolute_url()
    client.get(url)
    known = version.current().number
    moved = _another_process_publishes()
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "hit"
        assert version.current().number == known
    settings.CONTENT_VERSION_SECONDS = 0
    with django_assert_num_queries(1):
        assert version.current().number == moved


def test_a_process_serves_its_own_change_at_once(client, story, settings):
    """The writer's process does not wait for the interval."""
    settings.PAGE_CACHE = True
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    Article.objects.filter(pk=story.pk).update(headline="Nieuwe kop")
    version.content_changed()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Nieuwe kop" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_row_moves_on_after_the_commit_not_inside_the_transaction(
    make_article,
):
    """Saving an article writes nothing to the version row inside its transaction
    (no writer waits on another for it); the commit moves it on."""
    article = make_article(headline="Eerst")
    before = ContentVersion.objects.get(pk=1).number
    table = ContentVersion._meta.db_table
    with CaptureQueriesContext(connection) as inside, transaction.atomic():
        article.headline = "Daarna"
        article.save()
        row_in_transaction = ContentVersion.objects.get(pk=1).number
    written = [
        q["sql"]
        for q in inside.captured_queries
        if table in q["sql"] and not q["sql"].lstrip().startswith("SELECT")
    ]
    assert row_in_transaction == before
    after = ContentVersion.objects.get(pk=1).number
    assert after > before
    # The one write to the row is the UPDATE after the COMMIT.
    assert len(written) == 1 and written[0].lstrip().startswith("UPDATE")
    sqls = [q["sql"] for q in inside.captured_queries]
    assert sqls.index(written[0]) > max(
        i for i, sql in enumerate(sqls) if "articles_article" in sql
    )
    assert version.current().number == after


def test_an_outage_is_reported_once_a_minute_with_a_count(caplog):
    """500 failing requests within the minute: one line; the end of the outage: one
    more, with the requests not yet reported."""
    outage = Outage(logging.getLogger("test.outage"), "Database", every=60)
    with caplog.at_level(logging.WARNING, logger="test.outage"):
        for _ in range(500):
            outage.occurred(RuntimeError("connection refused\nmore"), outcome="503")
        outage.over()
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        "Database unavailable: 1 request(s) since the last report, this one got "
        "503: connection refused",
        "Database available again (499 request(s) since the last report)",
    ]


def test_each_report_counts_the_requests_since_the_last(caplog):
    outage = Outage(logging.getLogger("test.outage"), "Database", every=0)
    with caplog.at_level(logging.WARNING, logger="test.outage"):
        outage.occurred("weg", outcome="503")
        outage.occurred("weg", outcome="a stale page")
    assert [r.getMessage() for r in caplog.records] == [
        "Database unavailable: 1 request(s) since the last report, this one got "
        "503: weg",
        "Database unavailable: 1 request(s) since the last report, this one got "
        "a stale page: weg",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_moment_moves_the_version_once_whichever_process_sees_it(
    make_article,
):
    """This process still holds the version from before the moment; another has
    moved the row on at the moment already: this one takes the row's number and
    moves nothing."""
    from datetime import timedelta

    from django.utils import timezone

    make_article(headline="Straks", publish_at=timezone.now() + timedelta(hours=1))
    before = version.current()
    due = before.next_change_at
    assert due > timezone.now()
    # The other process's move (truth.move_past_scheduled), committed.
    ContentVersion.objects.filter(pk=1).update(
        number=before.number + 7, changed_at=due, next_change_at=None
    )
    after = version.current(now=due + timedelta(seconds=1))
    assert after.number == before.number + 7
    assert ContentVersion.objects.get(pk=1).number == before.number + 7
