"""The articles' part of the audit trail (accounts' Logboek and audit events).

The Logboek lists status changes (``Transition``) and updates and corrections
(``ArticleNote``) beside logins and account changes: the two sources below are
registered with ``accounts.logbook``. Deleting a note or an article leaves an audit
event (``accounts.audit.record``), since no other record keeps it. ``connect()`` is
called once from the app config.
"""

from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import logbook
from accounts.audit import record
from accounts.logbook import Entry, Source
from accounts.models import AuditEvent
from articles.models import Article, ArticleNote, Transition

__all__ = ["connect"]

S = Article.Status


def _article_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])


class Transitions(Source):
    kinds = {
        "published": _("gepubliceerd"),
        "scheduled": _("ingepland"),
        "unpublished": _("teruggetrokken"),
        "status": _("andere statuswijziging"),
    }
    SCHEDULED = Q(to_status=S.PUBLISHED, publish_at__gt=F("at"))
    FILTERS = {
        "published": Q(to_status=S.PUBLISHED) & ~SCHEDULED,
        "scheduled": SCHEDULED,
        "unpublished": Q(to_status=S.UNPUBLISHED),
        "status": Q(to_status__in=[S.DRAFT, S.REVIEW]),
    }

    def queryset(self, kind, username):
        rows = Transition.objects.select_related("article", "actor").order_by(
            "-at", "-pk"
        )
        if kind:
            rows = rows.filter(self.FILTERS[kind])
        return rows.filter(actor__username=username) if username else rows

    def entry(self, row):
        if row.to_status == S.PUBLISHED:
            scheduled = row.publish_at is not None and row.publish_at > row.at
            kind = "scheduled" if scheduled else "published"
        elif row.to_status == S.UNPUBLISHED:
            kind = "unpublished"
        else:
            kind = "status"
        detail = f"{S(row.from_status).label} → {S(row.to_status).label}"
        if row.reason:
            detail += f": {row.reason}"
        return Entry(
            row.at,
            kind,
            row.actor.get_username() if row.actor else "",
            subject=row.article.headline,
            url=_article_url(row.article_id),
            detail=detail,
        )


class Notes(Source):
    kinds = {"correction": _("correctie"), "update": _("update")}

    def queryset(self, kind, username):
        rows = ArticleNote.objects.select_related("article", "author").order_by(
            "-at", "-pk"
        )
        if kind:
            rows = rows.filter(kind=kind)
        return rows.filter(author__username=username) if username else rows

    def entry(self, row):
        return Entry(
            row.at,
            row.kind,
            row.author.get_username() if row.author else "",
            subject=row.article.headline,
            url=_article_url(row.article_id),
            detail=row.text,
        )


def _note_deleted(sender, instance, **kwargs):
    headline = (
        Article.objects.filter(pk=instance.article_id)
        .values_list("headline", flat=True)
        .first()
    )
    record(
        AuditEvent.Kind.NOTE_DELETED,
        subject=headline or f"#{instance.article_id}",
        detail=f"{instance.get_kind_display()}: {instance.text}",
    )


def _article_deleted(sender, instance, **kwargs):
    record(
        AuditEvent.Kind.ARTICLE_DELETED,
        subject=instance.headline,
        detail=instance.get_status_display(),
    )


def connect() -> None:
    logbook.register(Transitions())
    logbook.register(Notes())
    uid = "articles.audit"
    post_delete.connect(_note_deleted, sender=ArticleNote, dispatch_uid=uid)
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=uid)
