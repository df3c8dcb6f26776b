"""Purge hooks for a CDN or reverse proxy in front of the site
(settings.PAGE_CACHE_PURGE).

A hook is called after each committed change with the paths that changed (e.g.
``/artikel/…/``, ``/``, feeds, sitemaps) and surrogate keys (``article-12``,
``section-3``, ``lists``…). ``nothing`` is the default: without a CDN the page cache
needs no purging (it is versioned). ``http_purge`` sends Varnish-style requests to
PAGE_CACHE_PURGE_URL: ``PURGE <path>`` for each path, and one ``PURGE /`` carrying the
keys in ``Surrogate-Key`` and ``xkey-purge`` headers for caches that tag by key.
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

__all__ = ["LEGACY_HOOKS", "http_purge", "nothing", "purge"]

TIMEOUT = 2
# The hooks' dotted paths before they moved here from the project package; settings
# written for those releases keep working.
LEGACY_HOOKS = {
    "newsroom.purge.nothing": "articles.caching.purge.nothing",
    "newsroom.purge.http_purge": "articles.caching.purge.http_purge",
}


def purge(urls: list[str], keys: list[str]) -> None:
    """Call settings.PAGE_CACHE_PURGE; a failing CDN never fails the change."""
    name = LEGACY_HOOKS.get(settings.PAGE_CACHE_PURGE, settings.PAGE_CACHE_PURGE)
    hook = import_string(name)
    try:
        hook(urls, keys)
    except Exception:
        logger.exception("Purge hook %s failed for %s", name, urls)


def nothing(urls: list[str], keys: list[str]) -> None:
    """No CDN: nothing to purge."""


def http_purge(urls: list[str], keys: list[str]) -> None:
    base = settings.PAGE_CACHE_PURGE_URL.rstrip("/")
    if urlsplit(base).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            "PAGE_CACHE_PURGE_URL must be an http(s) address for http_purge, "
            f"not {base!r}."
        )
    host = urlsplit(settings.SITE_URL).netloc
    requests = [
        urllib.request.Request(base + path, method="PURGE", headers={"Host": host})  # noqa: S310 (scheme checked)
        for path in urls
    ]
    if keys:
        joined = " ".join(keys)
        requests.append(
            urllib.request.Request(  # noqa: S310 (scheme checked)
                base + "/",
                method="PURGE",
                headers={"Host": host, "Surrogate-Key": joined, "xkey-purge": joined},
            )
        )
    failed = 0
    for request in requests:
        try:
            urllib.request.urlopen(request, timeout=TIMEOUT).close()  # noqa: S310
        except urllib.error.HTTPError as error:
            if error.code != 404:  # not cached there: nothing to purge
                failed += 1
        except OSError:
            failed += 1
    if failed:
        logger.warning(
            "Purging %d of %d requests at %s failed", failed, len(requests), base
        )
