"""Purge hooks for a CDN or reverse proxy in front of the site
(settings.PAGE_CACHE_PURGE).

A hook is called after each committed change with the paths that changed (e.g.
``/artikel/…/``, ``/``, feeds, sitemaps) and surrogate keys (``article-12``,
``section-3``, ``lists``…). ``nothing`` is the default: without a CDN the page cache
needs no purging (it is versioned). ``http_purge`` sends Varnish-style requests to
PAGE_CACHE_PURGE_URL: ``PURGE <path>`` for each path, and one ``PURGE /`` carrying the
keys in ``Surrogate-Key`` and ``xkey-purge`` headers for caches that tag by key.
All of one change's requests share one deadline, PURGE_DEADLINE seconds, that covers
resolving the CDN's name too (embeds.connections): a CDN or DNS that hangs costs a
change at most that, never a worker's whole timeout.
"""

import http.client
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from embeds.connections import pinned_connection, resolve

logger = logging.getLogger(__name__)

__all__ = ["LEGACY_HOOKS", "PurgeFailed", "call_hook", "http_purge", "nothing", "purge"]

MAX_ANSWER_BYTES = 64 * 1024
# The hooks' dotted paths before they moved here from the project package; settings
# written for those releases keep working.
LEGACY_HOOKS = {
    "newsroom.purge.nothing": "articles.caching.purge.nothing",
    "newsroom.purge.http_purge": "articles.caching.purge.http_purge",
}


class PurgeFailed(Exception):
    """Some purge requests failed: the purge task tries them again later."""


def call_hook(urls: list[str], keys: list[str]) -> None:
    """Call settings.PAGE_CACHE_PURGE; whatever it raises is raised (the task's
    retry decides what happens next)."""
    name = LEGACY_HOOKS.get(settings.PAGE_CACHE_PURGE, settings.PAGE_CACHE_PURGE)
    import_string(name)(urls, keys)


def purge(urls: list[str], keys: list[str]) -> None:
    """Call settings.PAGE_CACHE_PURGE now; a failing CDN never fails the caller."""
    try:
        call_hook(urls, keys)
    except PurgeFailed:
        pass  # http_purge has logged what failed
    except Exception:
        logger.exception("Purge hook %s failed for %s", settings.PAGE_CACHE_PURGE, urls)


def nothing(urls: list[str], keys: list[str]) -> None:
    """No CDN: nothing to purge."""


def http_purge(urls: list[str], keys: list[str]) -> None:
    """PURGE each path, then the keys, at PAGE_CACHE_PURGE_URL, all within one
    PURGE_DEADLINE (name resolution included); what is left when it passes is counted
    as failed."""
    base = settings.PAGE_CACHE_PURGE_URL.rstrip("/")
    target = urlsplit(base)
    if target.scheme not in ("http", "https") or not target.hostname:
        raise ImproperlyConfigured(
            "PAGE_CACHE_PURGE_URL must be an http(s) address for http_purge, "
            f"not {base!r}."
        )
    host = urlsplit(settings.SITE_URL).netloc
    requests = [(target.path + path, {"Host": host}) for path in urls]
    if keys:
        joined = " ".join(keys)
        headers = {"Host": host, "Surrogate-Key": joined, "xkey-purge": joined}
        requests.append((target.path + "/", headers))
    deadline = time.monotonic() + settings.PURGE_DEADLINE
    port = target.port or (443 if target.scheme == "https" else 80)
    failed = 0
    try:
        # Resolved once for the whole batch: the CDN is ours, any address is fine.
        infos = resolve(target.hostname, port, deadline=deadline)
        addresses = list(dict.fromkeys((info[0], info[4]) for info in infos))
    except (OSError, UnicodeError):  # TimeoutError is an OSError
        addresses, failed = [], len(requests)
    for number, (path, headers) in enumerate(requests if addresses else []):
        try:
            status = _send(target, port, addresses, path, headers, deadline)
        except TimeoutError:
            failed += len(requests) - number  # this one and every one after it
            break
        except (OSError, http.client.HTTPException):
            failed += 1
            continue
        if not (200 <= status < 300 or status == 404):  # 404: not cached there
            failed += 1
    if failed:
        logger.warning(
            "Purging %d of %d requests at %s failed", failed, len(requests), base
        )
        raise PurgeFailed(f"{failed} van {len(requests)} verzoeken aan {base} mislukt")


def _send(target, port, addresses, path: str, headers: dict, deadline: float) -> int:
    """One PURGE request on its own connection; the answer's status."""
    connection = pinned_connection(
        target.scheme, target.hostname, port, addresses=addresses, deadline=deadline
    )
    try:
        connection.request("PURGE", path or "/", headers=headers)
        response = connection.getresponse()
        response.read(MAX_ANSWER_BYTES)  # what the cache says is of no interest
        return response.status
    finally:
        connection.close()
