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
