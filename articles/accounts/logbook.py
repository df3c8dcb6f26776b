"""The Logboek: one list, newest first, of who logged in or failed to, who was
locked out or unlocked, who published, scheduled, withdrew, corrected or updated,
and who changed accounts and roles.

It reads the records that already exist (django-axes' AccessLog and
AccessFailureLog, ``Transition``, ``ArticleNote``) and ``AuditEvent`` for the rest.
Each source is queried newest first for as many rows as the page needs and the
results are merged, so a page costs two queries per source, whatever its number.
"""

import heapq
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from axes.models import AccessFailureLog, AccessLog
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleNote, AuditEvent, Transition

__all__ = ["KINDS", "Entry", "Page", "page"]

S = Article.Status
KINDS = {
    "login": _("ingelogd"),
    "login_failed": _("inloggen mislukt"),
    "locked_out": _("vergrendeld"),
    "published": _("gepubliceerd"),
    "scheduled": _("ingepland"),
    "unpublished": _("teruggetrokken"),
    "status": _("andere statuswijziging"),
    "correction": _("correctie"),
    "update": _("update"),
    **{kind.value: kind.label for kind in AuditEvent.Kind},
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    username: str
    address: str = ""
    subject: str = ""
    url: str = ""
    detail: str = ""

    @property
    def kind_label(self):
        return KINDS[self.kind]


def _article_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])


class Source:
    """One kind of record: its rows as entries, filtered by kind and username."""

    kinds: tuple[str, ...] = ()

    def queryset(self, kind: str | None, username: str | None):
        raise NotImplementedError

    def entry(self, row) -> Entry:
        raise NotImplementedError


class Logins(Source):
    kinds = ("login",)

    def queryset(self, kind, username):
        rows = AccessLog.objects.order_by("-attempt_time", "-pk")
        return rows.filter(username=username) if username else rows

    def entry(self, row):
        return Entry(row.attempt_time, "login", row.username or "", row.ip_address)


class Failures(Source):
    kinds = ("login_failed", "locked_out")

    def queryset(self, kind, username):
        rows = AccessFailureLog.objects.order_by("-attempt_time", "-pk")
        if kind:
            rows = rows.filter(locked_out=kind == "locked_out")
        return rows.filter(username=username) if username else rows

    def entry(self, row):
        kind = "locked_out" if row.locked_out else "login_failed"
        return Entry(row.attempt_time, kind, row.username or "", row.ip_address)


class Transitions(Source):
    kinds = ("published", "scheduled", "unpublished", "status")
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
    kinds = ("correction", "update")

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


class Events(Source):
    kinds = tuple(AuditEvent.Kind.values)

    def queryset(self, kind, username):
        rows = AuditEvent.objects.order_by("-at", "-pk")
        if kind:
            rows = rows.filter(kind=kind)
        return rows.filter(actor_name=username) if username else rows

    def entry(self, row):
        return Entry(
            row.at, row.kind, row.actor_name, subject=row.subject, detail=row.detail
        )


SOURCES = (Logins(), Failures(), Transitions(), Notes(), Events())


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    number: int
    count: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))


def page(
    *, kind: str | None = None, username: str | None = None, number: int = 1,
    per_page: int = 100,
) -> Page:  # fmt: skip
    """Page ``number`` (from 1) of the entries of ``kind`` (a key of KINDS, or all)
    by ``username`` (or anyone), newest first. An unknown kind gives no entries."""
    sources = [s for s in SOURCES if kind is None or kind in s.kinds]
    querysets = [(s, s.queryset(kind, username)) for s in sources]
    count = sum(qs.count() for _s, qs in querysets)
    number = max(1, min(number, max(1, -(-count // per_page))))
    end = number * per_page
    streams = [map(s.entry, qs[:end]) for s, qs in querysets]
    merged = heapq.merge(*streams, key=lambda entry: entry.at, reverse=True)
    entries = list(islice(merged, end - per_page, end))
    return Page(entries, number, count, per_page)
