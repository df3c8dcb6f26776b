"""Text for cards: a lede trimmed at a word boundary (articles/public/highlight.py)."""

from django import template

from articles.public.highlight import trim_words

register = template.Library()

# About three lines of a teaser at its narrowest; CSS clamps the rest.
TEASER_LEDE = 160


@register.filter
def teaser_lede(text: str, limit: int = TEASER_LEDE) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…"."""
    return trim_words(text or "", int(limit))
