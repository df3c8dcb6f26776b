"""Keyset pages of a live blog's entries, and the poll's "newer than" cursor.

A live page lists its stream (entries that are not pinned) newest first, or
oldest first once the coverage has ended and the desk chose that order. Page one
has no parameter; the following pages name the last entry shown in a signed
cursor (the list pages' ``Cursor`` of articles/public/paging.py, holding the
entry's time and primary key): ``?voor=`` walks to older entries, ``?na=`` to
later ones. The poll endpoint reads a ``?na=`` cursor of the same kind. A page is
one query, however deep it lies; a bad cursor, or a page without entries, is 404.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from articles.public.paging import NEWER, OLDER, Cursor

__all__ = [
    "EntryPage",
    "entry_cursor",
    "entry_page",
    "newer_than",
    "parse_cursor",
]


@dataclass
class EntryPage:
    """One page of the stream. ``following`` is the query of the next page in
    reading order (None at the end); ``is_first`` says whether this is page one."""

    object_list: list
    following: dict | None = None
    is_first: bool = True


def entry_cursor(entry) -> Cursor:
    """The position of ``entry`` (its published time and primary key)."""
    return Cursor(entry.published_at, entry.pk)


def parse_cursor(value: str | None) -> Cursor:
    """The cursor in ``value``; Http404 when there is none or it was tampered with."""
    try:
        return Cursor.decode(value or "")
    except ValueError:
        raise Http404(_("Deze pagina bestaat niet.")) from None


def older_than(cursor: Cursor) -> Q:
    t, pk = cursor.publish_at, cursor.pk
    # The comparison on the time alone lets the index scan start at the cursor.
    return Q(published_at__lte=t) & (Q(published_at__lt=t) | Q(pk__lt=pk))


def newer_than(cursor: Cursor) -> Q:
    t, pk = cursor.publish_at, cursor.pk
    return Q(published_at__gte=t) & (Q(published_at__gt=t) | Q(pk__gt=pk))


def entry_page(
    entries: QuerySet, query: QueryDict, *, per_page: int, oldest_first: bool
) -> EntryPage:
    """The page of ``entries`` (visible, one article's) that ``query`` asks for.

    Newest first, the next page is ``?voor=<cursor>``; oldest first, ``?na=``. A
    cursor of the other direction, both at once or a repeated one is a 404: the
    page would not be one that a link of ours leads to.
    """
    forward, backward = (NEWER, OLDER) if oldest_first else (OLDER, NEWER)
    if oldest_first:
        ordered = entries.order_by("published_at", "pk")
    else:
        ordered = entries.order_by("-published_at", "-pk")
    if backward in query or len(query.getlist(forward)) > 1:
        raise Http404(_("Deze pagina bestaat niet."))
    is_first = forward not in query
    if not is_first:
        cursor = parse_cursor(query.get(forward))
        ordered = ordered.filter(
            newer_than(cursor) if oldest_first else older_than(cursor)
        )
    rows = list(ordered[: per_page + 1])
    if not rows and not is_first:
        raise Http404(_("Deze pagina bestaat niet."))
    following = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        following = {forward: entry_cursor(rows[-1]).encode()}
    return EntryPage(rows, following=following, is_first=is_first)
