"""The caching's task: calling the CDN's purge hook from a worker, not the request.

``version.content_changed`` collects the URLs and keys a transaction touched and
enqueues one ``purge_pages`` when it commits. On commit, not inside it: the purge only
shortens how long a CDN keeps showing a page (our own page cache is versioned, and a
CDN keeps a page PAGE_CACHE_CDN_SECONDS at most), so a purge lost to a crash between
the commit and the enqueue costs a few minutes of an old page; in return a save that
fires a dozen signals leaves one row in the queue, not a dozen.
"""

from django.utils.translation import gettext_lazy as _

from articles.caching.purge import call_hook
from background.retry import retried_task

__all__ = ["purge_pages"]


@retried_task(label=_("CDN leegmaken"), about=_("{0}"))
def purge_pages(urls: list[str], keys: list[str]) -> int:
    """Hand ``urls`` and ``keys`` to settings.PAGE_CACHE_PURGE; a hook that raises
    (a CDN that did not answer) is tried again later. Returns how many URLs."""
    call_hook(urls, keys)
    return len(urls)
