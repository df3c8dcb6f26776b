"""The writes behind live coverage: the desk, the commands and the tests call these.

Each function asks the policy first (``articles/policy.py``, "live coverage"), runs
in one transaction (it completes or changes nothing), records a revision for every
save of an entry, and tells the content version about every change readers may see,
as an article change does (``articles/caching``).
"""

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.alerts.claims import claim_entry
from articles.caching.targets import article_urls
from articles.caching.version import content_changed
from articles.live.snapshots import record_revision
from articles.models import Article, Author, LiveEntry, LiveEntryNote
from articles.policy import require
from articles.sanitize import sanitize_body
from articles.services.notes import mark_substantive_change
from articles.services.revisions import html_text
from embeds.body import reference_paragraph
from embeds.post import Post
from embeds.services import archive_post, embed_body

__all__ = [
    "add_entry_note",
    "close_coverage",
    "delete_entry",
    "post_entry",
    "reopen_coverage",
    "save_entry",
    "set_entry_status",
    "set_oldest_first",
]

S = LiveEntry.Status
_PUBLIC = {"published", "unpublished"}


def _whole_second(moment: datetime | None) -> datetime | None:
    return moment.replace(microsecond=0) if moment else None


def _stored(entry: LiveEntry) -> LiveEntry | None:
    """The entry's row as the database holds it, locked for the rest of the
    transaction: a save that started meanwhile finishes first, and this one then
    sees its version. None for a new entry."""
    if entry.pk is None:
        return None
    stored = (
        LiveEntry.objects.select_for_update()
        .filter(pk=entry.pk)
        .only("status", "published_at", "version", "created_by", "article")
        .first()
    )
    if stored is None:
        raise ValidationError(_("Dit bericht bestaat niet meer; een collega heeft "
                                "het verwijderd."))  # fmt: skip
    return stored


def _require_placing(user, entry: LiveEntry, stored: LiveEntry | None) -> None:
    """Placing or scheduling (or moving a placed entry's time) is the Redacteur's."""
    if entry.status != S.PUBLISHED:
        return
    if (
        stored is not None
        and stored.status == S.PUBLISHED
        and stored.published_at == entry.published_at
    ):
        return
    require(
        user,
        "articles.publish_liveentry",
        entry.article,
        reason=_("Een verslaggever plaatst berichten niet zelf: bewaar het als "
                 "concept of stuur het ter beoordeling naar een redacteur."),
    )  # fmt: skip


def _readers_see(entry: LiveEntry, *, was_public: bool) -> None:
    """A change readers may see: the live page and every list the article is on
    go (``article_urls``), and a placed entry makes the article "bijgewerkt"."""
    article = entry.article
    if article.status not in _PUBLIC:
        return  # nobody outside the newsroom has seen this article
    if not (was_public or entry.status == S.PUBLISHED):
        return  # a draft's or review's changes stay inside
    if entry.is_visible():
        now = timezone.now().replace(microsecond=0)
        # A newly placed entry updates the article at its own time (an entry placed
        # afterwards with an earlier time, as an agency's backlog is, does not make
        # the coverage look updated today); an edit of a public one, now.
        at = now if was_public else min(entry.published_at or now, now)
        mark_substantive_change(article, at=at)
    urls, keys = article_urls(article)
    content_changed(urls, [*keys, f"liveentry-{entry.pk}"])


@transaction.atomic
def save_entry(
    entry: LiveEntry,
    *,
    user,
    authors: Iterable[Author] | None = None,
    base_version: int | None = None,
    extra_posts: Iterable[Post] = (),
) -> list[str]:
    """Save ``entry`` (new or changed) as ``user``: sanitize its body, archive the
    posts pasted into it (their enrichment runs as a task, as for articles), set
    ``authors`` when given, record the revision. Returns notices for the editor.

    Raises ``PermissionDenied`` (Dutch reason) or ``ValidationError`` (a conflict
    with a colleague's save when ``base_version`` is older, an empty entry, a
    non-live article); then nothing is written.
    """
    stored = _stored(entry)
    if entry.article.kind != Article.Kind.LIVE:
        raise ValidationError(_("Dit artikel is geen live-verslag: zet de soort op "
                                "Live om er berichten in te plaatsen."))  # fmt: skip
    if stored is None:
        require(user, "articles.add_liveentry", entry.article)
        if user is not None and user.is_authenticated:
            entry.created_by = user
    else:
        require(user, "articles.change_liveentry", stored)
        if base_version is not None and base_version != stored.version:
            raise ValidationError(
                _("Een collega heeft dit bericht intussen gewijzigd (nu versie "
                  "%(version)s). Je tekst staat hieronder nog: vergelijk hem met het "
                  "bericht op de pagina en sla opnieuw op.")
                % {"version": stored.version}
            )  # fmt: skip
        entry.version = stored.version + 1
    entry.title = unicodedata.normalize("NFC", entry.title.strip())
    entry.published_at = _whole_second(entry.published_at)
    if entry.status == S.PUBLISHED and entry.published_at is None:
        entry.published_at = timezone.now().replace(microsecond=0)
    _require_placing(user, entry, stored)
    notices: list[str] = []
    body = sanitize_body(entry.body)
    for post in extra_posts:
        body += reference_paragraph(archive_post(post, notices=notices).url)
    entry.body, embeds, found = embed_body(body)
    notices += found
    if not html_text(entry.body).strip() and not embeds:
        raise ValidationError(
            {"body": _("Het bericht is leeg. Typ een tekst of plak een bericht (een "
                       "link, insluitcode of de tekst van een post).")}
        )  # fmt: skip
    entry.full_clean(exclude=["body"])
    entry.save()
    if authors is not None:
        entry.authors.set(authors)
    entry.embeds.set(embeds)
    record_revision(entry, user=user)
    _readers_see(entry, was_public=bool(stored) and stored.status == S.PUBLISHED)
    claim_entry(entry)  # a key moment visible now: its alert goes on commit, once
    return notices


