"""The content version: one number that moves on with every change readers may see,
known to every process without a query per request.

Every change a reader could see (publish, update, correction, unpublish, slug change,
a section, topic, author, image, embedded post, front page or newsroom page edited)
calls ``content_changed()`` inside the writing transaction. Once the transaction has
committed, the version row moves on (``truth.move_on``, a statement of its own: no
writer holds the row while it works) and the affected URLs and surrogate keys
(``targets.py``) go to the purge task (``tasks.py``) for a CDN.

Every process keeps the version it last read and reads the row again at most every
``CONTENT_VERSION_SECONDS`` (0.5 s): a cached page costs no query, and every process
serves a committed change within that time (plus the few milliseconds between the
commit and the row's move). The process that made the change knows it at once, even
before the commit (its own transaction sees it; a test's transaction never commits).

When the database cannot be asked, ``current()`` answers the last version known, with
``stale`` set (``middleware.py`` serves what it cached under it, marked stale), and
asks again at most every ``CONTENT_VERSION_SECONDS``: service comes back by itself.

``signals.py`` calls ``content_changed()`` for every save, delete and many-to-many
change made through the ORM. Code that writes with ``QuerySet.update()`` calls it
itself. Scheduled publications need no write at all: ``current()`` notices that the
next one has passed.
"""

import logging
import threading
import time
from dataclasses import replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from articles.caching import truth
from articles.caching.outage import DATABASE
from articles.caching.purge import LEGACY_HOOKS
from articles.caching.targets import went_live
from articles.caching.tasks import purge_pages
from articles.caching.truth import State

__all__ = ["State", "content_changed", "current", "forget", "unavailable_reason"]

logger = logging.getLogger(__name__)

# The last version known, for a worker that starts while the database is away (the
# shared cache, Redis, outlives any one process).
LAST_KNOWN_KEY = "content-version:last-known"


