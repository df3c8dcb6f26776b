"""Sitemaps for search engines, and the robots.txt that points at them.

``/sitemap.xml`` indexes one sitemap per kind of page (``/sitemap-artikelen.xml``
and so on); ``/sitemap-news.xml`` lists the articles of the last two days for Google
News. Only ``Article.objects.published()`` reaches a sitemap, and a section, topic or
author shows the time of its newest visible article.

Articles come a month of publication per page: ``/sitemap-artikelen.xml`` is the
newest month with a visible article, ``?p=2025-08`` any earlier one back to the
oldest. No request counts or reads every article: the months come from the oldest
and newest publication time, a page reads one month through the lists' index.

Django's sitemaps framework takes the domain from django.contrib.sites, or else from
the request's host. We have no sites framework (one site, its address in one
setting), so every sitemap here answers ``get_protocol`` and ``get_domain`` from
``settings.SITE_URL``, and the index, which Django builds from the request's host,
is our own small view.

Every sitemap is served from the cache (``served_from_cache``): stored per content
version, so a publication, update or withdrawal shows at once, and never kept past
the next scheduled publication nor longer than ``SITEMAP_SECONDS`` (the news
sitemap's two days move on with the clock, not with the version).
"""

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property, wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Min, OuterRef, QuerySet, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation

from articles.caching import version
from articles.caching.layered import layered_get, layered_set
from articles.models import Article, Author, Section, Topic

__all__ = [
    "NEWS",
    "SECTIONS",
    "ArticleSitemap",
    "AuthorSitemap",
    "MonthPages",
    "NewsSitemap",
    "SectionSitemap",
    "SiteSitemap",
    "TopicSitemap",
    "index",
    "robots_txt",
    "served_from_cache",
]

NEWS_WINDOW = timedelta(days=2)  # Google News reads articles of the last two days
NEWS_LIMIT = 1000  # and at most this many per sitemap
SITEMAP_SECONDS = 300  # the longest a stored sitemap is served
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class SiteSitemap(Sitemap):
    """A sitemap whose URLs start with settings.SITE_URL, whatever the request."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def later_pages(self) -> list:
        """The ``?p=`` of every page after the first, for the index."""
        return list(range(2, self.paginator.num_pages + 1))


@dataclass(frozen=True)
class MonthPage:
    object_list: QuerySet
    label: str


def _month_start(year: int, month: int) -> datetime:
    return timezone.make_aware(datetime(year, month, 1))


class MonthPages:
    """Django's sitemap paginator with a page per month of publication (in
    settings.TIME_ZONE) of ``articles``, published from ``oldest`` to ``newest``:
    page 1 is the newest month, ``"2025-08"`` names any month from there back to the
    oldest (a month without articles is an empty page). Anything else is
    PageNotAnInteger, a month outside that span EmptyPage: the sitemap view's 404s.
    """

    def __init__(self, articles: QuerySet, *, oldest, newest):
        self.articles = articles
        self.oldest, self.newest = oldest, newest

    @cached_property
    def labels(self) -> list[str]:
        """``"YYYY-MM"`` of each month, newest first."""
        if self.newest is None:
            return []
        oldest = timezone.localtime(self.oldest)
        newest = timezone.localtime(self.newest)
        year, month = newest.year, newest.month
        labels = []
        while (year, month) >= (oldest.year, oldest.month):
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return labels

    @property
    def num_pages(self) -> int:
        return max(len(self.labels), 1)

    def page(self, number) -> MonthPage:
        if number in (1, "1"):
            if not self.labels:
                return MonthPage(self.articles.none(), "")
            number = self.labels[0]
        found = _MONTH.fullmatch(number) if isinstance(number, str) else None
        if found is None:
            raise PageNotAnInteger(number)
        if number not in self.labels:
            raise EmptyPage(number)
        year, month = int(found[1]), int(found[2])
        start = _month_start(year, month)
        stop = _month_start(year + month // 12, month % 12 + 1)
        return MonthPage(
            self.articles.filter(publish_at__gte=start, publish_at__lt=stop), number
        )


class ArticleSitemap(SiteSitemap):
    """Every visible article, a page per month of publication (MonthPages)."""

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    @cached_property
    def span(self) -> dict:
        """The oldest and newest publication and the newest update: one query, three
        index probes, however many articles."""
        return Article.objects.published().aggregate(
            oldest=Min("publish_at"),
            newest=Max("publish_at"),
            updated=Max("updated_at"),
        )

    @cached_property
    def paginator(self):
        return MonthPages(
            self.items(), oldest=self.span["oldest"], newest=self.span["newest"]
        )

    def later_pages(self) -> list:
        return self.paginator.labels[1:]

    def lastmod(self, article):
        return article.shown_update_time or article.publish_at

    def get_latest_lastmod(self):
        # Per article the later of publication and update, so overall the later of
        # the newest of each.
        times = [self.span["newest"], self.span["updated"]]
        return max((time for time in times if time is not None), default=None)


def _newest_publication(**scope):
    """The publish time of the newest visible article matching ``scope``."""
    newest = Article.objects.published().filter(**scope).order_by("-publish_at")
    return Subquery(newest.values("publish_at")[:1])


class ListingSitemap(SiteSitemap):
    """Pages that list articles, with the publish time of their newest one as lastmod.

    ``lookup`` is how an article points at an item; ``only_with_articles`` lists only
    the model's ``public()`` items, as their pages do: an item without a visible
    article would be an empty page, or a hidden article's trace.
    An item's newest article is looked up for the items listed; the index only
    counts them and asks for the newest of all (``summary``).
    """

    model = None
    lookup = ""
    only_with_articles = True

    def _listed(self):
        if not self.only_with_articles:
            return self.model.objects.all()
        # Topics and authors: the same rule as their pages (approved topics only).
        return self.model.objects.public()

    def items(self):
        scope = {self.lookup: OuterRef("pk")}
        return self._listed().annotate(newest=_newest_publication(**scope))

    @cached_property
    def paginator(self):
        # Sections, topics and authors number thousands at most: one query, counted
        # in Python, rather than a count that asks each item for its articles too.
        return Paginator(list(self.items()), self.limit)

    def lastmod(self, item):
        return item.newest

    @cached_property
    def summary(self) -> dict:
        """How many items there are, and the newest visible article that has one
        (read once, from the newest end of the lists' index): one query."""
        newest = (
            Article.objects.published()
            .filter(**{f"{self.lookup}__isnull": False})
            .order_by("-publish_at")
            .values("publish_at")[:1]
        )
        rows = list(self._listed().values_list(Subquery(newest), flat=True))
        return {"count": len(rows), "newest": rows[0] if rows else None}

    def get_latest_lastmod(self):
        return self.summary["newest"]

    def later_pages(self) -> list:
        return list(range(2, math.ceil(self.summary["count"] / self.limit) + 1))


class SectionSitemap(ListingSitemap):
    model = Section
    lookup = "section"
    only_with_articles = False  # every section is in the navigation anyway


class TopicSitemap(ListingSitemap):
    model = Topic
    lookup = "topics"


class AuthorSitemap(ListingSitemap):
    model = Author
    lookup = "authors"


class NewsSitemap(SiteSitemap):
    """Articles published in the last NEWS_WINDOW, newest first, at most NEWS_LIMIT.

    Rendered with templates/sitemaps/news.xml, which reads ``url.item``.
    """

    limit = NEWS_LIMIT

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(at=now)
            .filter(publish_at__gte=now - NEWS_WINDOW)
            .only("pk", "slug", "headline", "language", "publish_at")
            .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
        )


