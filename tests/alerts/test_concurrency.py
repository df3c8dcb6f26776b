"""Two claimers at once (two workers, or a worker and a request): on PostgreSQL each
thread has its own connection, and the conditional UPDATE lets one of them win."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.alerts.claims import claim_due
from articles.models import Article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_checks_at_once_send_each_alert_once(make_article, sent, time_machine):
    when = timezone.now() + timedelta(minutes=5)
    articles = [make_article(publish_at=when) for _ in range(5)]
    time_machine.move_to(when + timedelta(seconds=1), tick=True)
    start = threading.Barrier(2)
    claimed, errors = [], []

    def check():
        try:
            start.wait(timeout=10)
            claimed.append(claim_due())
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(a for a, _ in claimed) == 5
    assert sorted(pk for _, pk, _ in sent) == sorted(a.pk for a in articles)
    assert not Article.objects.filter(alerted_at__isnull=True).exists()
