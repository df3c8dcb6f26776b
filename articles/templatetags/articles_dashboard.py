"""The editors' dashboard on the admin index: what needs attention, per person."""

from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, ArticleNote, FailedTask
from embeds.models import Embed

register = template.Library()

# Longer lists live in the article list, where they can be filtered.
LIMIT = 20
RECENT = 10
WEEK = timedelta(days=7)


@register.inclusion_tag("admin/articles/dashboard.html")
def editor_dashboard(user) -> dict:
    """The lists for ``user``, each item linking to its change page: my drafts,
    in review, scheduled in the next seven days, recently published, corrections
    this week, and articles whose embedded posts have gone. Six queries; a seventh
    for the Hoofdredactie counts the tasks that gave up (``articles.admin.tasks``).

    Shows nothing to someone who may not view articles.
    """
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    now = timezone.now()
    articles = Article.objects.only(
        "pk", "headline", "status", "publish_at", "publish_precision", "modified_at"
    )
    mine = Q(created_by=user) | Q(authors__user=user)
    failed = (
        FailedTask.objects.count() if user.has_perm("articles.view_failedtask") else 0
    )
    return {
        "show": True,
        "failed_tasks": failed,
        "my_drafts": list(
            articles.filter(mine, status=Article.Status.DRAFT)
            .distinct()
            .order_by("-modified_at")[:LIMIT]
        ),
        "in_review": list(
            articles.filter(status=Article.Status.REVIEW).order_by("-modified_at")[
                :LIMIT
            ]
        ),
        "scheduled": list(
            articles.filter(
                status=Article.Status.PUBLISHED,
                publish_at__gt=now,
                publish_at__lte=now + WEEK,
            ).order_by("publish_at")[:LIMIT]
        ),
        "recently_published": list(
            articles.published(at=now).order_by("-publish_at", "-pk")[:RECENT]
        ),
        "corrections": list(
            ArticleNote.objects.filter(
                kind=ArticleNote.Kind.CORRECTION, at__gt=now - WEEK, at__lte=now
            )
            .select_related("article")
            .only("at", "text", "article__headline")
            .order_by("-at")[:LIMIT]
        ),
        "missing_embeds": list(
            articles.filter(embeds__in=Embed.objects.missing())
            .annotate(missing=Count("embeds"))
            .order_by("-publish_at", "-pk")[:LIMIT]
        ),
    }
