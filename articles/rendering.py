"""Turning a stored (sanitized) body into the HTML readers get.

Pure functions over sanitized HTML: no database, no network.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.sanitize import sanitize_body, sanitize_inline

__all__ = ["render_body", "split_attribution"]

# The innermost block quote whose last paragraph starts with a dash: that paragraph is
# the attribution ("— Tom Middendorp, in Nieuwsuur").
_QUOTE_WITH_ATTRIBUTION = re.compile(
    r"<blockquote>((?:(?!<blockquote>).)*?)<p>\s*(?:—|–|--?)\s*((?:(?!</p>).)+)</p>\s*"
    r"</blockquote>",
    re.DOTALL,
)
_SOURCE_SEPARATOR = re.compile(r",\s+(?:in|op|bij|tegen)\s+", re.IGNORECASE)


def split_attribution(text: str) -> tuple[str, str]:
    """``"Tom Middendorp, in Nieuwsuur"`` -> ``("Tom Middendorp", "Nieuwsuur")``.

    The part after ", in ", ", op ", ", bij " or ", tegen " is where it was said;
    without such a part the second item is "".
    """
    parts = _SOURCE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return text.strip(), ""


def _quote_figure(match: re.Match) -> str:
    quote, attribution = match.group(1), sanitize_inline(match.group(2))
    who, where = split_attribution(attribution)
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
    match = _SOURCE_SEPARATOR.search(text)
    return match.group(0).strip(", ").strip() if match else ""


def render_body(html: str) -> SafeString:
    """The reader's HTML for a stored body.

    The body is sanitized again (cheap, and it makes a row edited outside the app
    harmless), then quotes with an attribution become ``figure``/``figcaption``.
    """
    cleaned = sanitize_body(html)
    return mark_safe(_QUOTE_WITH_ATTRIBUTION.sub(_quote_figure, cleaned))  # noqa: S308
