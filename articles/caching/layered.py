"""Django's Redis cache, made to fail soft: a Redis that is down or stuck is a miss.

Every read answers "not cached" and every write is dropped while Redis cannot be
reached, so pages, fragments and the page cache are served uncached instead of
failing. The connection and socket time-outs (settings.CACHES OPTIONS, 0.5 s) bound
one call; a circuit breaker (``breaker.py``) bounds a request to one such time-out
and skips Redis altogether for a while after a few, and reports the outage once a
minute with a count.

Every entry is written with a time to live (``LONGEST_SECONDS`` at most, also for
``timeout=None``), so Redis with ``maxmemory-policy allkeys-lru`` may evict any key:
nothing in Redis is the only copy of anything (the content version lives in the
database, ``version.py``). In front of Redis, each process keeps the entries it used
last in its own memory, bounded in bytes (``local.py``).
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from articles.caching.breaker import REDIS

__all__ = [
    "LONGEST_SECONDS",
    "TolerantRedisCache",
    "layered_get",
    "layered_get_many",
    "layered_set",
    "layered_set_many",
]

LONGEST_SECONDS = 7 * 24 * 3600  # the fragments' lifetime (fragments.py)

FAILURES = (RedisError, OSError)


def _soft(method, fallback):
    def instead(*args, **kwargs):
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    def call(self, *args, **kwargs):
        if not REDIS.allows():
            return instead(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except FAILURES as error:
            REDIS.failed(error)
            return instead(*args, **kwargs)
        REDIS.succeeded()
        return result

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


class TolerantRedisCache(RedisCache):
    get = _soft(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _soft(RedisCache.get_many, {})
    has_key = _soft(RedisCache.has_key, False)
    set = _soft(RedisCache.set, None)
    set_many = _soft(RedisCache.set_many, lambda data, *a, **k: list(data))
    add = _soft(RedisCache.add, False)
    touch = _soft(RedisCache.touch, False)
    delete = _soft(RedisCache.delete, False)
    delete_many = _soft(RedisCache.delete_many, None)

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        """Never "keep forever": a key without a time to live would outlast what
        it was computed from and, under a ``volatile-*`` policy, never be evicted."""
        seconds = super().get_backend_timeout(timeout)
        return LONGEST_SECONDS if seconds is None else min(seconds, LONGEST_SECONDS)


def _local():
    """This process's cache in front of a shared one ("local" in settings.CACHES);
    none when the default cache is this process's memory already."""
    from django.conf import settings
    from django.core.cache import caches

    if "local" not in settings.CACHES or isinstance(caches["default"], LocMemCache):
        return None
    return caches["local"]


def layered_get(key: str, timeout: int):
    """From this process's memory, else from the shared cache (then kept locally).
    Only for values whose key says which version they are: a copy can never be
    stale, so every process may keep one."""
    from django.core.cache import cache

    local = _local()
    found = local.get(key) if local else None
    if found is None:
        found = cache.get(key)
        if found is not None and local:
            local.set(key, found, timeout)
    return found


def layered_set(key: str, value, timeout: int) -> None:
    from django.core.cache import cache

    cache.set(key, value, timeout)
    if local := _local():
        local.set(key, value, timeout)


def layered_get_many(keys: list[str], timeout: int) -> dict:
    """``layered_get`` for several keys at once: one round trip to the shared cache
    for those this process does not hold."""
    from django.core.cache import cache

    local = _local()
    found = local.get_many(keys) if local else {}
    wanted = [key for key in keys if key not in found]
    if wanted:
        shared = cache.get_many(wanted)
        if shared and local:
            local.set_many(shared, timeout)
        found.update(shared)
    return found


def layered_set_many(values: dict, timeout: int) -> None:
    from django.core.cache import cache

    cache.set_many(values, timeout)
    if local := _local():
        local.set_many(values, timeout)
