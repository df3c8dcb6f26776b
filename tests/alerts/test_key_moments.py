"""A live blog's followers get its key moments, each once, when it first becomes
visible; an entry flagged key moment later is sent then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.alerts.claims import claim_due
from articles.live.services import post_entry, save_entry
from articles.models import Article, LiveEntry

pytestmark = pytest.mark.django_db


def test_a_key_moment_placed_now_is_sent_once_on_commit(
    live_article, sent, django_capture_on_commit_callbacks
):
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(live_article, user=None, body="<p>Explosie.</p>",
                           key_moment=True)  # fmt: skip
        post_entry(live_article, user=None, body="<p>Gewoon bericht.</p>")
        entry.title = "Explosie bij Abbey Gate"
        save_entry(entry, user=None)  # an edit: nothing again
        claim_due()
    assert sent == [("entry", entry.pk)]


def test_an_entry_flagged_key_moment_after_posting_is_sent_then_once(
    live_article, sent, django_capture_on_commit_callbacks
):
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(live_article, user=None, body="<p>Bericht.</p>")
        claim_due()
        assert sent == []
        entry.key_moment = True
        save_entry(entry, user=None)
        entry.key_moment = False
        save_entry(entry, user=None)
        entry.key_moment = True
        save_entry(entry, user=None)
    assert sent == [("entry", entry.pk)]


def test_a_scheduled_key_moment_is_sent_by_the_check_at_its_time(
    live_article, sent, time_machine, django_capture_on_commit_callbacks
):
    sent.clear()
    when = timezone.now() + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(live_article, user=None, body="<p>Persconferentie.</p>",
                           key_moment=True, published_at=when)  # fmt: skip
        claim_due()
    assert sent == []
    time_machine.move_to(when + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert claim_due() == (0, 1)
        assert claim_due() == (0, 0)
    assert sent == [("entry", entry.pk)]


def test_key_moments_of_a_scheduled_live_article_wait_for_the_article(
    make_article, sent, time_machine, django_capture_on_commit_callbacks
):
    """A draft of a key moment is never sent; a placed one when its article goes
    live, together with the article."""
    when = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        live = make_article(kind=Article.Kind.LIVE, publish_at=when)
        placed = post_entry(live, user=None, body="<p>Eerste.</p>", key_moment=True)
        post_entry(live, user=None, body="<p>Nog niet.</p>", key_moment=True,
                   status=LiveEntry.Status.DRAFT)  # fmt: skip
        claim_due()
    assert sent == []
    time_machine.move_to(when + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert claim_due() == (1, 1)
    assert sent == [("article", live.pk, False), ("entry", placed.pk)]
