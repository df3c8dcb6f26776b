"""The article form as one screen for writing: what the side panel shows beside the
text (the checks that block publishing, the search-result and shared-link preview,
the body's length) and how a scheduled article reads in the form and the list.

The panel's figures change as the editor types (static/js/admin-article.js); what is
rendered here is the state the form opened with, and every Dutch word the script
shows."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.dates import precise_label
from articles.models import Article
from articles.services.workflow import publication_checks

__all__ = [
    "DESCRIPTION_LIMIT",
    "TITLE_LIMIT",
    "StatusFilter",
    "body_length",
    "first_publication",
    "first_published_shown",
    "publish_checks",
    "scheduled_label",
    "share_preview",
    "show_scheduled",
    "status_label",
]

S = Article.Status
# What a search engine shows of a title and a description, about (in characters).
TITLE_LIMIT = 60
DESCRIPTION_LIMIT = 155
# Words a reader reads in a minute: the reading time under the body.
WORDS_PER_MINUTE = 200


class StatusFilter(admin.SimpleListFilter):
    """The workflow's states, with scheduled apart from published: a published
    article whose time has not come is "ingepland" (``Article.is_scheduled``)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (S.DRAFT, S.DRAFT.label),
            (S.REVIEW, S.REVIEW.label),
            ("scheduled", _("ingepland")),
            (S.PUBLISHED, S.PUBLISHED.label),
            (S.UNPUBLISHED, S.UNPUBLISHED.label),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == "scheduled":
            return queryset.filter(status=S.PUBLISHED, publish_at__gt=now)
        if value == S.PUBLISHED:
            return queryset.filter(status=S.PUBLISHED, publish_at__lte=now)
        if value in (S.DRAFT, S.REVIEW, S.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


def first_published_shown(article: Article):
    """The first publication as the admin shows it: only once it has happened (a
    scheduled article has a first time on record, but no reader saw it yet)."""
    moment = article.first_published_at
    if moment is None or moment > timezone.now():
        return None
    return moment


def scheduled_label(article: Article) -> str:
    """ "26 augustus 2021, 14:30" for a scheduled article; empty otherwise."""
    if not article.is_scheduled:
        return ""
    return precise_label(article.publish_at, article.publish_precision)


def show_scheduled(form, article: Article | None) -> str:
    """The status choice of a scheduled article reads "ingepland"; returns the time
    (for the banner above the form), empty when the article is not scheduled."""
    when = scheduled_label(article) if article is not None else ""
    field = form.fields.get("status")
    if when and field is not None:
        label = _("ingepland: verschijnt %(when)s") % {"when": when}
        field.choices = [
            (value, label if value == S.PUBLISHED else text)
            for value, text in field.choices
        ]
    return when


@admin.display(description=_("status"), ordering="status")
def status_label(model_admin, article: Article):
    """The list's status: "ingepland" (with its time on hover) until it appears."""
    if article.is_scheduled:
        return format_html(
            '<span title="{}">{}</span>', scheduled_label(article), _("ingepland")
        )
    return article.get_status_display()


@admin.display(description=_("eerst gepubliceerd"))
def first_publication(model_admin, article: Article):
    """The first publication once it happened (never a scheduled time); the
    article's precision when it is that time."""
    moment = first_published_shown(article)
    same = moment is not None and moment == article.publish_at
    precision = article.publish_precision if same else Article.Precision.MINUTE
    return precise_label(moment, precision) or "-"


@admin.display(description=_("nodig voor publiceren"))
def publish_checks(model_admin, article: Article):
    """What is missing before the article can be published (the checks the form
    refuses a publication with), each item marked; the script keeps the ones it can
    see in the form (kop, intro, sectie, auteur) up to date."""
    checks = publication_checks(article)
    missing = sum(not present for _key, _name, present in checks)
    return format_html(
        '<div class="publish-checks" id="publish-checks">'
        '<p class="publish-checks-ready"{}>{}</p>'
        '<p class="publish-checks-todo"{}>{}</p><ul>{}</ul></div>',
        " hidden" if missing else "",
        _("Alles is er: dit artikel kan gepubliceerd worden."),
        "" if missing else " hidden",
        _("Dit ontbreekt nog:"),
        format_html_join(
            "",
            '<li data-check="{}" class="{}"><span class="publish-check-mark" '
            'aria-hidden="true"></span>{}<span class="visually-hidden">: {}</span>'
            "</li>",
            (
                (
                    key,
                    "is-done" if present else "is-missing",
                    name,
                    _("in orde") if present else _("ontbreekt"),
                )
                for key, name, present in checks
            ),
        ),
    )


@admin.display(description=_("lengte"))
def body_length(model_admin, article: Article):
    """Word count and reading time of the body, counted as the editor types."""
    return format_html(
        '<output class="body-stats" id="body-stats" aria-live="polite" '
        'data-words-one="{}" data-words-many="{}" data-minutes="{}" '
        'data-per-minute="{}">–</output>',
        _("woord"),
        _("woorden"),
        _("min. lezen"),
        WORDS_PER_MINUTE,
    )


@admin.display(description=_("voorbeeld"))
def share_preview(model_admin, article: Article):
    """How the article looks as a search result (title tag and meta description)
    and as a shared link (Open Graph), from the same fields the public page's head
    uses (templates/articles/parts/head.html), with the lengths search engines
    show."""
    host = urlsplit(settings.SITE_URL).netloc or settings.SITE_URL
    title = article.seo_title or article.headline
    description = article.seo_description or article.lede
    return format_html(
        '<div class="share-preview" id="share-preview" data-site="{site}" '
        'data-title-limit="{tl}" data-description-limit="{dl}" data-chars="{chars}" '
        'data-too-long="{too_long}">'
        '<p class="share-preview-caption">{serp_caption}</p>'
        '<div class="serp" aria-live="off">'
        '<span class="serp-url">{host} › artikel › <span data-preview="slug">{slug}'
        "</span></span>"
        '<span class="serp-title" data-preview="title">{title} · {site}</span>'
        '<span class="serp-description" data-preview="description">{description}'
        "</span></div>"
        '<p class="share-counters"><span>{title_label} <span data-counter="title">'
        '</span></span><span>{description_label} <span data-counter="description">'
        "</span></span></p>"
        '<p class="share-preview-caption">{card_caption}</p>'
        '<div class="share-card"><span class="share-card-host">{host}</span>'
        '<strong data-preview="share-title">{headline}</strong>'
        '<span data-preview="share-description">{description}</span></div>'
        '<p class="help">{explain}</p></div>',
        site=settings.SITE_NAME,
        tl=TITLE_LIMIT,
        dl=DESCRIPTION_LIMIT,
        chars=_("tekens"),
        too_long=_("te lang: wordt afgekapt"),
        serp_caption=_("Zo ziet een zoekresultaat eruit"),
        title_label=_("Titel:"),
        description_label=_("Omschrijving:"),
        host=host,
        slug=article.slug,
        title=title,
        description=description,
        card_caption=_("Zo ziet een gedeelde link eruit"),
        headline=article.headline,
        explain=_(
            "Zonder SEO-titel of -omschrijving gelden de kop en de intro. "
            "Zoekmachines tonen van de titel ongeveer %(title)s tekens, van de "
            "omschrijving ongeveer %(description)s."
        )
        % {"title": TITLE_LIMIT, "description": DESCRIPTION_LIMIT},
    )
