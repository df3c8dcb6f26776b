"""Every write of the subscriptions app: asking to follow, confirming, changing and
deleting, suppressing an address. Views, commands and tasks call these."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from subscriptions.models import Following, PendingConfirmation, Subscriber

__all__ = [
    "CONFIRM_HOURS",
    "confirm",
    "delete_subscriber",
    "find_pending",
    "hash_token",
    "issue_token",
    "normalise",
    "prune",
    "request_following",
    "suppress",
]

CONFIRM_HOURS = 48  # how long a confirmation link works


def normalise(address: str) -> str:
    """An address as we store it: trimmed and lowercased (one row per reader,
    whatever case they type it in)."""
    return address.strip().lower()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def request_following(email: str, kind: str, target=None) -> PendingConfirmation:
    """Record a wish to follow ``target`` (a Topic, Author or live Article; None for
    the daily update) until the reader confirms it. The caller enqueues the mail."""
    subscriber, _ = Subscriber.objects.get_or_create(email=normalise(email))
    field = {"topic": "topic", "author": "author", "live": "article"}.get(kind)
    return PendingConfirmation.objects.create(
        subscriber=subscriber,
        kind=kind,
        # A placeholder until the mail's task makes the real token.
        token_hash=hash_token(secrets.token_urlsafe(32)),
        expires_at=timezone.now() + timedelta(hours=CONFIRM_HOURS),
        **({field: target} if field else {}),
    )


def issue_token(pending: PendingConfirmation) -> str:
    """A new secret for ``pending``'s link; only its hash is stored."""
    raw = secrets.token_urlsafe(32)
    PendingConfirmation.objects.filter(pk=pending.pk).update(token_hash=hash_token(raw))
    return raw


def find_pending(raw: str) -> PendingConfirmation | None:
    """The unexpired confirmation a link's token belongs to, or None."""
    return (
        PendingConfirmation.objects.select_related(
            "subscriber", "topic", "author", "article"
        )
        .filter(token_hash=hash_token(raw), expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def confirm(pending: PendingConfirmation) -> Subscriber:
    """The reader clicked: follow what was asked (at once, the default) and forget
    the link. Confirming twice follows once."""
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().get(pk=pending.subscriber_id)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    Following.objects.get_or_create(
        subscriber=subscriber,
        kind=pending.kind,
        topic_id=pending.topic_id,
        author_id=pending.author_id,
        article_id=pending.article_id,
        defaults={
            "consented_at": now,
            "mode": "daily" if pending.kind == "daily" else "instant",
        },
    )
    pending.delete()
    return subscriber


def delete_subscriber(subscriber: Subscriber) -> None:
    """Everything about this address, gone (followings and links cascade)."""
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def suppress(email: str, reason: str) -> bool:
    """Stop mailing ``email`` (a hard bounce or a complaint); whether it was known."""
    return bool(
        Subscriber.objects.filter(
            email=normalise(email), suppressed_at__isnull=True
        ).update(suppressed_at=timezone.now(), suppressed_reason=reason)
    )


def prune() -> int:
    """Forget expired links, and addresses that never confirmed anything and have
    no link left; returns how many addresses went. A suppressed address stays, so
    that a new form cannot mail it again."""
    PendingConfirmation.objects.filter(expires_at__lte=timezone.now()).delete()
    deleted, _ = Subscriber.objects.filter(
        followings__isnull=True, pending__isnull=True, suppressed_at__isnull=True
    ).delete()
    return deleted
