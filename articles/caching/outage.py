"""A dependency that is away, said once a minute with a count.

During a database outage every request meets the same error; a line (or a
traceback) for each would fill the log faster than anyone can read it (48.7 MB in
12 s under load), and hide when the outage began and ended. ``Outage.occurred()``
counts each occurrence and writes one line when the outage is first seen and then at
most one a minute, saying how many occurrences the minute held; ``Outage.over()``
writes one line when it has passed. The count and the clock are per process: each
gunicorn worker reports its own share.
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError

__all__ = ["DATABASE", "Outage", "QuietDuringOutage"]


class Outage:
    """Occurrences of one kind of failure, reported on ``logger`` at most every
    ``every`` seconds."""

    def __init__(self, logger: logging.Logger, what: str, *, every: float = 60):
        self.logger = logger
        self.what = what
        self.every = every
        self._lock = threading.Lock()
        self._count = 0
        self._said_at: float | None = None

    def occurred(self, error: BaseException | str, *, outcome: str) -> None:
        """One more request met ``error``; ``outcome`` says what it got instead (in
        the log's words, e.g. "503" or "a cached page")."""
        now = time.monotonic()
        with self._lock:
            self._count += 1
            if self._said_at is not None and now - self._said_at < self.every:
                return
            count, self._count, self._said_at = self._count, 0, now
        self.logger.error(
            "%s unavailable: %d request(s) since the last report, this one got %s: %s",
            self.what,
            count,
            outcome,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
        )

    def over(self) -> None:
        """The dependency answered again: say so once, with the requests not yet
        reported."""
        with self._lock:
            if self._said_at is None:
                return
            count, self._count, self._said_at = self._count, 0, None
        self.logger.warning(
            "%s available again (%d request(s) since the last report)",
            self.what,
            count,
        )

    @property
    def ongoing(self) -> bool:
        return self._said_at is not None


DATABASE = Outage(logging.getLogger("redactie.outage"), "Database")


class QuietDuringOutage(logging.Filter):
    """On ``django.request``: drops the record, traceback and all, of a request that
    failed because the database was away (newsroom/errors.py answered it with the
    503 and counted it in ``DATABASE``'s report). Every other error is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OperationalError | InterfaceError)
