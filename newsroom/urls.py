import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from articles.public import sitemaps, webapp

urlpatterns = [
    path("admin/", include("accounts.urls")),  # before the admin's own
    path("admin/", admin.site.urls),
    # The newsroom's own pages (flatpages): one Dutch URL each, no language prefix.
    path("", include("articles.public.pages")),
    # Outside i18n_patterns: one robots.txt and one set of sitemaps for the site.
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path("manifest.webmanifest", webapp.web_manifest, name="web-manifest"),
    path(
        "sitemap.xml", sitemaps.served_from_cache(sitemaps.index), name="sitemap-index"
    ),
    path(
        "sitemap-news.xml",
        sitemaps.served_from_cache(sitemap_views.sitemap),
        {"sitemaps": sitemaps.NEWS, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.served_from_cache(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SECTIONS},
        name="sitemap-section",
    ),
]
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("subscriptions.urls")),
    prefix_default_language=False,
)
if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

handler403 = "newsroom.errors.permission_denied"
handler500 = "newsroom.errors.server_error"
