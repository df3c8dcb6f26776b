"""The once-only claim behind every alert.

An article is alerted when it first becomes visible (``Article.objects.published()``)
and a live entry when it is a visible key moment. Whoever notices first claims it:
one conditional UPDATE that sets ``alerted_at`` only while it is NULL. On PostgreSQL a
second claimer (another worker, a request) waits for the first one's row lock and
then finds ``alerted_at`` set; SQLite writes one at a time. So the claim succeeds
once, and the signal is sent once, after the claiming transaction commits (none
when it rolls back, and then the claim is undone too).

An article whose ``send_alert`` is off is claimed without a signal: its moment has
passed, and switching alerts on afterwards sends nothing (``alert_again`` does, when
an editor asks).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleNote, LiveEntry
from articles.signals import article_became_visible, key_moment_became_visible

__all__ = ["alert_again", "claim_article", "claim_due", "claim_entry"]

log = logging.getLogger(__name__)


def _now(at: datetime | None) -> datetime:
    return (at or timezone.now()).replace(microsecond=0)


def _send(signal, sender, **kwargs) -> None:
    """Send on commit. A receiver that fails is logged; the others still run, and
    the claim stands (the receivers of ``subscriptions`` only enqueue tasks)."""

    def send():
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                log.error("alert receiver %r failed", receiver, exc_info=result)

    transaction.on_commit(send)


def claim_article(article: Article, *, at: datetime | None = None) -> bool:
    """Claim ``article`` if it is visible at ``at`` (default now) and not claimed
    yet; then, on commit, send ``article_became_visible`` unless its alert is off.
    Whether this call claimed it. No query for an article already claimed or not
    visible (as loaded); one UPDATE otherwise."""
    at = _now(at)
    if article.pk is None or article.alerted_at is not None:
        return False
    if not article.is_visible(at=at):
        return False
    claimed = (
        Article.objects.published(at=at)
        .filter(pk=article.pk, alerted_at__isnull=True)
        .update(alerted_at=at)
    )
    if not claimed:
        return False
    article.alerted_at = at
    if article.send_alert:
        _send(article_became_visible, Article, article=article, again=False)
    return True


def claim_entry(entry: LiveEntry, *, at: datetime | None = None) -> bool:
    """Claim ``entry`` if it is a key moment visible at ``at`` and not claimed yet;
    then, on commit, send ``key_moment_became_visible``. Whether it was claimed.
    An entry that is not a key moment is never claimed: flagged later, it is sent
    then."""
    at = _now(at)
    if entry.pk is None or entry.alerted_at is not None or not entry.key_moment:
        return False
    if not entry.is_visible(at=at):
        return False
    claimed = (
        LiveEntry.objects.published(at=at)
        .filter(pk=entry.pk, key_moment=True, alerted_at__isnull=True)
        .update(alerted_at=at)
    )
    if not claimed:
        return False
    entry.alerted_at = at
    _send(key_moment_became_visible, LiveEntry, entry=entry)
    return True


@transaction.atomic
def claim_due(*, at: datetime | None = None) -> tuple[int, int]:
    """Claim every article and key moment visible at ``at`` and not claimed yet (a
    scheduled one whose time has come); the periodic task's work. In publication
    order, so two claimers take the rows' locks in the same order. Returns how many
    articles and entries this call claimed."""
    at = _now(at)
    articles = (
        Article.objects.published(at=at)
        .filter(alerted_at__isnull=True)
        .defer("search_vector")
        .order_by("publish_at", "pk")
    )
    entries = (
        LiveEntry.objects.published(at=at)
        .filter(key_moment=True, alerted_at__isnull=True)
        .select_related("article")
        .order_by("published_at", "pk")
    )
    claimed_articles = sum(claim_article(article, at=at) for article in articles)
    claimed_entries = sum(claim_entry(entry, at=at) for entry in entries)
    return claimed_articles, claimed_entries


@transaction.atomic
def alert_again(
    article: Article, *, at: datetime | None = None, note: ArticleNote | None = None
) -> bool:
    """The editor asks for the alert once more (an important correction): when the
    article is visible and its alert is on, claim it anew and send
    ``article_became_visible`` with ``again=True`` and the ``note`` it is sent for
    (``again=False`` and no note if it had not been sent yet: readers get it for
    the first time). Whether it was sent; nothing is sent twice for one call."""
    at = _now(at)
    row = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values("alerted_at", "send_alert")
        .first()
    )
    if row is None or not row["send_alert"] or not article.is_visible(at=at):
        return False
    if row["alerted_at"] is not None and row["alerted_at"] >= at:
        return True  # claimed this very second (published in this save): on its way
    Article.objects.filter(pk=article.pk).update(alerted_at=at)
    article.alerted_at = at
    again = row["alerted_at"] is not None
    note = note if again else None
    _send(article_became_visible, Article, article=article, again=again, note=note)
    return True