# The sections of /sitemap.xml, by the name in /sitemap-<name>.xml.
SECTIONS = {
    "artikelen": ArticleSitemap,
    "secties": SectionSitemap,
    "onderwerpen": TopicSitemap,
    "auteurs": AuthorSitemap,
}
NEWS = {"news": NewsSitemap}


def served_from_cache(view):
    """``view`` (a sitemap), its 200 answers stored per content version, path and
    page (``?p=``), in the shared cache and this process's memory: a sitemap asked
    again costs no query. Kept at most SITEMAP_SECONDS and never past the next
    scheduled publication; served fresh while the version is stale (the database
    away)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        state = version.current()
        now = timezone.now()
        seconds = SITEMAP_SECONDS
        if state.next_change_at is not None:
            seconds = min(seconds, int((state.next_change_at - now).total_seconds()))
        if state.stale or seconds < 1:
            return view(request, *args, **kwargs)
        what = "\n".join([request.path, *request.GET.getlist("p")])
        digest = hashlib.sha256(what.encode()).hexdigest()[:32]
        key = f"sitemap:{state.number}:{digest}"
        found = layered_get(key, seconds)
        if found is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if hasattr(response, "render"):
                response.render()
            found = (response.content, dict(response.items()))
            layered_set(key, found, seconds)
        content, headers = found
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response

    return cached_view


@x_robots_tag
def index(request):
    """The sitemap index: each section of SECTIONS, a line per page, with its newest
    lastmod. Template: sitemap_index.xml (Django's); context: sitemaps.
    """
    entries = []
    for name, sitemap_class in SECTIONS.items():
        sitemap = sitemap_class()
        location = settings.SITE_URL + reverse(
            "sitemap-section", kwargs={"section": name}
        )
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in sitemap.later_pages():
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


def robots_txt(request):
    """robots.txt: crawl everything but the admin and preview links; both sitemaps."""
    lines = ["User-agent: *", "Allow: /", f"Disallow: {reverse('admin:index')}"]
    for code, _name in settings.LANGUAGES:  # /voorbeeld/ and /en/voorbeeld/
        with translation.override(code):
            preview = reverse("articles:preview", kwargs={"signed": "-"})
        lines.append(f"Disallow: {preview.removesuffix('-/')}")
    lines.append("")
    for name in ("sitemap-index", "sitemap-news"):
        lines.append(f"Sitemap: {settings.SITE_URL}{reverse(name)}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
