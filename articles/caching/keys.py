"""The page cache's key for a request: one entry per page readers can tell apart.

A key names the content version, the host name (lower case, without the port: Django
has checked it against ALLOWED_HOSTS), the path, and only the query parameters the
page reads (``PARAMETERS``). Anything else a request adds (``?r=<random>``,
``?utm_source=``, a port, ``Example.ORG``) lands on the same entry, so it can neither
grow the caches nor force a fresh render.

``PARAMETERS`` names every public route, by URL name, with the parameters its view
reads; ``tests/caching/test_page_keys.py`` fails when a route is added without an
entry here. A route missing anyway is served uncached when the request has a query
string (never from a key that might leave out what the page depends on).
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import translation

__all__ = ["PARAMETERS", "page_key", "route_of"]

# The lists' cursors (articles/public/paging.py: OLDER, NEWER).
_CURSORS = ("voor", "na")
# Each public route and the query parameters its view reads; () reads none.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "articles:home": _CURSORS,
    "articles:section": _CURSORS,
    "articles:topic": _CURSORS,
    "articles:author": _CURSORS,
    # paging.NUMBER_PARAMETER, and public/views.ORDER_PARAMETER (newest first)
    "articles:search": ("q", "pagina", "volgorde"),
    "articles:article": _CURSORS,  # a live article's stream (articles/live/)
    "articles:live_poll": ("na",),
    "articles:live_rss": (),
    "articles:live_atom": (),
    "articles:preview": (),  # never stored (private, no-store), listed for the test
    **{
        f"articles:{owner}feed{atom}": ()
        for owner in ("", "section-", "topic-", "author-")
        for atom in ("", "-atom")
    },
    "sitemap-index": (),
    "sitemap-section": ("p",),  # Django's sitemap view: ?p=<page>
    "sitemap-news": ("p",),
    "robots-txt": (),
    "web-manifest": (),
    # Following by e-mail: never stored (never_cache), listed for the test.
    **{
        f"subscriptions:{name}": ()
        for name in ("follow", "sent", "confirm", "manage", "unsubscribe")
    },
    **{
        f"pages:{slug}": ()
        for slug in ("over-ons", "colofon", "correctiebeleid", "privacy", "contact")
    },
}


def route_of(path: str) -> str | None:
    """The URL name ``path`` is served by (``articles:home``), None for no route.
    Resolved in the path's own language, as LocaleMiddleware will (it has not run
    yet): ``/en/…`` only matches with English active."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


def page_key(request, number: int) -> str | None:
    """The cache key of ``request``'s page at content version ``number``; None
    when the page must not come from the cache (a route missing from PARAMETERS,
    asked with a query string)."""
    route = route_of(request.path_info)
    if route in PARAMETERS:
        names = PARAMETERS[route]
    elif route and request.GET:
        return None
    else:  # no route: a 404 whatever the parameters (404s are never stored)
        names = ()
    kept = [
        (name, value) for name in sorted(names) for value in request.GET.getlist(name)
    ]
    host, _port = split_domain_port(request.get_host())
    what = "\n".join((host, request.path, urlencode(kept)))
    return f"page:{number}:{hashlib.sha256(what.encode()).hexdigest()[:32]}"
