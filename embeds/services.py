"""Writes to the archive: archiving a post, re-checking it, linking articles to posts.

Network access happens after an editor adds a post (``embeds.enrichment``, a task a
worker runs) or when the refresh command runs (``check_remote``); never while a page
renders or a save waits. The post keeps what is known whatever a provider does.
"""

from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from embeds.body import extract_posts, reference_urls
from embeds.enrichment.completing import image_urls, needs_enrichment
from embeds.enrichment.tasks import enrich_post
from embeds.models import Embed, EmbedMedia
from embeds.post import Post, fields_of, text_post_url
from embeds.providers import PROVIDERS

__all__ = [
    "archive_post",
    "can_check",
    "check_remote",
    "embed_body",
    "lacking_notice",
    "record_check",
    "refresh_embed",
]


def fetching_enabled() -> bool:
    """EMBEDS_FETCH (on by default) lets archiving ask providers for detail."""
    return getattr(settings, "EMBEDS_FETCH", True)


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
                for name, value in fields_of(post).items()
                if value and not getattr(existing, name)
            }
            if blanks:
                Embed.objects.filter(pk=existing.pk).update(**blanks)
                existing.refresh_from_db()
        return existing
    now = timezone.now()
    embed = Embed.objects.create(
        url=post.url,
        source=post.source if post.source in Embed.Source.values else Embed.Source.URL,
        state=Embed.State.LIVE,
        last_checked_at=now if post.source == "oembed" else None,
        last_seen_at=now,
        **fields_of(post),
    )
    for position, media in enumerate(post.media):
        EmbedMedia.objects.create(
            embed=embed,
            position=position,
            kind=media.kind,
            source_url=media.url[:1000],
            alt=media.alt[:1000],
        )
    pending = False
    if fetch and needs_enrichment(post):
        # In this transaction: the task's row commits with the post's (tasks.py).
        result = enrich_post.enqueue(embed.pk, image_urls(post))
        pending = not result.is_finished
        if result.is_finished:  # the immediate backend ran it here and now
            embed.refresh_from_db()
    notice = lacking_notice(embed, pending=pending)
    if notice and notice not in notices:
        notices.append(notice)
    return embed


def lacking_notice(embed: Embed, *, pending: bool = False) -> str | None:
    """One line for the editor about a post we hold no content of (no author, text
    or title): which post (platform, author or URL), and what its card shows.
    ``pending``: its details are being fetched in the background. None for a post
    with content."""
    if embed.author_name or embed.text or embed.title:
        return None
    who = embed.author_handle or embed.url
    what = _("%(provider)s-bericht van %(who)s") % {
        "provider": embed.provider_name,
        "who": who,
    }
    if embed.author_handle:
        what += f" ({embed.url})"
    if pending:
        why = _("de gegevens worden op de achtergrond opgehaald")
    elif embed.check_error:
        why = _(
            "%(provider)s gaf nu geen gegevens; we vragen het later op de "
            "achtergrond opnieuw"
        ) % {"provider": embed.provider_name}
    else:
        why = _("we hebben er nog geen gegevens van")
    return _(
        "%(what)s: %(why)s. Tot dan toont de kaart alleen %(provider)s en een link "
        "naar het origineel."
    ) % {"what": what, "why": why, "provider": embed.provider_name}


def embed_body(body: str) -> tuple[str, list[Embed], list[str]]:
    """Turn what was pasted into ``body`` into references to archived posts.

    Returns the new body, the posts it references (in order) and notices for the
    editor. Call inside the transaction that saves the article.
    """
    # One query for the posts the body already references (a long article's save
    # costs the same with 2 posts or 20); archive_post for the rest.
    known = {
        embed.url: embed for embed in Embed.objects.filter(url__in=reference_urls(body))
    }
    extraction = extract_posts(body, known_urls=known)
    notices = list(extraction.notices)
    embeds = [
        _as_archived(post, known) or archive_post(post, notices=notices)
        for post in extraction.posts
    ]
    return extraction.html, embeds, notices


def _as_archived(post: Post, known: dict[str, Embed]) -> Embed | None:
    """The record in ``known`` that ``archive_post`` would return unchanged for
    ``post``; None when it is not there or would gain something from the post."""
    existing = known.get(post.url) if post.url else None
    if existing is None:
        return None
    if post.provider and any(
        value and not getattr(existing, name) for name, value in fields_of(post).items()
    ):
        return None
    return existing


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
            for name, value in fields_of(found).items()
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
