"""The search page, /zoeken/?q=: never indexed, whatever was typed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.search import MAX_QUERY_LENGTH, search_articles
from articles.views import _page


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Published articles matching ``?q=``, a page at a time (``?pagina=N``).

    Template: articles/search.html; context: query (normalised, "" when nothing was
    asked), page (None without a query), hits (the page's articles with highlighted
    headline and lede) and max_length.
    """
    results = search_articles(request.GET.get("q", ""))
    page = _page(request, results.articles) if results.query else None
    response = render(
        request,
        "articles/search.html",
        {
            "query": results.query,
            "page": page,
            "hits": results.hits(page.object_list) if page else [],
            "max_length": MAX_QUERY_LENGTH,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
