"""The search page, /zoeken/?q=: never indexed, whatever was typed."""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.paging import NUMBER_PARAMETER
from articles.search import MAX_QUERY_LENGTH, search_articles


def _numbered_page(request: HttpRequest, articles) -> Page:
    """Page ``?pagina=N`` of the results; 404 for a page that does not exist. The
    count runs over the matches only (the stored vector's index finds them)."""
    paginator = Paginator(articles, settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get(NUMBER_PARAMETER) or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("Deze pagina bestaat niet.")) from None


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Published articles matching ``?q=``, a page at a time (``?pagina=N``).

    Template: articles/search.html; context: query (normalised, "" when nothing was
    asked), page (None without a query), hits (the page's articles with highlighted
    headline and lede) and max_length.
    """
    results = search_articles(request.GET.get("q", ""))
    page = _numbered_page(request, results.articles) if results.query else None
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
