"""The article body's safe subset of HTML, and the one function that enforces it.

Editors write in django-prose-editor with only the extensions below; whatever reaches
the server (a forged POST, an import, a paste the editor did not normalise) goes
through :func:`sanitize_body` before it is stored.
"""

import re

import nh3

__all__ = ["ALLOWED_TAGS", "EDITOR_EXTENSIONS", "sanitize_body", "sanitize_inline"]

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}

ALLOWED_TAGS = {
    "p", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements dropped together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
    "math", "textarea", "select", "title",
}  # fmt: skip

_HEADING_LEVELS = [
    (re.compile(r"<(/?)h1(?=[\s>])", re.IGNORECASE), r"<\1h2"),
    (re.compile(r"<(/?)h[4-6](?=[\s>])", re.IGNORECASE), r"<\1h3"),
    (re.compile(r"<(/?)b(?=[\s>])", re.IGNORECASE), r"<\1strong"),
    (re.compile(r"<(/?)i(?=[\s>])", re.IGNORECASE), r"<\1em"),
]
_EMPTY = re.compile(r"^(?:\s|<p>(?:\s|<br>)*</p>)*$")

_body_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)
_inline_cleaner = nh3.Cleaner(
    tags={"strong", "em", "a"},
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes={"a": {"href"}},
    url_schemes=URL_SCHEMES,
    link_rel=None,
)


def sanitize_body(html: str) -> str:
    """Return ``html`` reduced to the body's safe subset.

    Headings are mapped onto the two levels the body uses (h1 becomes h2, h4 to h6
    become h3), ``b``/``i`` onto ``strong``/``em``. Scripts, styles, frames and their
    content disappear; event handlers, styles, classes and ``javascript:`` or
    ``data:`` URLs never survive. A body with nothing but empty paragraphs is "".
    """
    if not html:
        return ""
    for pattern, replacement in _HEADING_LEVELS:
        html = pattern.sub(replacement, html)
    cleaned = _body_cleaner.clean(html).strip()
    return "" if _EMPTY.match(cleaned) else cleaned


def sanitize_inline(html: str) -> str:
    """Inline text (a quote's attribution): emphasis and links only."""
    return _inline_cleaner.clean(html or "").strip()
