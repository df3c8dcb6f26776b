"""A stored body as readers get it, its posts as cards: shared by the article page
and the live page's entries, rendered once per version of the body and its posts."""

from django.utils.safestring import SafeString, mark_safe

from articles.caching.fragments import cached_fragment
from articles.public.rendering import render_body
from embeds.rendering import render_card

__all__ = ["body_with_cards"]


def body_with_cards(body: str, embeds: list) -> SafeString:
    """``body`` with its posts (``embeds``, their ``media`` prefetched) as cards.

    The cache key holds the body itself and the state of every post and its media,
    so an edited body or a post gone missing renders afresh.
    """
    versions = [
        (
            embed.pk,
            embed.state,
            embed.updated_at,
            [(m.pk, m.image.name, m.alt, m.width, m.height) for m in embed.media.all()],
        )
        for embed in embeds
    ]

    def render():
        cards = {embed.url: render_card(embed) for embed in embeds}
        return str(render_body(body, cards=cards))

    # render_body's own output (sanitized body, cards built with format_html).
    html = cached_fragment("body", (body, versions), render)
    return mark_safe(html)  # noqa: S308
