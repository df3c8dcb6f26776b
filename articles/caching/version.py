"""The content version: one number that moves on with every change readers may see.

Every change a reader could see (publish, update, correction, unpublish, slug change,
a section, topic, author, image, embedded post, front page or newsroom page edited)
calls ``content_changed()`` inside the writing transaction. It moves
``ContentVersion.number`` on, so the page cache (``middleware.py``), whose keys carry
the number, never serves a page rendered before the change, in any process or on any
server; and, once the transaction commits, it hands the affected URLs and surrogate
keys (``targets.py``) to the purge task (``tasks.py``), which calls the purge hook
(``purge.py``) for a CDN from a worker.

``signals.py`` calls it for every save, delete and many-to-many change made through
the ORM. Code that writes with ``QuerySet.update()`` calls ``content_changed()``
itself. Scheduled publications need no write at all: ``current()`` notices that the
next one has passed.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from threading import local

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.caching.purge import LEGACY_HOOKS
from articles.caching.targets import went_live
from articles.caching.tasks import purge_pages
from articles.models import Article, ContentVersion, FrontPage, LiveEntry

__all__ = ["State", "content_changed", "current"]


@dataclass(frozen=True)
class State:
    number: int
    changed_at: datetime
    next_change_at: datetime | None
    shared: int  # ContentVersion.shared_number


def _next_scheduled(now: datetime) -> datetime | None:
    """The next moment the site changes by itself: a scheduled publication (of an
    article or a live entry), or the end of the front page's breaking-news
    banner."""
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=now
    ).values_list("publish_at", flat=True)
    # Whatever its article: an entry scheduled in a draft only ends a cached page's
    # life early, never keeps one alive too long. One query for both.
    entries = LiveEntry.objects.filter(
        status=LiveEntry.Status.PUBLISHED, published_at__gt=now
    ).values_list("published_at", flat=True)
    moments = [
        articles.order_by().union(entries.order_by()).order_by("publish_at").first(),
        FrontPage.objects.filter(banner_until__gt=now)
        .values_list("banner_until", flat=True)
        .first(),
    ]
    return min((moment for moment in moments if moment), default=None)


def current(*, now: datetime | None = None) -> State:
    """The content version now: one query, two when a scheduled article just went
    live (then the version moves on, once, whichever process sees it first)."""
    now = now or timezone.now()
    state = _read_version()
    if state is None:
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})
        state = _read_version()
    number, changed_at, next_change_at, shared = state
    if next_change_at is None or next_change_at > now:
        return State(number, changed_at, next_change_at, shared)
    # Only the process whose UPDATE matches the number it read moves it on.
    following = _next_scheduled(now)
    moved = ContentVersion.objects.filter(pk=1, number=number).update(
        number=_following(number, now),
        changed_at=next_change_at,
        next_change_at=following,
    )
    if moved:
        _purge_later(*went_live(changed_at, now))
        return State(_following(number, now), next_change_at, following, shared)
    return State(*_read_version())


def _clock(now: datetime) -> int:
    """Microseconds since 1970. The version numbers move on to at least this, so a
    database restored from a backup (or a new one) never reuses a number that pages
    and fragments were cached under before: the next change jumps past them all."""
    return int(now.timestamp() * 1_000_000)


def _following(number: int, now: datetime) -> int:
    return max(number + 1, _clock(now))


def _read_version() -> tuple | None:
    """The version row, in plain SQL: every cached page is served after this query,
    so it skips the ORM's query building (a third of the time of a cache hit)."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    sql = (
        "SELECT number, changed_at, next_change_at, shared_number "  # noqa: S608
        f"FROM {table} WHERE id = 1"
    )
    try:
        row = _fetch_one(sql)
    except (InterfaceError, OperationalError):
        # A kept connection the database has dropped (a restart, a failover): the
        # first query of a request finds out, so a new connection gets one more try.
        # Inside a transaction there is nothing to retry.
        if connection.in_atomic_block:
            raise
        connection.close()
        row = _fetch_one(sql)
    if row is None:
        return None
    number, changed_at, next_change_at, shared = row
    return number, _aware(changed_at), _aware(next_change_at), shared


def _fetch_one(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _aware(value):
    """A datetime as the ORM would give it (SQLite hands back naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def content_changed(
    urls=(), keys=(), *, shared: bool = False, now: datetime | None = None
) -> None:
    """Record a change readers may see: the version moves on in the current
    transaction (so it is seen exactly when the change is), the purge hook is
    called with ``urls`` and ``keys`` after the commit. ``shared``: the change is to
    something many articles show (an author, a topic, a post...), so the articles'
    cached fragments must go too."""
    now = now or timezone.now()
    following = _next_scheduled(now)
    moves = {
        "number": Greatest(F("number") + 1, Value(_clock(now))),
        "changed_at": now,
        "next_change_at": following,
    }
    if shared:
        moves["shared_number"] = Greatest(F("shared_number") + 1, Value(_clock(now)))
    updated = ContentVersion.objects.filter(pk=1).update(**moves)
    if not updated:
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"changed_at": now, "next_change_at": following}
        )
    _purge_later(urls, keys)


def _no_cdn() -> bool:
    """Without a CDN (the default hook) there is nothing to purge: no task."""
    hook = LEGACY_HOOKS.get(settings.PAGE_CACHE_PURGE, settings.PAGE_CACHE_PURGE)
    return hook == "articles.caching.purge.nothing"


class _Purge:
    """The URLs and keys one transaction touched, enqueued as one task on commit
    (``articles.caching.tasks`` says why on commit)."""

    def __init__(self):
        self.urls: set[str] = set()
        self.keys: set[str] = set()

    def __call__(self) -> None:
        purge_pages.enqueue(sorted(self.urls), sorted(self.keys))


_pending = local()


def _purge_later(urls, keys) -> None:
    if not (urls or keys) or _no_cdn():
        return
    batch = getattr(_pending, "batch", None)
    # Still waiting for the commit of this same atomic block? (A rolled-back one
    # dropped it; an inner block collects its own.)
    here = set(connection.savepoint_ids)
    waiting = connection.in_atomic_block and any(
        callback is batch and sids == here
        for sids, callback, _robust in connection.run_on_commit
    )
    if not waiting:
        batch = _pending.batch = _Purge()
    batch.urls.update(urls)
    batch.keys.update(keys)
    if not waiting:
        transaction.on_commit(batch)
