"""The card: an archived post rendered by us, readable without JavaScript.

Nothing on the card loads from another origin: text is ours (sanitized), images are
our copies, links are plain links. The original loads only after the reader clicks
(static/js/embeds.js), with what ``load_config`` describes.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from embeds.icons import ICONS
from embeds.models import Embed, EmbedMedia
from embeds.post import Post, fields_of, text_post_url
from embeds.providers import PROVIDERS
from embeds.sanitize import sanitize_post_html

__all__ = ["load_config", "preview_card", "render_card"]


def render_card(embed: Embed) -> SafeString:
    """The card's HTML. Uses ``embed.media.all()`` (prefetch it for many cards)."""
    return render_to_string(
        "embeds/card.html",
        {
            "embed": embed,
            "icon": mark_safe(ICONS[embed.provider]),  # noqa: S308 (our own constant)
            # Sanitized again on the way out: a row edited outside the app stays safe.
            "text_html": mark_safe(sanitize_post_html(embed.text_html)),  # noqa: S308
            "media": list(embed.media.all()),
            "loadable": embed.state == Embed.State.LIVE,
        },
    )


def load_config(providers) -> dict:
    """What the reader's browser needs to load originals of ``providers`` on request.

    Rendered with ``json_script`` (text of a script element, never an attribute).
    """
    return {
        key: {"name": PROVIDERS[key]["name"], **PROVIDERS[key]["load"]}
        for key in sorted(set(providers))
    }


def preview_card(post: Post) -> SafeString:
    """The card ``post`` will get once archived, from what was pasted (code or text):
    nothing is stored or fetched. Its images show as links until the save copies
    them."""
    url = post.url or text_post_url(post)
    embed = Embed(url=url, state=Embed.State.LIVE, **fields_of(post))
    media = [
        EmbedMedia(kind=item.kind, source_url=item.url, alt=item.alt)
        for item in post.media
    ]
    return render_to_string(
        "embeds/card.html",
        {
            "embed": embed,
            "icon": mark_safe(ICONS[embed.provider]),  # noqa: S308 (our own constant)
            "text_html": mark_safe(sanitize_post_html(embed.text_html)),  # noqa: S308
            "media": media,
            "loadable": False,
        },
    )
