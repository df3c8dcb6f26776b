"""Sitemaps for search engines, and the robots.txt that points at them.

``/sitemap.xml`` indexes one sitemap per kind of page (``/sitemap-artikelen.xml``
and so on, articles in pages of 1000); ``/sitemap-news.xml`` lists the articles of
the last two days for Google News. Only ``Article.objects.published()`` reaches a
sitemap, and a section, topic or author shows the time of its newest visible article.

Django's sitemaps framework takes the domain from django.contrib.sites, or else from
the request's host. We have no sites framework (one site, its address in one
setting), so every sitemap here answers ``get_protocol`` and ``get_domain`` from
``settings.SITE_URL``, and the index, which Django builds from the request's host,
is our own small view.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Author, Section, Topic

__all__ = [
    "NEWS",
    "SECTIONS",
    "ArticleSitemap",
    "AuthorSitemap",
    "NewsSitemap",
    "SectionSitemap",
    "SiteSitemap",
    "TopicSitemap",
    "index",
    "robots_txt",
]

NEWS_WINDOW = timedelta(days=2)  # Google News reads articles of the last two days
NEWS_LIMIT = 1000  # and at most this many per sitemap


class SiteSitemap(Sitemap):
    """A sitemap whose URLs start with settings.SITE_URL, whatever the request."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    limit = 1000

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.shown_update_time or article.publish_at

    def get_latest_lastmod(self):
        # One aggregate instead of loading every article, as Django's default would.
        latest = Greatest("publish_at", Coalesce("updated_at", "publish_at"))
        return Article.objects.published().aggregate(latest=Max(latest))["latest"]


def _newest_publication(**scope):
    """The publish time of the newest visible article matching ``scope``."""
    newest = Article.objects.published().filter(**scope).order_by("-publish_at")
    return Subquery(newest.values("publish_at")[:1])


class ListingSitemap(SiteSitemap):
    """Pages that list articles, with the publish time of their newest one as lastmod.

    ``lookup`` is how an article points at an item; ``only_with_articles`` leaves out
    items without a visible article (an empty page, or a hidden article's trace).
    """

    model = None
    lookup = ""
    only_with_articles = True

    def items(self):
        items = self.model.objects.annotate(
            newest=_newest_publication(**{self.lookup: OuterRef("pk")})
        )
        if self.only_with_articles:
            items = items.filter(newest__isnull=False)
        return items

    def lastmod(self, item):
        return item.newest

    def get_latest_lastmod(self):
        return max((item.newest for item in self.items() if item.newest), default=None)


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
        for page in range(2, sitemap.paginator.num_pages + 1):
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
