"""The article body's safe subset of HTML, and the one function that enforces it.

Editors write in django-prose-editor with only the extensions below; whatever reaches
the server (a forged POST, an import, a paste the editor did not normalise) goes
through :func:`sanitize_body` before it is stored.
"""

import re
import unicodedata

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
    # The editor turns the browser's spellcheck off unless told not to; editors
    # want it, in the article's language (static/js/admin-article.js sets lang).
    "NoSpellCheck": False,
}

ALLOWED_TAGS = {
    "p", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# nh3 allows ``title`` and ``lang`` on every tag unless "*" says otherwise.
_NO_GENERIC_ATTRIBUTES = {"*": set()}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements dropped together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
    "math", "textarea", "select", "title", "noembed", "noframes", "xmp",
}  # fmt: skip

_HEADING_LEVELS = [
    (re.compile(r"<(/?)h1(?=[\s>])", re.IGNORECASE), r"<\1h2"),
    (re.compile(r"<(/?)h[4-6](?=[\s>])", re.IGNORECASE), r"<\1h3"),
    (re.compile(r"<(/?)b(?=[\s>])", re.IGNORECASE), r"<\1strong"),
    (re.compile(r"<(/?)i(?=[\s>])", re.IGNORECASE), r"<\1em"),
]
_EMPTY = re.compile(r"^(?:\s|<p>(?:\s|<br>|&nbsp;)*</p>)*$")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d{1,9}")


def _invisible(char: str) -> bool:
    """Controls, format characters (zero-width joiners, direction overrides, soft
    hyphens) and U+FFFD, which the parser puts where a NUL was."""
    return unicodedata.category(char) in {"Cc", "Cf"} or char == "\ufffd"


def _clean_href(url: str) -> str | None:
    """``url`` without invisible characters, or None if its scheme is not allowed.

    nh3 judges the scheme of the address as given, so "javascript:" with a zero-width
    joiner in it passed as a relative address. Here the scheme is judged with
    invisible characters and all whitespace removed; the address that is kept loses
    its invisible characters too. Relative addresses pass.
    """
    visible = "".join(char for char in url if not _invisible(char)).strip()
    scheme = _SCHEME.match("".join(visible.split()))
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return None
    return visible


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: hrefs as :func:`_clean_href`, ``ol start`` a number."""
    if attribute == "href":
        return _clean_href(value)
    if attribute == "start":
        return value.strip() if _NUMBER.fullmatch(value.strip()) else None
    return value


def _clean(cleaner: nh3.Cleaner, html: str) -> str:
    """``cleaner``'s output, cleaned again until it no longer changes.

    Unwrapping a disallowed element can leave markup that a parser reads anew (a
    heading that was inside an unknown element ends up inside a heading); what is
    stored must be what a browser builds from it, or the next parse could differ.
    Two passes nearly always suffice.
    """
    cleaned = cleaner.clean(html)
    for _attempt in range(3):
        again = cleaner.clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


_body_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES | _NO_GENERIC_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)
_inline_cleaner = nh3.Cleaner(
    tags={"strong", "em", "a"},
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes={"a": {"href"}} | _NO_GENERIC_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=URL_SCHEMES,
    link_rel=None,
)


def sanitize_body(html: str) -> str:
    """Return ``html`` reduced to the body's safe subset.

    Headings are mapped onto the two levels the body uses (h1 becomes h2, h4 to h6
    become h3), ``b``/``i`` onto ``strong``/``em``. Scripts, styles, frames and their
    content disappear. Only the attributes in ``ALLOWED_ATTRIBUTES`` stay, so event
    handlers, styles and classes never survive; neither do ``javascript:`` or
    ``data:`` URLs, not even with invisible characters in the scheme. ``ol start``
    is kept only as a number. A body with nothing but empty paragraphs (whitespace,
    ``<br>`` or ``&nbsp;``) is "".
    """
    if not html:
        return ""
    for pattern, replacement in _HEADING_LEVELS:
        html = pattern.sub(replacement, html)
    cleaned = _clean(_body_cleaner, html).strip()
    return "" if _EMPTY.match(cleaned) else cleaned


def sanitize_inline(html: str) -> str:
    """Inline text (a quote's attribution): emphasis and links only."""
    return _clean(_inline_cleaner, html or "").strip()
