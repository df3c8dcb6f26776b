"""Django's Redis cache, made to fail soft: a Redis that is down or stuck is a miss.

Every read answers "not cached" and every write is dropped while Redis cannot be
reached, so pages, fragments and the page cache are served uncached instead of
failing; a warning is logged at most once a minute per process. The connection and
socket time-outs (settings.CACHES OPTIONS) bound what a reader waits.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

__all__ = ["TolerantRedisCache", "report_unavailable"]

FAILURES = (RedisError, OSError)
_last_warning: list[float | None] = [None]


def report_unavailable(error: Exception) -> None:
    """Log that the cache failed, at most once a minute per process."""
    now = time.monotonic()
    if _last_warning[0] is None or now - _last_warning[0] >= 60:
        _last_warning[0] = now
        logger.warning("Cache unavailable, serving uncached: %s", error)


def _soft(method, fallback):
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            report_unavailable(error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

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
