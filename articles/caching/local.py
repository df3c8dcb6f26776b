"""This process's memory as a cache, bounded in bytes.

Django's LocMemCache counts entries, and entries differ a thousandfold (a fragment of
a few KB, a feed of megabytes): a thousand entries may be 30 MB or 3 GB. This one
counts the bytes it holds, each entry as its pickled value, its key and
``ENTRY_OVERHEAD`` for Python's bookkeeping, and drops the least recently used
entries until a new one fits in ``OPTIONS["MAX_BYTES"]`` (settings.LOCAL_CACHE_BYTES).
A value larger than ``1 / LARGEST_SHARE`` of the cap is not kept at all (it would
empty the cache for itself; Redis still has it). Shared by all threads of a process,
like LocMemCache.
"""

import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

__all__ = ["ENTRY_OVERHEAD", "LARGEST_SHARE", "BoundedMemoryCache"]

# What Python spends on an entry besides its bytes: the key's and the value's object
# headers, two dict slots (value and expiry) and the ordering's link.
ENTRY_OVERHEAD = 450
LARGEST_SHARE = 8
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class _Ledger:
    """The size of every entry of one named cache, and their total."""

    def __init__(self):
        self.sizes: dict[str, int] = {}
        self.total = 0


_ledgers: dict[str, _Ledger] = {}


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._ledger = _ledgers.setdefault(name, _Ledger())

    def bytes_held(self) -> int:
        """What the entries take, as counted against MAX_BYTES."""
        with self._lock:
            return self._ledger.total

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._keep(key, value, self.get_backend_timeout(timeout))

    def _keep(self, key: str, pickled: bytes, expires_at) -> None:
        """Store under the lock; the least recently used entries make room."""
        self._delete(key)
        size = len(pickled) + len(key) + ENTRY_OVERHEAD
        if size > self.max_bytes // LARGEST_SHARE:
            return
        while self._cache and self._ledger.total + size > self.max_bytes:
            oldest = next(reversed(self._cache))  # get() moves the used to the front
            self._delete(oldest)
        self._cache[key] = pickled
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = expires_at
        self._ledger.sizes[key] = size
        self._ledger.total += size

    def _delete(self, key):
        deleted = super()._delete(key)
        if deleted:
            self._ledger.total -= self._ledger.sizes.pop(key)
        return deleted

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(self._cache[key]) + delta  # noqa: S301 (our own)
            expires_at = self._expire_info[key]
            self._keep(key, pickle.dumps(value, self.pickle_protocol), expires_at)
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._ledger.sizes.clear()
            self._ledger.total = 0
