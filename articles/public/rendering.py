"""Turning a stored (sanitized) body into the HTML readers get.

Pure functions over sanitized HTML: no database, no network.
"""

import re
from collections.abc import Mapping

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.sanitize import sanitize_body, sanitize_inline
from embeds.body import replace_references

__all__ = ["render_body", "split_attribution"]

# The innermost block quote whose last paragraph starts with a dash: that paragraph is
# the attribution ("— Tom Middendorp, in Nieuwsuur"; also "–", "--" or "- " as a
# keyboard types it). The quoted part holds no other
# block quote, opening or closing, so the figure never straddles one.
_QUOTE_WITH_ATTRIBUTION = re.compile(
    r"<blockquote>((?:(?!</?blockquote>).)*?)<p>\s*(?:—|–|--|-(?=\s))\s*((?:(?!</p>).)+)</p>"
    r"\s*</blockquote>",
    re.DOTALL,
)
_SOURCE_SEPARATOR = re.compile(r",\s+(?:in|op|bij|tegen)\s+", re.IGNORECASE)
# A tag in sanitized inline HTML (nh3 escapes "<" and ">" inside attribute values).
_TAG = re.compile(r"<(/?)[a-z][^>]*>")


def split_attribution(text: str) -> tuple[str, str]:
    """``"Tom Middendorp, in Nieuwsuur"`` -> ``("Tom Middendorp", "Nieuwsuur")``.

    The part after ", in ", ", op ", ", bij " or ", tegen " is where it was said;
    without such a part the second item is "". ``text`` may be sanitized inline HTML:
    a separator inside an element (``<a href="..">X, in Y</a>``) or a tag does not
    count, so both items stay well-formed.
    """
    separator = _top_level_separator(text)
    if separator:
        return text[: separator.start()].strip(), text[separator.end() :].strip()
    return text.strip(), ""


def _top_level_separator(text: str) -> re.Match | None:
    """The first source separator in ``text`` that is outside every tag and element."""
    depth, start = 0, 0
    for tag in _TAG.finditer(text):
        if depth == 0 and (found := _SOURCE_SEPARATOR.search(text, start, tag.start())):
            return found
        depth = max(depth + (-1 if tag.group(1) else 1), 0)
        start = tag.end()
    return _SOURCE_SEPARATOR.search(text, start) if depth == 0 else None


def _quote_figure(match: re.Match) -> str:
    """The figure for one attributed quote; the quote unchanged when the quoted part
    or the name is empty (a lone "—" is not an attribution)."""
    quote, attribution = match.group(1), sanitize_inline(match.group(2))
    who, where = split_attribution(attribution)
    if not who or not quote.strip():
        return match.group(0)
    # Both parts are sanitized inline HTML already; mark_safe keeps their links.
    if where:
        caption = format_html(
            '<span class="quote-who">{}</span>, {} <cite>{}</cite>',
            mark_safe(who),  # noqa: S308
            _separator_word(attribution),
            mark_safe(where),  # noqa: S308
        )
    else:
        caption = format_html('<span class="quote-who">{}</span>', mark_safe(who))  # noqa: S308
    return (
        f'<figure class="quote"><blockquote>{quote}</blockquote>'
        f"<figcaption>— {caption}</figcaption></figure>"
    )


def _separator_word(text: str) -> str:
    match = _top_level_separator(text)
    return match.group(0).strip(", ").strip() if match else ""


def render_body(html: str, *, cards: Mapping[str, str] | None = None) -> SafeString:
    """The reader's HTML for a stored body.

    The body is sanitized again (cheap, and it makes a row edited outside the app
    harmless), then quotes with an attribution become ``figure``/``figcaption`` and
    each reference to an embedded post whose URL is in ``cards`` becomes that card
    (rendered by embeds.rendering from our archive).
    """
    cleaned = sanitize_body(html)
    rendered = _QUOTE_WITH_ATTRIBUTION.sub(_quote_figure, cleaned)
    if cards:
        rendered = replace_references(rendered, cards.get)
    return mark_safe(rendered)  # noqa: S308
