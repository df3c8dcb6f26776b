"""The page behind a preview link: the article exactly as readers will see it.

Never cached, never indexed, and the token never leaves in a Referer header.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from articles.public.views import article_response
from articles.services.previews import PreviewRefused, resolve_preview

PRIVATE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}


@require_safe
def preview(request: HttpRequest, signed: str) -> HttpResponse:
    """A draft, article in review or scheduled article with a "Voorbeeld" banner.

    The public page (articles.public.views.article_response) with ``preview=True``.
    Once the article is visible the link redirects (302) to its public page; once
    it is withdrawn or deleted it answers articles/gone.html (410), as the public
    URL does. Any other refused link gets articles/preview_refused.html (403) with
    ``reason``: invalid, revoked or expired.
    """
    try:
        link = resolve_preview(signed)
    except PreviewRefused as refused:
        if refused.reason == PreviewRefused.PUBLISHED:
            response = redirect(refused.url)
        elif refused.reason == PreviewRefused.GONE:
            response = render(request, "articles/gone.html", status=410)
        else:
            response = render(
                request,
                "articles/preview_refused.html",
                {"reason": refused.reason},
                status=403,
            )
    else:
        response = article_response(request, link.article, preview=True)
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response
