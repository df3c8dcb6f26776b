"""Periodic work and purges through the queue: enqueue_refresh for cron, and a CDN
that does not answer."""

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from embeds.models import Embed
from tests.helpers.samples.embeds import X_URL

pytestmark = pytest.mark.django_db(transaction=True)


def test_enqueue_refresh_queues_the_check_and_a_worker_runs_it(queue, provider):
    """The cron line returns with one task queued; the provider is asked only when
    the worker runs refresh_embeds."""
    embed = Embed.objects.create(url=X_URL, provider="x", source=Embed.Source.URL)
    call_command("enqueue_refresh", "--", "--provider", "x")
    (row,) = DBTaskResult.objects.filter(
        task_path="embeds.enrichment.tasks.refresh_posts"
    )
    assert row.args_kwargs["args"] == [["--provider", "x"]]
    assert provider.log == []
    queue()
    assert len(provider.log) == 1
    embed.refresh_from_db()
    assert embed.last_checked_at is not None
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"


def test_enqueue_refresh_refuses_options_refresh_embeds_does_not_know(queue):
    """A typo in the crontab fails the cron line, and nothing is queued."""
    with pytest.raises(CommandError):
        call_command("enqueue_refresh", "--", "--provider", "myspace")
    assert not DBTaskResult.objects.exists()


def test_a_cdn_that_does_not_answer_is_purged_again_later(queue, settings):
    """http_purge against a port where nothing listens: the task fails, a retry is
    queued 30 s later with the same URLs and keys."""
    from articles.caching.tasks import purge_pages

    settings.PAGE_CACHE_PURGE = "articles.caching.purge.http_purge"
    settings.PAGE_CACHE_PURGE_URL = "http://127.0.0.1:9"
    purge_pages.enqueue(["/artikel/een/"], ["article-1"])
    queue()
    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs == {
        "args": [["/artikel/een/"], ["article-1"]],
        "kwargs": {"attempt": 2},
    }
    (failed,) = DBTaskResult.objects.filter(status="FAILED")
    assert abs((retry.run_after - failed.finished_at).total_seconds() - 30) < 1
    assert failed.exception_class_path == "background.retry.RetryScheduled"
    assert "PurgeFailed" in failed.traceback


def test_enqueue_alerts_queues_the_check_and_the_worker_sends_what_is_due(
    queue, make_article, time_machine
):
    """The cron line every minute: a scheduled article is signalled by the worker
    once its time has come, and only once however often the check runs."""
    from django.utils import timezone

    from articles.signals import article_became_visible

    seen = []

    def on_article(sender, article, **kwargs):
        seen.append(article.pk)

    article_became_visible.connect(on_article)
    try:
        when = timezone.now() + timezone.timedelta(minutes=10)
        article = make_article(publish_at=when)
        call_command("enqueue_alerts")
        queue()
        assert seen == []
        time_machine.move_to(when + timezone.timedelta(seconds=20))
        call_command("enqueue_alerts")
        call_command("enqueue_alerts")
        assert queue() == 3  # the two checks, and the alert the first one started
    finally:
        article_became_visible.disconnect(on_article)
    assert seen == [article.pk]
    runs = DBTaskResult.objects.filter(
        task_path="articles.alerts.tasks.send_due_alerts"
    )
    assert sorted(run.return_value for run in runs) == [[0, 0], [0, 0], [1, 0]]