class _Knowledge:
    """What this process knows of the version (one per process: gunicorn's sync
    workers serve one request at a time; threads share it under the lock)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        self.truth: State | None = None  # as last read from the row
        self.checked_at = float("-inf")  # time.monotonic() of that read (or try)
        self.away = False  # the last try failed
        self.pending: State | None = None  # this process's own change, uncommitted
        self.reason = ""  # the error of the last failed try


_known = _Knowledge()


def forget() -> None:
    """Start again from the database (tests: each test's database starts anew)."""
    with _known.lock:
        _known.forget()


def current(*, now: datetime | None = None) -> State:
    """The content version now: no query while this process's copy is younger than
    CONTENT_VERSION_SECONDS, one (the row) otherwise; two or three when a scheduled
    moment has just passed (the version moves on, once, whichever process sees it
    first). Raises the database's error only when it is away and no version was
    ever known."""
    now = now or timezone.now()
    state = _checked(now)
    if state.stale:
        return state
    pending = _known.pending
    if pending is not None and pending.number > state.number:
        state = pending
    if state.next_change_at is None or state.next_change_at > now:
        return state
    read = _checked(now, force=True)
    if read.stale:
        return read
    due_at = state.next_change_at
    if pending is None or pending.number <= read.number:
        # The row decides: another process may have moved it on already.
        if read.next_change_at is None or read.next_change_at > now:
            return read
        due_at = read.next_change_at
    moved = truth.move_past_scheduled(read, due_at=due_at, beyond=state, now=now)
    if moved.number != read.number:
        _purge_later(*went_live(state.changed_at, now))
    _learn(moved)
    return moved


def _checked(now: datetime, *, force: bool = False) -> State:
    known = _known
    asked_at = time.monotonic()
    fresh = asked_at - known.checked_at < settings.CONTENT_VERSION_SECONDS
    if known.truth is not None and fresh and not force:
        return replace(known.truth, stale=True) if known.away else known.truth
    try:
        state = truth.read(now)
    except truth.UNAVAILABLE as error:
        if connection.in_atomic_block:
            raise
        last = known.truth or _last_known()
        with known.lock:
            known.checked_at, known.away = asked_at, True
            known.reason = str(error)
            known.truth = last
        if last is None:
            raise
        return replace(last, stale=True)
    _learn(state, asked_at=asked_at)
    return state


def unavailable_reason() -> str:
    """Why the last stale answer was stale (the database's error), for the log."""
    return _known.reason


def _learn(state: State, *, asked_at: float | None = None) -> None:
    """Remember ``state`` as the truth; keep it in the shared cache when it moved."""
    known = _known
    with known.lock:
        was_away = known.away
        moved = known.truth is None or known.truth.number != state.number
        known.truth = state
        known.checked_at = time.monotonic() if asked_at is None else asked_at
        known.away = False
        if known.pending is not None and known.pending.number <= state.number:
            known.pending = None
    if was_away:
        DATABASE.over()
    if moved:
        cache.set(LAST_KNOWN_KEY, state, settings.PAGE_CACHE_SECONDS)


def _last_known() -> State | None:
    found = cache.get(LAST_KNOWN_KEY)
    return found if isinstance(found, State) else None


def content_changed(
    urls=(), keys=(), *, shared: bool = False, now: datetime | None = None
) -> None:
    """Record a change readers may see: this process serves under a new number at
    once; after the commit the row moves on (every process follows within
    CONTENT_VERSION_SECONDS) and the purge hook is called with ``urls`` and
    ``keys``. ``shared``: the change is to something many articles show (an author,
    a topic, a post...), so the articles' cached fragments must go too."""
    now = now or timezone.now()
    looked_up = None
    if connection.in_atomic_block:
        looked_up = _serve_before_the_commit(shared=shared, now=now)
    _after_commit(urls, keys, shared=shared, looked_up=looked_up)


def _serve_before_the_commit(*, shared: bool, now: datetime) -> tuple:
    """This process serves under a number of its own until the commit has moved the
    row on (a test's transaction never commits). Without a transaction the row
    moves on at once instead, so this is skipped. Returns when it looked up the next
    scheduled moment, and what it found (the move after the commit uses it)."""
    if _known.truth is None:
        _learn(truth.read(now))  # the row as committed: this transaction left it
    base = _known.pending or _known.truth
    number = truth.following(base.number, now)
    upcoming = truth.next_scheduled(now)  # with this transaction's own changes
    pending = State(number, now, upcoming, number if shared else base.shared)
    with _known.lock:
        _known.pending = pending
    return now, upcoming


class _Batch:
    """What one transaction changed, acted on once when it commits: the row moves
    on, then the URLs and keys are enqueued as one task (``tasks.py`` says why on
    commit)."""

    def __init__(self):
        self.urls: set[str] = set()
        self.keys: set[str] = set()
        self.shared = False
        # (when, the next scheduled moment found then), the latest look-up made
        # inside the transaction: it saw the transaction's own changes.
        self.looked_up: tuple | None = None

    def take(self, urls, keys, *, shared: bool, looked_up: tuple | None) -> None:
        self.urls.update(urls)
        self.keys.update(keys)
        self.shared = self.shared or shared
        if looked_up and (not self.looked_up or looked_up[0] >= self.looked_up[0]):
            self.looked_up = looked_up

    def __call__(self) -> None:
        # Blocks inside the transaction (savepoints) collect their own batches, to
        # be dropped with them if they roll back; those that commit are handed on
        # to the last, which moves the row once and enqueues one purge.
        later = [
            callback
            for _sids, callback, _robust in connection.run_on_commit
            if isinstance(callback, _Batch)
        ]
        if self in later:  # hooks run by a test, not popped as they run
            later = later[later.index(self) + 1 :]
        if later:
            later[-1].take(
                self.urls, self.keys, shared=self.shared, looked_up=self.looked_up
            )
            return
        pending = _known.pending
        try:
            truth.move_on(
                shared=self.shared,
                now=timezone.now(),
                at_least=pending.number + 1 if pending else 0,
                upcoming=self.looked_up[1] if self.looked_up else truth.LOOK_UP,
            )
            with _known.lock:  # read on the next current(): it moved past pending
                _known.checked_at = float("-inf")
        except truth.UNAVAILABLE as error:
            # Committed, then the database went: the next change, or the next
            # scheduled moment, moves the row on; until then other processes
            # serve what they hold.
            logger.error("Version not moved on after a commit: %s", error)
        if (self.urls or self.keys) and not _no_cdn():
            purge_pages.enqueue(sorted(self.urls), sorted(self.keys))


def _no_cdn() -> bool:
    """Without a CDN (the default hook) there is nothing to purge: no task."""
    hook = LEGACY_HOOKS.get(settings.PAGE_CACHE_PURGE, settings.PAGE_CACHE_PURGE)
    return hook == "articles.caching.purge.nothing"


_pending = threading.local()


def _after_commit(urls, keys, *, shared: bool, looked_up: tuple | None) -> None:
    batch = getattr(_pending, "batch", None)
    # Still waiting for the commit of this same atomic block? (A rolled-back one
    # dropped it; an inner block collects its own.)
    here = set(connection.savepoint_ids)
    waiting = connection.in_atomic_block and any(
        callback is batch and sids == here
        for sids, callback, _robust in connection.run_on_commit
    )
    if not waiting:
        batch = _pending.batch = _Batch()
    batch.take(urls, keys, shared=shared, looked_up=looked_up)
    if not waiting:
        transaction.on_commit(batch)


def _purge_later(urls, keys) -> None:
    """A scheduled moment passed (no transaction of ours): purge only."""
    if (urls or keys) and not _no_cdn():
        purge_pages.enqueue(sorted(urls), sorted(keys))
