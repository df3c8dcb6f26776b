"""Keyset pagination for the public lists: home, section, topic and author pages.

A list is ordered ``-publish_at, -pk`` (``ArticleQuerySet.for_listing()``). Page one
has no parameter; the others name the article at their edge in a signed cursor:
``?voor=<cursor>`` lists the articles older than it, ``?na=<cursor>`` the articles
newer than it. A page is one query (the cursor's side, one row more than fits, and
two scalar subqueries about the other side), however deep it lies: no COUNT(*), no
OFFSET. A malformed, tampered or exhausted cursor is a 404.

Search results keep numbered pages (``?pagina=N``, Django's Paginator): they are
ranked, not ordered by time, and counted over the matches only.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

__all__ = [
    "NEWER",
    "NUMBER_PARAMETER",
    "OLDER",
    "PARAMETERS",
    "Cursor",
    "KeysetPage",
    "keyset_page",
]

OLDER = "voor"  # ?voor=<cursor>: the articles published before the cursor's
NEWER = "na"  # ?na=<cursor>: the articles published after it
PARAMETERS = (OLDER, NEWER)
NUMBER_PARAMETER = "pagina"  # ?pagina=N: numbered pages, for search results only
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SIGNER = signing.Signer(salt="articles.public.paging.cursor")


@dataclass(frozen=True)
class Cursor:
    """A position in a list: the publish time and primary key of one article."""

    publish_at: datetime
    pk: int

    @classmethod
    def of(cls, article) -> "Cursor":
        return cls(article.publish_at, article.pk)

    def encode(self) -> str:
        """``<microseconds since 1970 UTC>-<pk>``, signed (so it cannot be edited)."""
        micros = (self.publish_at - _EPOCH) // timedelta(microseconds=1)
        return _SIGNER.sign(f"{micros}-{self.pk}")

    @classmethod
    def decode(cls, value: str) -> "Cursor":
        """The cursor ``encode()`` wrote; ``ValueError`` for anything else."""
        try:
            micros, pk = _SIGNER.unsign(value).split("-")
            return cls(_EPOCH + timedelta(microseconds=int(micros)), int(pk))
        except (signing.BadSignature, ValueError, OverflowError):
            raise ValueError(f"Not a cursor: {value!r}") from None

    # The conditions repeat the comparison on publish_at alone, so that PostgreSQL
    # starts its index scan at the cursor instead of filtering from the top.
    def older(self) -> Q:
        t, pk = self.publish_at, self.pk
        return Q(publish_at__lte=t) & (Q(publish_at__lt=t) | Q(pk__lt=pk))

    def at_or_older(self) -> Q:
        t, pk = self.publish_at, self.pk
        return Q(publish_at__lte=t) & (Q(publish_at__lt=t) | Q(pk__lte=pk))

    def newer(self) -> Q:
        t, pk = self.publish_at, self.pk
        return Q(publish_at__gte=t) & (Q(publish_at__gt=t) | Q(pk__gt=pk))

    def at_or_newer(self) -> Q:
        t, pk = self.publish_at, self.pk
        return Q(publish_at__gte=t) & (Q(publish_at__gt=t) | Q(pk__gte=pk))


@dataclass
class KeysetPage:
    """One page of a list, newest first, and where its neighbours are.

    ``newer`` and ``older`` are the query parameters of the neighbouring pages
    (``{}`` is page one), or None where there is none. The ``has_*`` names match
    Django's ``Page``, so templates treat both kinds alike.
    """

    object_list: list
    newer: dict | None = None
    older: dict | None = None
    is_first: bool = True
    paginator: None = field(default=None, init=False)  # numbered pages only

    @property
    def has_previous(self) -> bool:
        return self.newer is not None

    @property
    def has_next(self) -> bool:
        return self.older is not None

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _rows(queryset: QuerySet, row) -> list:
    return [row(found) for found in queryset] if row else list(queryset)


def _pk_at(queryset: QuerySet, index: int) -> Subquery:
    """The primary key of ``queryset``'s ``index``-th row (from 0), or NULL."""
    return Subquery(queryset.values("pk")[index : index + 1])


def keyset_page(
    queryset: QuerySet, query: QueryDict, *, per_page: int, row=None
) -> KeysetPage:
    """The page of ``queryset`` (ordered ``-publish_at, -pk``) that ``query`` asks
    for: page one, ``?voor=`` or ``?na=``. Http404 for a bad cursor, for both at
    once and for a page without articles (other than page one). ``row`` makes each
    row of a ``values()`` queryset an object (its keys as attributes).

    "Nieuwer" leads to page one when at most ``per_page`` articles are newer, so
    walking back ends on the same page one as the home page's, not a short page.
    """
    asked = {name: query.getlist(name) for name in PARAMETERS if name in query}
    if not asked:
        rows = _rows(queryset[: per_page + 1], row)
        older = None
        if len(rows) > per_page:
            older = {OLDER: Cursor.of(rows[per_page - 1]).encode()}
        return KeysetPage(rows[:per_page], older=older)
    try:
        [(name, [value])] = asked.items()
        cursor = Cursor.decode(value)
    except ValueError:
        raise Http404(_("Deze pagina bestaat niet.")) from None
    ascending = queryset.order_by("publish_at", "pk")
    if name == OLDER:
        # This page: the articles older than the cursor. Newer than its first one
        # are exactly those at or after the cursor.
        newer_side = ascending.filter(cursor.at_or_newer())
        rows = _rows(
            queryset.filter(cursor.older()).annotate(
                _newer_first=_pk_at(newer_side, 0),
                _newer_beyond=_pk_at(newer_side, per_page),
            )[: per_page + 1],
            row,
        )
        more_older = len(rows) > per_page
        rows = rows[:per_page]
        any_newer = bool(rows) and rows[0]._newer_first is not None
        more_newer = bool(rows) and rows[0]._newer_beyond is not None
    else:
        # This page: the articles just after the cursor, read upwards; there are
        # more than a page beyond it when the list holds a row at 2 * per_page.
        newer_side = ascending.filter(cursor.newer())
        rows = _rows(
            newer_side.annotate(
                _newer_beyond=_pk_at(newer_side, 2 * per_page),
                _older_first=_pk_at(queryset.filter(cursor.at_or_older()), 0),
            )[: per_page + 1],
            row,
        )
        any_newer = len(rows) > per_page
        rows = rows[:per_page][::-1]
        more_newer = bool(rows) and rows[0]._newer_beyond is not None
        more_older = bool(rows) and rows[0]._older_first is not None
    if not rows:
        raise Http404(_("Deze pagina bestaat niet."))
    newer = None
    if more_newer:
        newer = {NEWER: Cursor.of(rows[0]).encode()}
    elif any_newer:
        newer = {}
    older = {OLDER: Cursor.of(rows[-1]).encode()} if more_older else None
    return KeysetPage(rows, newer=newer, older=older, is_first=False)