def post_entry(
    article: Article,
    *,
    user,
    body: str,
    title: str = "",
    pinned: bool = False,
    key_moment: bool = False,
    authors: Iterable[Author] = (),
    status: str = S.PUBLISHED,
    published_at: datetime | None = None,
    extra_posts: Iterable[Post] = (),
    notices: list[str] | None = None,
) -> LiveEntry:
    """A new entry in ``article``: placed now (default), at ``published_at`` (in the
    future: scheduled), or held as a draft or for review. No ``authors``: the house
    byline. Notices about posts are appended to ``notices`` when given."""
    entry = LiveEntry(
        article=article,
        body=body,
        title=title,
        pinned=pinned,
        key_moment=key_moment,
        status=status,
        published_at=published_at,
    )
    found = save_entry(entry, user=user, authors=list(authors), extra_posts=extra_posts)
    if notices is not None:
        notices += found
    return entry


@transaction.atomic
def set_entry_status(
    entry: LiveEntry, status: str, *, user, at: datetime | None = None
) -> LiveEntry:
    """Place (``published``, now or at ``at``), hold as ``draft`` or send for
    ``review``. A placed entry taken back keeps no time: placing it again is new."""
    entry.status = status
    if status == S.PUBLISHED:
        entry.published_at = at or (
            entry.published_at
            if entry.published_at and entry.published_at > timezone.now()
            else timezone.now()
        )
    else:
        entry.published_at = None
    save_entry(entry, user=user)
    return entry


@transaction.atomic
def delete_entry(entry: LiveEntry, *, user) -> None:
    """Delete ``entry`` with its notes and revisions (the Redacteur's)."""
    stored = _stored(entry)
    require(user, "articles.delete_liveentry", stored)
    was_public = stored.status == S.PUBLISHED
    pk = entry.pk
    entry.delete()
    entry.pk = pk  # for the purge key
    _readers_see(entry, was_public=was_public)


@transaction.atomic
def add_entry_note(
    entry: LiveEntry, *, kind: str, text: str, user, at: datetime | None = None
) -> LiveEntryNote:
    """An update or correction on ``entry``, shown with it (plain text). Raises
    ``ValidationError`` for an unknown kind or an empty text; nothing is saved."""
    stored = _stored(entry)
    require(user, "articles.add_liveentrynote", stored)
    note = LiveEntryNote(
        entry=entry,
        kind=kind,
        text=text.replace("\r\n", "\n").strip(),
        created_at=_whole_second(at or timezone.now()),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    note.full_clean()
    note.save()
    _readers_see(entry, was_public=stored.status == S.PUBLISHED)
    return note


def _set_live(article: Article, *, user, **values) -> Article:
    """Set the coverage's own fields on ``article`` (nothing else of it)."""
    require(
        user,
        "articles.publish_liveentry",
        article,
        reason=_("Alleen een redacteur sluit een live-verslag af, heropent het of "
                 "kiest de volgorde voor lezers."),
    )  # fmt: skip
    if article.kind != Article.Kind.LIVE:
        raise ValidationError(_("Dit artikel is geen live-verslag."))
    Article.objects.filter(pk=article.pk).update(**values)
    for name, value in values.items():
        setattr(article, name, value)
    if article.status in _PUBLIC:
        content_changed(*article_urls(article))
    return article


@transaction.atomic
def close_coverage(article: Article, *, user, at: datetime | None = None) -> Article:
    """End the coverage: readers see "Afgelopen" from ``at`` (default now). Closing
    again keeps the first time."""
    if article.live_closed_at is not None:
        return article
    moment = _whole_second(at or timezone.now())
    return _set_live(article, user=user, live_closed_at=moment)


@transaction.atomic
def reopen_coverage(article: Article, *, user) -> Article:
    """The story goes on after all: the coverage is live again."""
    return _set_live(article, user=user, live_closed_at=None)


@transaction.atomic
def set_oldest_first(article: Article, *, oldest_first: bool, user) -> Article:
    """How readers get ended coverage: from the first entry on (``oldest_first``)
    or newest first (the default; always while it is live)."""
    return _set_live(article, user=user, live_oldest_first=oldest_first)
