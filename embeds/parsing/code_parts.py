"""What the platforms' embed codes have in common, for embeds.parsing.code (pure).

Links carry tracking parameters; the post's text sits in one element; X and Bluesky
sign it "— Name (@handle)" followed by a link to the post whose text is the date.
"""

import re
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from embeds.canonical import canonicalize
from embeds.parsing.dates import parse_post_date
from embeds.parsing.markup import Element
from embeds.post import Media
from embeds.sanitize import html_to_text, sanitize_post_html

__all__ = [
    "byline",
    "children_between",
    "clean_href",
    "date_of",
    "https",
    "post_link",
    "post_text",
]

_TRACKING = {"ref_src", "ref_url", "refer", "igshid", "igsh", "embed_source"}
_PICTURE = re.compile(r"(?:https?://)?(pic\.(?:twitter|x)\.com/[A-Za-z0-9]+)")
_BYLINE = re.compile(r"\s*[—–-]?\s*(?P<name>.*?)\s*\(\s*(?P<handle>@?[^\s()]+)\s*\)\s*")
_SPACE_AT_ENDS = re.compile(r"(?<=<p>)\s+|\s+(?=</p>)")
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>)*</p>")


def https(url: str) -> str:
    """``url`` stripped, a protocol-relative ``//host/...`` made https."""
    url = url.strip()
    return "https:" + url if url.startswith("//") else url


def clean_href(href: str) -> str:
    """``href`` without the platforms' tracking parameters (``?ref_src=...``)."""
    try:
        parts = urlsplit(href.strip())
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return href
    kept = [
        (key, value)
        for key, value in query
        if key not in _TRACKING
        and not key.startswith("utm_")
        and not (key == "src" and value.startswith("hash"))  # X's "#tag" links
    ]
    if len(kept) == len(query):
        return href.strip()
    return urlunsplit(parts._replace(query=urlencode(kept)))


def post_text(
    element: Element | None, *, pictures: bool = False
) -> tuple[str, str, tuple[Media, ...]]:
    """(text_html, text, media) of a post's text element.

    With ``pictures`` (X), ``pic.twitter.com`` links leave the text and become
    link-only images, as X shows them: under the text, not in it.
    """
    if element is None:
        return "", "", ()
    media, dropped = [], set()
    for anchor in [el for el in element.iter() if el.tag == "a"]:
        picture = _PICTURE.fullmatch(anchor.text()) if pictures else None
        if picture:
            image = Media("image", "https://" + picture.group(1))
            media += [image] if image not in media else []
            dropped.add(id(anchor))
        else:
            anchor.attrs = {"href": clean_href(anchor.get("href"))}
    for el in element.iter():
        el.children = [child for child in el.children if id(child) not in dropped]
    html = sanitize_post_html(f"<p>{element.inner_html()}</p>")
    html = _EMPTY_PARAGRAPH.sub("", _SPACE_AT_ENDS.sub("", html))
    return html, html_to_text(html), tuple(media)


def _contains(outer: Element | str, inner: Element) -> bool:
    return isinstance(outer, Element) and any(el is inner for el in outer.iter())


def children_between(
    quote: Element, start: Element | None, stop: Element | None
) -> list:
    """The children of ``quote`` after the one holding ``start``, before ``stop``."""
    children = quote.children
    first = next((i + 1 for i, c in enumerate(children) if _contains(c, start)), 0)
    last = next((i for i, c in enumerate(children) if c is stop), len(children))
    return children[first:last]


def byline(nodes: list) -> tuple[str, str, Element | None]:
    """(name, handle, profile link) of "— Name (@handle)" in ``nodes``."""
    text = "".join(node if isinstance(node, str) else node.text() for node in nodes)
    match = _BYLINE.fullmatch(" ".join(text.split()))
    if not match:
        return "", "", None
    profile = next((n for n in nodes if isinstance(n, Element) and n.tag == "a"), None)
    return match["name"], match["handle"], profile


def post_link(
    quote: Element, provider: str, *, skip: Element | None = None
) -> tuple[Element | None, tuple[str, str, str] | None]:
    """(anchor, :func:`canonicalize` result) of the last link to a post of
    ``provider`` in ``quote``, outside ``skip`` (the post's text, which may link
    to other posts); (None, None) when there is none."""
    skipped = {id(el) for el in skip.iter()} if skip else set()
    found = None
    for anchor in quote.iter():
        if anchor.tag == "a" and id(anchor) not in skipped:
            target = canonicalize(https(anchor.get("href")))
            if target and target[0] == provider:
                found = anchor, target
    return found or (None, None)


def date_of(element: Element | None) -> date | datetime | None:
    """The date an element shows: its ``datetime`` attribute, else its text."""
    if element is None:
        return None
    return parse_post_date(element.get("datetime")) or parse_post_date(element.text())
