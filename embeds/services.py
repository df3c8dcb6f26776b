"""Writes to the archive: archiving a post, re-checking it, linking articles to posts.

Network access happens only here (through embeds.oembed and embeds.media), when an
editor adds a post or the refresh command runs; never while a page renders.
A failing provider never blocks saving: the post keeps what is known.
"""

import logging
import secrets
from dataclasses import replace
from datetime import date, datetime, time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from embeds.body import extract_posts, reference_urls
from embeds.models import Embed, EmbedMedia
from embeds.post import Post, merge, text_post_url
from embeds.providers import PROVIDERS

__all__ = [
    "archive_post",
    "can_check",
    "check_remote",
    "embed_body",
    "record_check",
    "refresh_embed",
]

logger = logging.getLogger(__name__)


def fetching_enabled() -> bool:
    """EMBEDS_FETCH (on by default) lets archiving ask providers for detail."""
    return getattr(settings, "EMBEDS_FETCH", True)


def _published(value: date | datetime | None) -> tuple[datetime | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value, True
    # A date alone: noon, so that no time zone moves it to another day.
    return timezone.make_aware(datetime.combine(value, time(12))), False


def _enrich(post: Post, notices: list[str], *, fetch: bool) -> Post:
    """``post`` completed by the provider's oEmbed answer, when there is one."""
    from embeds.oembed import EmbedError, fetch_oembed

    if not (fetch and PROVIDERS[post.provider]["oembed"]):
        return post
    if post.source == "text":
        return post  # no status URL to ask about
    try:
        return merge(post, fetch_oembed(post))
    except EmbedError as error:
        notices.append(
            _("%(provider)s gaf geen aanvullende gegevens (%(error)s); het bericht is "
              "bewaard met wat bekend is.")
            % {"provider": PROVIDERS[post.provider]["name"], "error": error}
        )  # fmt: skip
        return post


def _copy_media(embed: Embed, post: Post, notices: list[str], *, fetch: bool) -> None:
    from embeds.fetching import FetchError
    from embeds.media import copy_image

    for position, media in enumerate(post.media):
        record = EmbedMedia(
            embed=embed,
            position=position,
            kind=media.kind,
            source_url=media.url[:1000],
            alt=media.alt[:1000],
        )
        image_url = media.thumbnail_url or (media.url if media.kind == "image" else "")
        if image_url and fetch and "pic.twitter.com" not in image_url:
            try:
                copy = copy_image(image_url)
            except FetchError as error:
                notices.append(
                    _("Een afbeelding bij het bericht kon niet worden gekopieerd: %s")
                    % error
                )
                copy = None
            if copy is not None:
                _store_copy(record, copy, notices)
        record.save()


def _store_copy(record: EmbedMedia, copy, notices: list[str]) -> None:
    """Store ``copy`` as ``record``'s image; a media store that fails (full,
    read-only, unreachable: an OSError whichever store) leaves the post without a
    copy and tells the editor, as a provider that fails does."""
    # A random part: a name is never used twice, so a cached copy never goes stale.
    name = (
        f"{record.embed.provider}-{record.embed.pk}-{record.position}-"
        f"{secrets.token_urlsafe(6)}.{copy.format_extension}"
    )
    try:
        record.image.save(name, ContentFile(copy.content), save=False)
    except OSError:
        logger.warning("Could not store a copy of %s", record.source_url, exc_info=True)
        record.image = None
        notices.append(
            _("Een afbeelding bij het bericht kon niet worden bewaard: de opslag voor "
              "media is niet bereikbaar of staat geen nieuwe bestanden toe. Het "
              "bericht is bewaard zonder die afbeelding.")
        )  # fmt: skip


def _fields(post: Post) -> dict:
    published_at, has_time = _published(post.published_at)
    return {
        "provider": post.provider,
        "post_id": post.post_id[:200],
        "author_name": post.author_name[:200],
        "author_handle": post.author_handle[:200],
        "author_url": post.author_url[:500],
        "title": post.title[:300],
        "text_html": post.text_html,
        "text": post.text,
        "language": post.language[:20],
        "published_at": published_at,
        "published_has_time": has_time,
        "platform_ref": post.platform_ref[:300],
    }


@transaction.atomic
def archive_post(
    post: Post, *, notices: list[str] | None = None, fetch: bool | None = None
) -> Embed:
    """The archived record for ``post``: found by URL, or created (with oEmbed detail
    and copied images when fetching is on). An existing record gains what it lacked;
    what it already holds is never overwritten by a paste."""
    notices = [] if notices is None else notices
    fetch = fetching_enabled() if fetch is None else fetch
    if not post.url and post.source == "text":
        post = replace(post, url=text_post_url(post))
    existing = Embed.objects.filter(url=post.url).first()
    if existing is not None:
        if post.provider:
            blanks = {
                name: value
                for name, value in _fields(post).items()
                if value and not getattr(existing, name)
            }
            if blanks:
                Embed.objects.filter(pk=existing.pk).update(**blanks)
                existing.refresh_from_db()
        return existing
    post = _enrich(post, notices, fetch=fetch)
    now = timezone.now()
    embed = Embed.objects.create(
        url=post.url,
        source=post.source if post.source in Embed.Source.values else Embed.Source.URL,
        state=Embed.State.LIVE,
        last_checked_at=now if post.source == "oembed" else None,
        last_seen_at=now,
        **_fields(post),
    )
    _copy_media(embed, post, notices, fetch=fetch)
    return embed


def embed_body(body: str) -> tuple[str, list[Embed], list[str]]:
    """Turn what was pasted into ``body`` into references to archived posts.

    Returns the new body, the posts it references (in order) and notices for the
    editor. Call inside the transaction that saves the article.
    """
    known = set(
        Embed.objects.filter(url__in=reference_urls(body)).values_list("url", flat=True)
    )
    extraction = extract_posts(body, known_urls=known)
    notices = list(extraction.notices)
    embeds = [archive_post(post, notices=notices) for post in extraction.posts]
    return extraction.html, embeds, notices


def post_from_embed(embed: Embed) -> Post:
    """What we ask the provider about when re-checking ``embed``."""
    return Post(provider=embed.provider, url=embed.url, post_id=embed.post_id)


def record_check(embed: Embed, *, found: Post | None = None, gone: bool = False,
                 error: str = "") -> str:  # fmt: skip
    """Store the outcome of a re-check; returns "unchanged", "updated", "deleted",
    "restored" or "failed". The archived content is kept in every case; a check only
    fills what was missing.

    A failed check stores its error only: ``last_checked_at`` says when the provider
    last told us something, so a post whose checks fail stays due for
    ``refresh_embeds --older-than`` instead of passing for checked."""
    if error and not gone:
        embed.check_error = error[:500]
        embed.save(update_fields=["check_error"])
        return "failed"
    now = timezone.now()
    updates = {"last_checked_at": now}
    if gone:
        updates.update(state=Embed.State.DELETED, check_error="")
        outcome = "unchanged" if embed.state == Embed.State.DELETED else "deleted"
    else:
        outcome = "restored" if embed.state != Embed.State.LIVE else "unchanged"
        updates.update(state=Embed.State.LIVE, last_seen_at=now, check_error="")
        blanks = {
            name: value
            for name, value in _fields(found).items()
            if value and not getattr(embed, name) and name != "provider"
        }
        if blanks and outcome == "unchanged":
            outcome = "updated"
        updates.update(blanks)
    if outcome in ("deleted", "restored", "updated"):
        updates["updated_at"] = now  # readers see the change: new card, new pages
    for name, value in updates.items():
        setattr(embed, name, value)
    # Only these fields: a check never overwrites what an editor changed meanwhile.
    # Saving (not QuerySet.update) lets the page cache see a change readers see.
    embed.save(update_fields=list(updates))
    return outcome


def can_check(embed: Embed) -> bool:
    """Whether the provider can tell us about this post (oEmbed and a real URL)."""
    return (
        bool(PROVIDERS[embed.provider]["oembed"]) and embed.source != Embed.Source.TEXT
    )


def check_remote(embed: Embed) -> dict:
    """Ask the provider about ``embed``. Network only, no database: safe to run in a
    worker thread. The result is the keyword arguments of ``record_check``."""
    from embeds.oembed import EmbedError, EmbedGone, fetch_oembed

    try:
        return {"found": fetch_oembed(post_from_embed(embed))}
    except EmbedGone:
        return {"gone": True}
    except EmbedError as error:
        return {"error": str(error)}


def refresh_embed(embed: Embed) -> str:
    """Re-check one post now (the admin's button); returns record_check's outcome."""
    if not can_check(embed):
        return record_check(
            embed,
            error=_("%(provider)s laat zich niet automatisch controleren.")
            % {"provider": embed.provider_name},
        )
    return record_check(embed, **check_remote(embed))
