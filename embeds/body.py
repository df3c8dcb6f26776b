"""Embedded posts inside an article body (pure: sanitized HTML in, HTML out).

In the stored body a post is a reference, never third-party HTML: a paragraph that
holds nothing but the post's canonical URL, as a link. ``extract_posts`` turns what
an editor pasted (a post's URL, a platform's embed code, a post copied as plain text)
into such references; ``replace_references`` swaps references for rendered cards.
"""

import html
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

from django.utils.html import format_html
from django.utils.translation import gettext as _

from embeds.canonical import canonicalize, find_url
from embeds.parsing import (
    has_signature,
    parse_embed_code,
    parse_signature_post,
)
from embeds.post import Post, text_post_url

__all__ = ["Extraction", "extract_posts", "reference_paragraph", "replace_references"]

# Top-level blocks of sanitized body HTML (nh3 output: well-formed, attribute values
# escaped, so a tag never holds a raw ">").
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"br", "hr", "img"}
_BREAK = re.compile(r"<br\s*/?>|</p>", re.IGNORECASE)
# The signature of a post pasted as HTML, which the editor wrapped in a paragraph.
_WRAPPED_SIGNATURE = re.compile(
    r"<p>\s*((?:—|&mdash;)(?:(?!</?p>).)*)</p>\s*$", re.DOTALL
)
_ANY_TAG = re.compile(r"<[^>]+>")
# Once our paste helper joined a pasted post's lines with this (the editor's paste now
# uses <br>, articles/admin/editor/pasting.py); bodies saved then still hold it.
LINE_SEPARATOR = "\u2028"
_CODE_START = re.compile(r"^\s*<(blockquote|iframe)\b", re.IGNORECASE)


@dataclass
class Extraction:
    html: str
    posts: list[Post] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _blocks(body: str) -> list[tuple[str, str]]:
    """``[(tag, outer_html), ...]`` per top-level element; loose text as ("", text)."""
    blocks, depth, start, tag = [], 0, 0, ""
    position = 0
    for match in _TAG.finditer(body):
        closing, name, self_closing = (
            match.group(1),
            match.group(2).lower(),
            match.group(3),
        )
        if (
            depth == 0
            and match.start() > position
            and body[position : match.start()].strip()
        ):
            blocks.append(("", body[position : match.start()]))
        if name in _VOID or self_closing:
            if depth == 0:
                blocks.append((name, match.group(0)))
                position = match.end()
            continue
        if not closing:
            if depth == 0:
                start, tag = match.start(), name
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                blocks.append((tag, body[start : match.end()]))
                position = match.end()
    if body[position:].strip():
        blocks.append(("", body[position:]))
    return blocks


def _text(block_html: str) -> str:
    """A block's text: tags gone, entities decoded, line breaks kept as newlines."""
    text = _BREAK.sub("\n", block_html)
    text = _ANY_TAG.sub("", text)
    return html.unescape(text).replace(LINE_SEPARATOR, "\n").strip()


def _inner(block_html: str) -> str:
    return block_html[block_html.index(">") + 1 : block_html.rindex("<")]


def reference_paragraph(url: str) -> str:
    """The stored form of an embedded post."""
    return format_html('<p><a href="{}">{}</a></p>', url, url)


def extract_posts(body: str, *, known_urls: Collection[str] = ()) -> Extraction:
    """Find pasted posts in ``body`` and replace each with a reference paragraph.

    ``known_urls`` are archived posts' URLs (for references that are not a
    provider's post URL, such as posts pasted as text). A URL of an unknown site
    alone in a paragraph stays, as a link, with a notice; embed code we cannot read
    stays as the editor pasted it, with a notice. Never raises.
    """
    result = Extraction(html="")
    seen: set[str] = set()
    out: list[str] = []
    blocks = _blocks(body or "")
    index = 0

    def add(post: Post) -> None:
        out.append(reference_paragraph(post.url))
        if post.url not in seen:
            seen.add(post.url)
            result.posts.append(post)

    while index < len(blocks):
        tag, block = blocks[index]
        index += 1
        text = _text(block) if tag in {"p", "blockquote", ""} else ""
        if tag == "p" and (url := find_url(text)):
            if url in known_urls:
                add(Post(provider="", url=url, source="url"))
            elif found := canonicalize(url):
                provider, canonical, post_id = found
                add(
                    Post(
                        provider=provider, url=canonical, post_id=post_id, source="url"
                    )
                )
            else:
                out.append(format_html('<p><a href="{}">{}</a></p>', url, url))
                result.notices.append(
                    _(
                        "%(url)s is geen bericht van een platform dat we kennen; het "
                        "staat als gewone link in de tekst."
                    )
                    % {"url": url}
                )
            continue
        if tag in {"p", ""} and _CODE_START.match(text):
            code, consumed = _gather_code(text, blocks, index)
            post = parse_embed_code(code)
            if post and post.url:
                index += consumed
                add(post)
            else:
                out.append(block)
                result.notices.append(
                    _(
                        "Ingesloten code kon niet worden gelezen (onvolledig of van "
                        "een onbekend platform); ze staat nog als tekst in het artikel."
                    )
                )
            continue
        if tag == "p" and text and has_signature(text.splitlines()[-1]):
            post = parse_signature_post(text)
            if post:
                add(replace(post, url=post.url or text_post_url(post)))
                continue
        if tag == "blockquote" and has_signature(text.splitlines()[-1] if text else ""):
            # An embedded post copied from a web page as HTML: the editor keeps the
            # blockquote and its signature line with the status link.
            inner = _WRAPPED_SIGNATURE.sub(r"\1", _inner(block))
            post = parse_embed_code(
                f'<blockquote class="twitter-tweet">{inner}</blockquote>'
            )
            if post and post.url:
                add(post)
                continue
        out.append(block)
    result.html = "".join(out)
    return result


def _gather_code(
    first: str, blocks: list[tuple[str, str]], index: int
) -> tuple[str, int]:
    """Embed code that ProseMirror may have split over several paragraphs."""
    element = _CODE_START.match(first).group(1).lower()
    closing = f"</{element}>"
    parts, consumed = [first], 0
    while closing not in "\n".join(parts).lower() and index + consumed < len(blocks):
        tag, block = blocks[index + consumed]
        if tag != "p":
            break
        parts.append(_text(block))
        consumed += 1
    if index + consumed < len(blocks):
        tag, block = blocks[index + consumed]
        if tag == "p" and _text(block).lower().startswith("<script"):
            parts.append(_text(block))
            consumed += 1
    return "\n".join(parts), consumed


def reference_urls(body: str) -> list[str]:
    """The URLs of paragraphs that hold nothing but a URL, in order."""
    urls = []
    for tag, block in _blocks(body or ""):
        if tag == "p" and (url := find_url(_text(block))):
            urls.append(url)
    return urls


def replace_references(body: str, render: Callable[[str], str | None]) -> str:
    """``body`` with each reference paragraph replaced by ``render(url)``.

    ``render`` returns the card's HTML, or None to keep the paragraph as it is.
    """
    out = []
    for tag, block in _blocks(body or ""):
        if tag == "p" and (url := find_url(_text(block))):
            card = render(url)
            if card is not None:
                out.append(card)
                continue
        out.append(block)
    return "".join(out)
