"""Completing an archived post from its provider, after the save that archived it.

``archive_post`` stores what was pasted at once and enqueues ``tasks.enrich_post``;
the task calls ``enrich_embed`` here: the provider's oEmbed answer fills what the
record lacks (never overwriting it) and the post's images are copied to our storage.
The network comes first, outside any transaction; the writes then go in one.

When something readers see changed, ``post_enriched`` is sent: ``embeds`` imports no
other app of ours, so the articles that show the post are refreshed by whoever
listens (``articles.caching.signals``).
"""

import logging
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from embeds.fetching import FetchError, FetchFailed, FetchHTTPError, FetchTimeout
from embeds.models import Embed, EmbedMedia
from embeds.post import Media, Post, fields_of, merge
from embeds.providers import PROVIDERS

__all__ = [
    "EnrichmentIncomplete",
    "enrich_embed",
    "image_urls",
    "needs_enrichment",
    "post_enriched",
]

logger = logging.getLogger(__name__)

# Sent with ``embed`` once its record or media changed through enrichment.
post_enriched = Signal()


class EnrichmentIncomplete(Exception):
    """A provider or a media host did not answer now; trying later may work."""


def needs_enrichment(post: Post) -> bool:
    """Whether the provider can tell more about ``post``, or it has images to copy."""
    asks = bool(PROVIDERS[post.provider]["oembed"]) and post.source != "text"
    return asks or any(image_urls(post))


def image_urls(post: Post) -> list[str]:
    """The image to copy for each of ``post``'s media, by position ("" for none)."""
    return [_image_url(media) for media in post.media]


def enrich_embed(embed_id: int, images: list[str] = ()) -> list[str]:
    """Fill the archived post ``embed_id`` from its provider and copy its images
    (``images``: the image to copy for each media row, by position; "" for none).

    Returns notices (Dutch) about what could not be had; raises EnrichmentIncomplete
    after saving what it got when a failure may pass (a timeout, a server error), so
    the task tries again. A deleted record is no error: there is nothing to do.
    """
    embed = Embed.objects.filter(pk=embed_id).first()
    if embed is None:
        return []
    rows = list(embed.media.all())
    post = _as_post(embed, rows, list(images))
    notices: list[str] = []
    passing = False
    found = None
    if PROVIDERS[post.provider]["oembed"] and post.source != "text":
        from embeds.oembed import EmbedError, fetch_oembed

        try:
            found = fetch_oembed(post)
        except EmbedError as error:
            passing |= _may_pass(error.__cause__)
            notices.append(
                _("%(provider)s gaf geen aanvullende gegevens (%(error)s); het bericht "
                  "is bewaard met wat bekend is.")
                % {"provider": PROVIDERS[post.provider]["name"], "error": error}
            )  # fmt: skip
    complete = merge(post, found) if found else post
    copies = {}
    for position, media in enumerate(complete.media):
        row = rows[position] if position < len(rows) else None
        if (row and row.image) or not _image_url(media):
            continue
        try:
            copies[position] = _copy(_image_url(media))
        except FetchError as error:
            passing |= _may_pass(error)
            notices.append(
                _("Een afbeelding bij het bericht kon niet worden gekopieerd: %s")
                % error
            )
    changed = _store(embed, rows, complete, copies, found, notices)
    if changed:
        post_enriched.send(sender=Embed, embed=embed)
    if passing:
        raise EnrichmentIncomplete(" ".join(notices))
    return notices


@transaction.atomic
def _store(embed, rows, complete, copies, found, notices) -> bool:
    """Write what enrichment found: new media rows and copies, then the record's
    blanks, with the notices (a failed copy's among them) as its last error."""
    for position, media in enumerate(complete.media):
        row = (
            rows[position] if position < len(rows) else _new_row(embed, position, media)
        )
        if position in copies and not _store_copy(row, copies[position], notices):
            del copies[position]
        if row.pk is None or position in copies:
            row.save()
    now = timezone.now()
    blanks = {
        name: value
        for name, value in fields_of(complete).items()
        if value and not getattr(embed, name) and name != "provider"
    }
    updates = {**blanks, "check_error": " ".join(notices)[:500]}
    if found is not None:
        updates.update(last_checked_at=now, last_seen_at=now)
    for name, value in updates.items():
        setattr(embed, name, value)
    # Only these fields: an editor's change made meanwhile is kept. Saving (not
    # QuerySet.update) lets the page cache see a change readers see.
    embed.save(update_fields=[*updates, *(["updated_at"] if blanks else [])])
    return bool(blanks or copies or len(complete.media) > len(rows))


def _store_copy(row: EmbedMedia, copy, notices: list[str]) -> bool:
    """Store ``copy`` as ``row``'s image; False, with a notice, when the media store
    fails (full, read-only, unreachable: an OSError whichever store)."""
    # A random part: a name is never used twice, so a cached copy never goes stale.
    name = (
        f"{row.embed.provider}-{row.embed.pk}-{row.position}-"
        f"{secrets.token_urlsafe(6)}.{copy.format_extension}"
    )
    try:
        row.image.save(name, ContentFile(copy.content), save=False)
    except OSError:
        logger.warning("Could not store a copy of %s", row.source_url, exc_info=True)
        row.image = None
        notices.append(
            _("Een afbeelding bij het bericht kon niet worden bewaard: de opslag voor "
              "media is niet bereikbaar of staat geen nieuwe bestanden toe.")
        )  # fmt: skip
        return False
    return True


def _as_post(embed: Embed, rows: list[EmbedMedia], images: list[str]) -> Post:
    """What we archived of ``embed`` as a Post, media included."""
    return Post(
        provider=embed.provider,
        url=embed.url,
        post_id=embed.post_id,
        author_name=embed.author_name,
        author_handle=embed.author_handle,
        author_url=embed.author_url,
        text_html=embed.text_html,
        text=embed.text,
        language=embed.language,
        published_at=embed.published_at,
        title=embed.title,
        platform_ref=embed.platform_ref,
        source=embed.source,
        media=tuple(
            Media(
                kind=row.kind,
                url=row.source_url,
                alt=row.alt,
                thumbnail_url=images[n] if n < len(images) else "",
            )
            for n, row in enumerate(rows)
        ),  # fmt: skip
    )


def _new_row(embed: Embed, position: int, media: Media) -> EmbedMedia:
    return EmbedMedia(
        embed=embed,
        position=position,
        kind=media.kind,
        source_url=media.url[:1000],
        alt=media.alt[:1000],
    )


def _image_url(media: Media) -> str:
    url = media.thumbnail_url or (media.url if media.kind == "image" else "")
    # X's pic.twitter.com links are pages, not images.
    return "" if "pic.twitter.com" in url else url


def _copy(url: str):
    from embeds.media import copy_image

    return copy_image(url)


def _may_pass(error: BaseException | None) -> bool:
    """A timeout, a failed connection or a server error may pass; a refusal won't."""
    if isinstance(error, FetchHTTPError):
        return error.status >= 500 or error.status == 429
    return isinstance(error, (FetchTimeout, FetchFailed))
