"""The Logboek: one list, newest first, of who logged in or failed to, who was
locked out or unlocked, who published, scheduled, withdrew, corrected or updated,
and who changed accounts and roles.

It reads the records that already exist (django-axes' AccessLog and
AccessFailureLog; the articles app registers its status changes and notes with
``register()``) and ``AuditEvent`` for the rest.
Each source is queried newest first for as many rows as the page needs and the
results are merged, so a page costs two queries per source, whatever its number.
"""

import heapq
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from axes.models import AccessFailureLog, AccessLog
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent

__all__ = ["KINDS", "Entry", "Page", "Source", "page", "register"]


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


class Source:
    """One kind of record: its rows as entries, filtered by kind and username.

    ``kinds`` maps each kind of entry the source gives to its label in the filter.
    """

    kinds: dict[str, str] = {}

    def queryset(self, kind: str | None, username: str | None):
        raise NotImplementedError

    def entry(self, row) -> Entry:
        raise NotImplementedError


class Logins(Source):
    kinds = {"login": _("ingelogd")}

    def queryset(self, kind, username):
        rows = AccessLog.objects.order_by("-attempt_time", "-pk")
        return rows.filter(username=username) if username else rows

    def entry(self, row):
        return Entry(row.attempt_time, "login", row.username or "", row.ip_address)


class Failures(Source):
    kinds = {"login_failed": _("inloggen mislukt"), "locked_out": _("vergrendeld")}

    def queryset(self, kind, username):
        rows = AccessFailureLog.objects.order_by("-attempt_time", "-pk")
        if kind:
            rows = rows.filter(locked_out=kind == "locked_out")
        return rows.filter(username=username) if username else rows

    def entry(self, row):
        kind = "locked_out" if row.locked_out else "login_failed"
        return Entry(row.attempt_time, kind, row.username or "", row.ip_address)


class Events(Source):
    kinds = {kind.value: kind.label for kind in AuditEvent.Kind}

    def queryset(self, kind, username):
        rows = AuditEvent.objects.order_by("-at", "-pk")
        if kind:
            rows = rows.filter(kind=kind)
        return rows.filter(actor_name=username) if username else rows

    def entry(self, row):
        return Entry(
            row.at, row.kind, row.actor_name, subject=row.subject, detail=row.detail
        )


# The sources, in the order of the filter's list; other apps add theirs before the
# audit events with register().
SOURCES: list[Source] = [Logins(), Failures(), Events()]
KINDS: dict[str, str] = {}


def _index_kinds() -> None:
    KINDS.clear()
    for source in SOURCES:
        KINDS.update(source.kinds)


def register(source: Source) -> None:
    """Add ``source`` to the Logboek (once; its kinds join the filter)."""
    if any(type(known) is type(source) for known in SOURCES):
        return
    SOURCES.insert(len(SOURCES) - 1, source)
    _index_kinds()


_index_kinds()


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
