"""A circuit breaker around Redis: a Redis that hangs costs a reader little.

Every use of Redis on a reader's path goes through the default cache
(``layered.TolerantRedisCache``: the page cache, fragments, the content version's
last-known copy; sessions and login throttling live in the database), and every
call of that cache asks ``REDIS.allows()`` first. What a hanging Redis costs:

- **one time-out per request at most**: after a call fails (a time-out or a
  refused connection, each bounded by the socket time-outs in settings.CACHES,
  0.5 s), the rest of that request skips Redis;
- **nothing once open**: ``FAILURES`` failures within ``WITHIN_SECONDS`` open the
  breaker, and this process skips Redis for ``RETRY_SECONDS``; then one call is let
  through as a probe (the others still skip): if it succeeds the breaker closes,
  if it fails it stays open for another ``RETRY_SECONDS``.

A skipped call answers as a Redis that is away does (``layered.py``): a read is a
miss, a write is dropped, so pages are served from this process's memory or
rendered from the database. The outage is reported by ``outage.Outage`` (once
when first seen, then at most once a minute with the count of requests that went
without Redis, one line when Redis answers again). State is per process, shared
by its threads.
"""

import logging
import threading
import time
from collections import deque

from django.core.signals import request_finished, request_started

from articles.caching.outage import Outage

__all__ = ["FAILURES", "REDIS", "RETRY_SECONDS", "WITHIN_SECONDS", "Breaker"]

FAILURES = 3
WITHIN_SECONDS = 10.0
RETRY_SECONDS = 5.0


class _Request(threading.local):
    """What the request this thread serves has met (nothing outside a request:
    a command or a task counts every call)."""

    active = False
    failed = False  # a call failed: the rest of the request skips the dependency
    counted = False  # this request is in the outage's count already


class Breaker:
    """Closed (calls go through), open (calls skip) or probing (one call goes
    through after ``retry_after`` seconds open)."""

    clock = staticmethod(time.monotonic)  # a test may move time on

    def __init__(
        self,
        outage: Outage,
        *,
        failures: int = FAILURES,
        within: float = WITHIN_SECONDS,
        retry_after: float = RETRY_SECONDS,
    ):
        self.outage = outage
        self.failures = failures
        self.within = within
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._request = _Request()
        self.reset()

    def reset(self) -> None:
        """Closed, nothing counted (tests: each starts afresh)."""
        self.outage = Outage(self.outage.logger, self.outage.what)
        with self._lock:
            self._failed_at: deque[float] = deque()
            self._open_until: float | None = None

    @property
    def is_open(self) -> bool:
        return self._open_until is not None

    def allows(self) -> bool:
        """May this call use the dependency? False: answer as if it were away."""
        request = self._request
        if request.active and request.failed:
            return False
        if self._open_until is None:
            return True
        now = self.clock()
        with self._lock:
            if self._open_until is not None and now >= self._open_until:
                # This call is the probe; the others skip until it has answered
                # (or for another interval, should it never answer).
                self._open_until = now + self.retry_after
                return True
            skipped = self._open_until is not None
        if skipped:
            self._count("the breaker is open")
        return not skipped

    def succeeded(self) -> None:
        if self._open_until is None and not self._failed_at:
            return
        with self._lock:
            self._failed_at.clear()
            self._open_until = None
        self.outage.over()

    def failed(self, error: BaseException) -> None:
        now = self.clock()
        with self._lock:
            if self._open_until is not None:
                self._open_until = now + self.retry_after  # the probe failed
            else:
                self._failed_at.append(now)
                while self._failed_at and now - self._failed_at[0] > self.within:
                    self._failed_at.popleft()
                if len(self._failed_at) >= self.failures:
                    self._failed_at.clear()
                    self._open_until = now + self.retry_after
        self._count(error)
        if self._request.active:
            self._request.failed = True

    def _count(self, error) -> None:
        """One more request went without the dependency (once per request)."""
        request = self._request
        if request.active:
            if request.counted:
                return
            request.counted = True
        self.outage.occurred(error, outcome="served without it")

    def request_started(self, **_kwargs) -> None:
        request = self._request
        request.active, request.failed, request.counted = True, False, False

    def request_finished(self, **_kwargs) -> None:
        self._request.active = False


REDIS = Breaker(Outage(logging.getLogger("redactie.outage"), "Redis"))


def connect() -> None:
    """Each request starts with a clean slate (articles/apps.py)."""
    request_started.connect(REDIS.request_started, dispatch_uid="redis-breaker")
    request_finished.connect(REDIS.request_finished, dispatch_uid="redis-breaker")
