"""schema.org JSON-LD for article pages, escaped so no field can end the script.

Pure: an article (with its relations loaded) in, a dict out; ``json_ld`` makes the
script element.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.dates import precise_iso
from articles.images.renditions import best
from articles.models import Article
from articles.public.pages import page_url

__all__ = [
    "SCHEMA_TYPES",
    "article_data",
    "breadcrumbs",
    "home_data",
    "json_ld",
    "local_iso",
    "modified_iso",
    "organization",
    "published_iso",
]

SCHEMA_TYPES = {
    Article.Kind.EXPLAINER: "BackgroundNewsArticle",
    Article.Kind.ANALYSIS: "AnalysisNewsArticle",
    Article.Kind.OPINION: "OpinionNewsArticle",
    Article.Kind.REPORTAGE: "ReportageNewsArticle",
}
# Characters that could end the script element or start HTML inside it.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def local_iso(moment):
    """ISO 8601 in Europe/Amsterdam, with its offset."""
    return timezone.localtime(moment).isoformat() if moment else None


def published_iso(article: Article) -> str | None:
    """The publication time as precise as it is known: ``2021-08``, ``2021-08-26``
    or the full local time (articles/dates.py)."""
    return precise_iso(article.publish_at, article.publish_precision)


def modified_iso(article: Article) -> str | None:
    """The last substantive update (a full time), else the publication time."""
    updated = article.shown_update_time
    return local_iso(updated) if updated else published_iso(article)


def absolute(path: str) -> str:
    return path if "://" in path else f"{settings.SITE_URL}{path}"


def organization() -> dict:
    """The newsroom as publisher, with its policies (the newsroom's own pages)."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 600,
            "height": 60,
        },
        "publishingPrinciples": absolute(page_url("over-ons")),
        "correctionsPolicy": absolute(page_url("correctiebeleid")),
        "masthead": absolute(page_url("colofon")),
    }


def home_data() -> dict:
    """The home page: the newsroom itself."""
    return {"@context": "https://schema.org", **organization()}


def _images(article: Article) -> list[str]:
    if not article.hero_id:
        return []
    found = [
        best(article.hero, kind=kind, format="jpeg") for kind in ("16:9", "4:3", "1:1")
    ]
    return [absolute(item["url"]) for item in found if item]


def article_data(article: Article) -> dict:
    """NewsArticle (or the subtype for the kind of work) with authors, images,
    dates with offset, publisher, section, topics and corrections."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(article.kind, "NewsArticle"),
        "headline": article.headline[:110],
        "description": article.lede,
        "inLanguage": article.language,
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "datePublished": published_iso(article),
        "dateModified": modified_iso(article),
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())}
            for a in article.authors.all()
        ],
        "publisher": organization(),
        "articleSection": article.section.name,
        "keywords": [topic.name for topic in article.topics.all()],
        "image": _images(article),
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": note.text,
                "datePublished": local_iso(note.at),
            }
            for note in article.notes.all()
            if note.kind == "correction"
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def breadcrumbs(article: Article) -> dict:
    items = [
        (settings.SITE_NAME, f"{settings.SITE_URL}/"),
        (article.section.name, absolute(article.section.get_absolute_url())),
        (article.headline, absolute(article.get_absolute_url())),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def json_ld(data: dict) -> SafeString:
    """``<script type="application/ld+json">``: text from editors can hold "</script>";
    after escaping < > & nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    safe = mark_safe(text)  # noqa: S308 (escaped just above)
    return format_html('<script type="application/ld+json">{}</script>', safe)
