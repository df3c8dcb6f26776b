"""The curated front page: saving as versions, restoring one, and what the home page
shows.

Every article the home page shows passes ``Article.objects.published()``: a pick that
is not visible (a draft, scheduled or withdrawn) is skipped without a trace, and shows
up by itself once it is published.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, FrontPage, FrontPageSlot
from articles.policy import require

__all__ = [
    "HISTORY_LENGTH",
    "Banner",
    "HomeArticles",
    "current_front_page",
    "get_front_page",
    "home_articles",
    "restore_front_page",
    "safe_banner_url",
    "save_front_page",
]

FRONT_PAGE_PK = 1
# Earlier versions kept in FrontPage.history; the oldest drop off.
HISTORY_LENGTH = 50


class Banner(NamedTuple):
    text: str
    url: str  # empty: no link


class HomeArticles(NamedTuple):
    banner: Banner | None
    lead: Article | None
    top_stories: list[Article]
    rest: QuerySet  # the other visible articles, newest first, to paginate


def get_front_page() -> FrontPage:
    """The front page's one row, created empty if it does not exist yet."""
    front, _ = FrontPage.objects.get_or_create(pk=FRONT_PAGE_PK)
    return front


def current_front_page() -> FrontPage:
    """The stored front page, or an empty unsaved one: reading never writes."""
    return FrontPage.objects.filter(pk=FRONT_PAGE_PK).first() or FrontPage(
        pk=FRONT_PAGE_PK
    )


def safe_banner_url(url: str) -> str:
    """``url`` if it is a path on this site or an http(s) address, else ``""``.

    Keeps ``javascript:`` and other schemes, and protocol-relative ``//host``
    addresses, out of the banner's link.
    """
    url = url.strip()
    if url.startswith("/"):
        return "" if url.startswith("//") or "\\" in url else url
    parts = urlsplit(url)
    return url if parts.scheme in {"http", "https"} and parts.netloc else ""


def _state(front: FrontPage) -> dict:
    """A stored front page as one entry of its history (JSON)."""
    return {
        "version": front.version,
        "lead": front.lead_id,
        "slots": list(front.slots.values_list("article_id", flat=True)),
        "banner_text": front.banner_text,
        "banner_url": front.banner_url,
        "banner_until": front.banner_until.isoformat() if front.banner_until else None,
        "updated_by": front.updated_by_id,
        "updated_at": front.updated_at.isoformat() if front.updated_at else None,
    }


def _set_slots(front: FrontPage, articles: Iterable[Article | int]) -> None:
    ids = dict.fromkeys(getattr(article, "pk", article) for article in articles)
    front.slots.all().delete()
    FrontPageSlot.objects.bulk_create(
        FrontPageSlot(front_page=front, article_id=pk, position=position)
        for position, pk in enumerate(ids)
    )


@transaction.atomic
def save_front_page(
    front: FrontPage,
    *,
    user: AbstractBaseUser | None,
    slots: Iterable[Article | int] | None = None,
) -> FrontPage:
    """Save ``front`` as the next version; the stored state before it goes to
    ``history`` (the last ``HISTORY_LENGTH`` are kept).

    ``slots``, the top stories in order, replace the current ones; ``None`` leaves
    them alone (the admin's inline saves them after this call).
    """
    require(user, "articles.change_frontpage", front)
    if front.pk is None:
        front.pk = FRONT_PAGE_PK
    stored = FrontPage.objects.select_for_update().filter(pk=front.pk).first()
    if stored is not None:
        front.history = [*stored.history, _state(stored)][-HISTORY_LENGTH:]
        front.version = stored.version + 1
    front.updated_by = user
    front.save()
    if slots is not None:
        _set_slots(front, slots)
    return front


@transaction.atomic
def restore_front_page(
    front: FrontPage, index: int, *, user: AbstractBaseUser | None
) -> FrontPage:
    """Bring back ``front.history[index]`` as a new version, so a restore can be
    undone too. Articles deleted since are left out. ``IndexError`` if there is no
    such entry.
    """
    state = front.history[index]
    picked = [pk for pk in [state["lead"], *state["slots"]] if pk is not None]
    existing = set(Article.objects.filter(pk__in=picked).values_list("pk", flat=True))
    front.lead_id = state["lead"] if state["lead"] in existing else None
    front.banner_text = state["banner_text"]
    front.banner_url = state["banner_url"]
    until = state["banner_until"]
    front.banner_until = parse_datetime(until) if until else None
    slots = [pk for pk in state["slots"] if pk in existing]
    return save_front_page(front, user=user, slots=slots)


def home_articles(front: FrontPage, *, at: datetime | None = None) -> HomeArticles:
    """What the home page shows at ``at`` (default: now).

    banner: while ``front.banner_is_active()``. lead: the pinned article if visible,
    else the newest visible one. top_stories: the visible picks in the editors'
    order, the lead left out. rest: every other visible article, newest first.
    Lead and top stories cost one query, whatever their number; their authors and
    topics are not loaded: the caller prefetches them with the rest of its page.
    """
    at = at or timezone.now()
    visible = Article.objects.published(at=at)
    slots = FrontPageSlot.objects.filter(front_page_id=front.pk)
    slot = slots.filter(article=OuterRef("pk"))
    newest = visible.order_by("-publish_at", "-pk").values("pk")[:1]
    # One list of ids (the slots', the newest, the pinned lead) rather than an OR of
    # subqueries, which PostgreSQL can only answer by reading every article.
    wanted = slots.order_by().values("article_id")
    others = [Article.objects.filter(pk=Subquery(newest))]
    if front.lead_id is not None:
        others.append(Article.objects.filter(pk=front.lead_id))
    wanted = wanted.union(*(q.order_by().values("pk") for q in others), all=True)
    picks = list(
        visible.for_listing()
        .defer("body")  # cards only
        .prefetch_related(None)
        .filter(pk__in=wanted)
        .annotate(
            slot_position=Subquery(slot.values("position")[:1]),
            slot_pk=Subquery(slot.values("pk")[:1]),
        )
    )
    # for_listing() orders newest first, and the newest visible article is a pick.
    lead = next((a for a in picks if a.pk == front.lead_id), None) or next(
        iter(picks), None
    )
    top_stories = sorted(
        (a for a in picks if a.slot_position is not None and a is not lead),
        key=lambda a: (a.slot_position, a.slot_pk),
    )
    shown = [article.pk for article in [lead, *top_stories] if article is not None]
    banner = None
    if front.banner_is_active(at=at):
        banner = Banner(front.banner_text, safe_banner_url(front.banner_url))
    return HomeArticles(
        banner, lead, top_stories, visible.for_listing().exclude(pk__in=shown)
    )
