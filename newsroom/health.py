"""``/gezond/``: the health check a load balancer asks before sending an app server
readers, and ``/gezond/?diep=1`` for monitoring (docs/operations.md).

Each tells the truth for its purpose:

- ``/gezond/``: can this process serve readers? 200 ``ok`` while it knows a content
  version, fresh or the last one known during a database outage (it serves what it
  cached, marked stale; articles/caching/version.py): no query while its copy is
  younger than CONTENT_VERSION_SECONDS, else one. 503 ``niet gezond`` only when it
  knows none and cannot ask (started during an outage, nothing in Redis): it could
  serve nothing but the 503 page. A database outage thus keeps every server in the
  load balancer, serving stale pages, instead of taking them all out at once.
- ``/gezond/?diep=1``: does the database answer? One ``SELECT 1``: 200 ``ok`` or
  503 ``niet gezond``. For monitoring and alerting, not for taking servers out.

The body says nothing else about the system: no versions, no error text (that goes
to the log).

It is answered by a middleware at the very front of MIDDLEWARE, so nothing else runs:
no page cache (a cached "ok" would hide an outage, and the page cache reads Redis), no
session, cookie, CSRF, language or Vary work, no HTTPS redirect (load balancers check
over plain HTTP inside the network) and no ALLOWED_HOSTS check (they send the
server's own address as Host; nothing here is built from the Host header, so there is
nothing to poison).

Redis is deliberately not checked. The site serves uncached pages when Redis is away
(articles/caching/layered.py); a check that failed with Redis would take every app
server out of the load balancer at once, turning a slower site into no site. (Redis
is read for the last version known only when the database is away and this process
knows none; the circuit breaker, articles/caching/breaker.py, bounds what that costs.)
"""

import contextlib
import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseNotAllowed

from articles.caching import version

__all__ = ["HEALTH_PATH", "HealthCheckMiddleware", "health"]

logger = logging.getLogger(__name__)

HEALTH_PATH = "/gezond/"


def health(request) -> HttpResponse:
    """The answer to ``GET /gezond/`` (``?diep=1``): 200 or 503, plain text, never
    stored."""
    deep = request.GET.get("diep") == "1"
    if request.method not in ("GET", "HEAD"):
        response = HttpResponseNotAllowed(["GET", "HEAD"])
    elif _database_answers() if deep else _can_serve():
        response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(
            "niet gezond\n", status=503, content_type="text/plain; charset=utf-8"
        )
    response["Cache-Control"] = "no-store"
    return response


def _can_serve() -> bool:
    """This process knows a content version to serve cached pages under."""
    try:
        version.current()
    except DatabaseError as error:
        logger.warning("Health check: no content version known: %s", error)
        return False
    return True


def _database_answers() -> bool:
    kept = connection.connection is not None
    for attempt in (1, 2):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            return True
        except DatabaseError as error:
            # Let the next check start afresh rather than reuse a broken connection.
            with contextlib.suppress(DatabaseError):
                connection.close()
            # A kept connection the database dropped (a restart) gets one new try;
            # a fresh connection that failed would only fail again, slower.
            if kept and attempt == 1 and not connection.in_atomic_block:
                continue
            logger.warning("Health check: the database does not answer: %s", error)
            return False
    return False


class HealthCheckMiddleware:
    """Answers HEALTH_PATH before any other middleware runs; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health(request)
        return self.get_response(request)
