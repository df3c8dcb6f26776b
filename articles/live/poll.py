"""The poll endpoint: what a reader's open live page has not shown yet.

``/artikel/<slug>/live/nieuw/?na=<cursor>`` answers JSON: ``count`` (entries newer
than the cursor, at most POLL_LIMIT), ``html`` (those entries newest first, rendered
with the page's own template), ``label`` (the button's text, "2 nieuwe berichten"),
``cursor`` (where to ask from once they are shown) and ``closed``.

Every reader whose page shows the same newest entry asks the same URL, so the page
cache (articles/caching/middleware.py) answers all but the first of them without a
query (the process knows the content version) and with a 304 when their copy is
still current. A new or
changed entry moves the content version on; shared caches keep an answer at most
LIVE_POLL_SECONDS (``X-Cache-Lifetime``). Uncached, an answer costs a fixed number
of queries, however many entries the blog holds.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.live.pages import is_closed, new_entries_label, prepared, visible_entries
from articles.live.paging import entry_cursor, newer_than, parse_cursor
from articles.models import Article
from articles.public.paging import NEWER

__all__ = ["POLL_LIMIT", "live_poll"]

# A reader back after a long absence gets the newest POLL_LIMIT; the page itself,
# reloaded, has the rest.
POLL_LIMIT = 50


@require_safe
def live_poll(request: HttpRequest, slug: str) -> JsonResponse:
    """The entries of live article ``slug`` newer than ``?na=``; 404 for an article
    a reader may not see, one that is not live, or a bad cursor."""
    cursor = parse_cursor(request.GET.get(NEWER))
    found = (
        Article.objects.published()
        .filter(slug=slug, kind=Article.Kind.LIVE)
        .only("pk", "slug", "kind", "live_closed_at")
        .order_by()[:1]
    )
    if not found:
        raise Http404(_("Dit artikel bestaat niet."))
    article = found[0]
    newer = list(
        visible_entries(article)
        .filter(newer_than(cursor))
        .order_by("-published_at", "-pk")[:POLL_LIMIT]
    )
    for entry in newer:
        entry.article = article  # the anchor's URL needs no query
    html = render_to_string(
        "articles/parts/live_entries.html", {"entries": prepared(newer)}, request
    ).strip()
    response = JsonResponse(
        {
            "count": len(newer),
            "html": html,
            "label": new_entries_label(len(newer)) if newer else "",
            "cursor": entry_cursor(newer[0]).encode() if newer else cursor.encode(),
            "closed": is_closed(article),
        }
    )
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.LIVE_POLL_SECONDS
    )
    response["X-Cache-Lifetime"] = str(settings.LIVE_POLL_SECONDS)
    return response
