"""The whole-response cache for anonymous readers, and the headers CDNs and browsers
use.

An anonymous GET of a public page is served from the default cache (Redis when
REDIS_URL is set, with a copy in each process's memory in front of it, bounded in
bytes, else this process's memory) under a key that carries the content version
(``version.py``): any change readers could see moves the version on, in
the database, so every process and server stops serving what it cached before (each
within CONTENT_VERSION_SECONDS), and a page never outlives the next scheduled
publication. Cost of a hit: no query, one cache read (none from this process's own
memory). While the database is away, what was cached under the last version known
is served marked ``X-Cache: stale``; pages never cached get the Dutch 503.

The key (``keys.py``) names the host (lower case, no port), the path and only the
query parameters the page reads: ``?r=<random>`` is served from the same entry.

Only responses that are the same for every reader are stored: status 200, no cookie
set, no ``Vary: Cookie`` (the session was not touched), not private or no-store
(previews), not the admin. Requests whose session cookie names a real session
(editors, ``sessions.py``) always get a fresh page, marked private, and nothing is
stored for them; a made-up session cookie is an anonymous reader.

Headers, with PAGE_CACHE on: ``ETag`` and ``Last-Modified`` (the version's time),
with 304 answers (here for hits, by ConditionalGetMiddleware further in for fresh
pages); ``Cache-Control: public, max-age=0`` (browsers revalidate) with ``s-maxage``
and ``stale-while-revalidate`` for a CDN, capped at the next scheduled publication.
PAGE_CACHE off stores nothing and sets none of these (Django's
ConditionalGetMiddleware still adds an ETag). If Redis is down or stuck, pages are
served uncached, a circuit breaker bounds what each request waits for it, and the
outage is logged once a minute (``layered.py``, ``breaker.py``).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from articles.caching import version
from articles.caching.keys import page_key
from articles.caching.layered import layered_get, layered_set
from articles.caching.outage import DATABASE
from articles.caching.sessions import holds_session

# A view's cap on the shared lifetime of its page (the live poll), in seconds.
LIFETIME = "X-Cache-Lifetime"
_SKIPPED_HEADERS = {"set-cookie", "date", "cache-control", "last-modified", "age"}


def _never_cached(request) -> bool:
    return request.path.startswith(settings.PAGE_CACHE_EXCLUDE)


def _sent(response):
    """``response`` without the view's note to this middleware (X-Cache-Lifetime),
    where nothing is stored."""
    if response.has_header(LIFETIME):
        del response[LIFETIME]
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or _never_cached(request):
            return _sent(self.get_response(request))
        if holds_session(request):
            response = _sent(self.get_response(request))
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return _sent(self.get_response(request))

        state = version.current()
        request.shared_number = state.shared  # fragment keys (the navigation)
        key = page_key(request, state.number)
        if state.stale:
            return self._while_database_away(request, key)
        stored = None if key is None else self._get(key)
        if stored is not None:
            response = self._rebuild(stored)
            response["X-Cache"] = "hit"
            self._with_headers(response, state)
            # This middleware sits outside ConditionalGetMiddleware: 304s for hits
            # are answered here.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=int(state.changed_at.timestamp()),
                response=response,
            )

        response = self.get_response(request)
        if key and request.method == "GET" and self._storable(response):
            set_response_etag(response)
            self._set(key, self._freeze(response))
            response["X-Cache"] = "miss"
        if self._shared(response):
            self._with_headers(response, state)
        return response

    def _while_database_away(self, request, key):
        """The database cannot be asked: what was cached under the last version
        known is served, marked stale (and counted in the outage's report); a page
        never cached goes to its view, which answers the Dutch 503. Nothing is
        stored meanwhile."""
        stored = None if key is None else self._get(key)
        if stored is None:
            return self.get_response(request)
        DATABASE.occurred(version.unavailable_reason(), outcome="a stale page")
        response = self._rebuild(stored)
        response["X-Cache"] = "stale"
        # A CDN asks again on every request, so it has the fresh page as soon as
        # we can render one.
        response["Cache-Control"] = "public, max-age=0, s-maxage=0"
        return response

    @staticmethod
    def _get(key: str):
        return layered_get(key, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def _set(key: str, stored) -> None:
        layered_set(key, stored, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def _shared(response) -> bool:
        """The same for every reader: safe for a shared cache."""
        if response.status_code not in (200, 304) or response.streaming:
            return False
        if response.cookies:
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
        if "cookie" in vary or "*" in vary:
            return False
        control = response.get("Cache-Control", "").lower()
        return not any(w in control for w in ("private", "no-store", "no-cache"))

    def _storable(self, response) -> bool:
        return response.status_code == 200 and self._shared(response)

    @staticmethod
    def _freeze(response) -> tuple:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIPPED_HEADERS
        ]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    @staticmethod
    def _with_headers(response, state: version.State):
        """Validators and the CDN's lifetime, never beyond the next scheduled
        publication."""
        # A view may ask shared caches to keep it for less (the live poll): the
        # header is stored with the response, never sent on.
        asked = response.get(LIFETIME)
        _sent(response)
        if not PageCacheMiddleware._shared(response):
            return response
        response["Last-Modified"] = http_date(state.changed_at.timestamp())
        lifetime = settings.PAGE_CACHE_CDN_SECONDS
        if asked is not None:
            lifetime = min(lifetime, int(asked))
        if state.next_change_at is not None:
            until = (state.next_change_at - timezone.now()).total_seconds()
            lifetime = max(0, min(lifetime, int(until)))
        stale = settings.PAGE_CACHE_STALE_SECONDS if lifetime else 0
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={lifetime}, stale-while-revalidate={stale}"
        )
        return response
