"""The content version's row in the database (``ContentVersion``, pk 1): the truth
each process checks its own copy against (``version.py``).

The row is moved on only *after* a change has committed, in a statement of its own
(``move_on``), never inside the writing transaction: an editor's transaction takes no
lock but on what it edits, so saves of different articles never wait on one another
and cannot deadlock on this row; the row's lock lasts one short UPDATE. Moving on
after the commit is also what makes the number safe to serve from: a process that
reads the new number renders what was committed with it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import InterfaceError, OperationalError, connection
from django.db.models import Case, F, Value, When
from django.db.models.functions import Greatest
from django.utils.dateparse import parse_datetime

from articles.models import Article, ContentVersion, FrontPage, LiveEntry

__all__ = [
    "LOOK_UP",
    "UNAVAILABLE",
    "State",
    "following",
    "move_on",
    "move_past_scheduled",
    "next_scheduled",
    "read",
]

# The database is away (stopped, restarting, unreachable), not refusing a query.
UNAVAILABLE = (OperationalError, InterfaceError)
# move_on(upcoming=LOOK_UP): nobody looked the next scheduled moment up yet.
LOOK_UP = object()


@dataclass(frozen=True)
class State:
    number: int
    changed_at: datetime
    next_change_at: datetime | None
    shared: int  # ContentVersion.shared_number
    # The database could not be asked: this is the last version this process (or
    # the shared cache) knew, and pages are served from it marked stale.
    stale: bool = False


def next_scheduled(now: datetime) -> datetime | None:
    """The next moment the site changes by itself: a scheduled publication (of an
    article or a live entry), or the end of the front page's breaking-news
    banner."""
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=now
    ).values_list("publish_at", flat=True)
    # Whatever its article: an entry scheduled in a draft only ends a cached page's
    # life early, never keeps one alive too long. One query for both.
    entries = LiveEntry.objects.filter(
        status=LiveEntry.Status.PUBLISHED, published_at__gt=now
    ).values_list("published_at", flat=True)
    moments = [
        articles.order_by().union(entries.order_by()).order_by("publish_at").first(),
        FrontPage.objects.filter(banner_until__gt=now)
        .values_list("banner_until", flat=True)
        .first(),
    ]
    return min((moment for moment in moments if moment), default=None)


def _clock(now: datetime) -> int:
    """Microseconds since 1970. The version numbers move on to at least this, so a
    database restored from a backup (or a new one) never reuses a number that pages
    and fragments were cached under before: the next change jumps past them all."""
    return int(now.timestamp() * 1_000_000)


def following(number: int, now: datetime) -> int:
    return max(number + 1, _clock(now))


def read(now: datetime) -> State:
    """The row, in plain SQL (one query; it is made if missing)."""
    row = _read_row()
    if row is None:
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})
        row = _read_row()
    return State(*row)


def move_on(
    *, shared: bool, now: datetime, at_least: int = 0, upcoming=LOOK_UP
) -> None:
    """After a commit: the number (and with ``shared`` the shared number) moves on
    to at least ``at_least`` and past the clock, and the next scheduled moment to
    ``upcoming`` (looked up inside the transaction; else here, two queries more).
    An earlier moment still to come that another writer recorded is kept (two
    writers' look-ups may cross: an extra move at a moment no longer scheduled
    costs a render, a lost one a stale page)."""
    if upcoming is LOOK_UP:
        upcoming = next_scheduled(now)
    floor = max(_clock(now), at_least)
    moves = {
        "number": Greatest(F("number") + 1, Value(floor)),
        "changed_at": now,
    }
    if upcoming is None:
        moves["next_change_at"] = Case(
            When(next_change_at__gt=now, then=F("next_change_at")), default=None
        )
    else:
        moves["next_change_at"] = Case(
            When(
                next_change_at__gt=now,
                next_change_at__lt=upcoming,
                then=F("next_change_at"),
            ),
            default=Value(upcoming),
        )
    if shared:
        moves["shared_number"] = Greatest(F("shared_number") + 1, Value(floor))
    if not ContentVersion.objects.filter(pk=1).update(**moves):
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"changed_at": now, "next_change_at": upcoming}
        )
        ContentVersion.objects.filter(pk=1).update(**moves)


def move_past_scheduled(
    row: State, *, due_at: datetime, beyond: State, now: datetime
) -> State:
    """The moment ``due_at`` has passed: the number moves on past ``beyond`` (what
    this process served under), once,
    whichever process sees it first (only the UPDATE that finds the number it read
    in ``row`` moves it)."""
    upcoming = next_scheduled(now)
    number = following(max(row.number, beyond.number), now)
    moved = ContentVersion.objects.filter(pk=1, number=row.number).update(
        number=number, changed_at=due_at, next_change_at=upcoming
    )
    if moved:
        return State(number, due_at, upcoming, max(row.shared, beyond.shared))
    return read(now)


def _read_row() -> tuple | None:
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    sql = (
        "SELECT number, changed_at, next_change_at, shared_number "  # noqa: S608
        f"FROM {table} WHERE id = 1"
    )
    try:
        row = _fetch_one(sql)
    except UNAVAILABLE:
        # A kept connection the database has dropped (a restart, a failover): a
        # new connection gets one more try. Inside a transaction there is nothing
        # to retry.
        if connection.in_atomic_block:
            raise
        connection.close()
        row = _fetch_one(sql)
    if row is None:
        return None
    number, changed_at, next_change_at, shared = row
    return number, _aware(changed_at), _aware(next_change_at), shared


def _fetch_one(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _aware(value):
    """A datetime as the ORM would give it (SQLite hands back naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
