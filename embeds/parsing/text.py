"""Posts in plain text (pure: text in, Posts out).

Three ways in: a post's URL (:func:`post_from_url`), a platform's embed code
(:func:`parse_embed_code`, one reader per platform in embeds.parsing.code) and an X
post copied from a web page as plain text, which ends in its signature line
(:func:`parse_signature_post`). :func:`find_posts` finds all three in a plain-text
document, for the article importer.
"""

import re
from dataclasses import dataclass

from embeds.canonical import find_url, post_from_url
from embeds.parsing.code import MAX_CODE_LENGTH, parse_embed_code
from embeds.parsing.dates import parse_post_date
from embeds.post import Media, Post
from embeds.sanitize import html_to_text, linkify_post_text

__all__ = [
    "SIGNATURE",
    "Segment",
    "find_posts",
    "has_signature",
    "parse_signature_post",
]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November"
    "|December"
)
# How X signs an embedded post, which a web page's text keeps when copied:
# "— Jane Doe (@janedoe) March 3, 2024", at the end of the post's last line.
SIGNATURE = re.compile(
    r"(?:^|(?<=\s))—\s*(?P<name>[^—\n]*?)\s*\(@(?P<handle>[A-Za-z0-9_]{1,15})\)\s+"
    rf"(?P<date>(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*$"
)
_PICTURE = re.compile(r"(?:https?://)?(pic\.(?:twitter|x)\.com/[A-Za-z0-9]+)")
# A post copied as text is rarely longer; the bound keeps one stray double blank
# line high up in an article from turning the whole article into a post.
MAX_POST_PARAGRAPHS = 10


def has_signature(line: str) -> bool:
    """Whether ``line`` ends in an X post's signature (see ``SIGNATURE``)."""
    return isinstance(line, str) and SIGNATURE.search(line) is not None


def parse_signature_post(text: str) -> Post | None:
    """The X post in ``text``, copied from a web page, or None without a signature.

    ``text`` is the post: its last line ends in ``— Name (@handle) Month D, YYYY``;
    what comes before, over any number of lines and paragraphs, is the post's text.
    ``pic.twitter.com`` links become link-only images; the text is linkified (URLs,
    @mentions, #hashtags). The copy holds no link to the post itself, so ``url``
    and ``post_id`` are "": the caller keys the record (and may fill in the URL once
    it is known). Source "text". None for text past ``MAX_CODE_LENGTH``
    characters. Never raises.
    """
    if not isinstance(text, str) or len(text) > MAX_CODE_LENGTH:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip().split("\n")
    signature = SIGNATURE.search(lines[-1])
    if not signature:
        return None
    body = "\n".join([*lines[:-1], lines[-1][: signature.start()]])
    media = []
    for picture in _PICTURE.finditer(body):
        image = Media("image", "https://" + picture.group(1))
        media += [image] if image not in media else []
    body = "\n".join(line.rstrip() for line in _PICTURE.sub("", body).split("\n"))
    text_html = linkify_post_text(body, provider="x")
    handle = signature["handle"]
    return Post(
        provider="x",
        url="",
        author_name=signature["name"],
        author_handle="@" + handle,
        author_url=f"https://x.com/{handle}",
        text_html=text_html,
        text=html_to_text(text_html),
        published_at=parse_post_date(signature["date"]),
        media=tuple(media),
        source="text",
    )


@dataclass(frozen=True)
class Segment:
    """A run of lines of a document: ordinary text, or one post.

    ``text`` holds a text segment's lines as they were (blank lines included);
    ``raw`` the lines a post was read from. Joined with newlines, the segments'
    ``text`` or ``raw`` give back the document.
    """

    kind: str  # "text" or "post"
    text: str = ""
    post: Post | None = None
    raw: str = ""


_CODE_START = re.compile(r"\s*<(blockquote|iframe|div)\b", re.IGNORECASE)
# A block without a platform's mark is no code of ours (a quote, a pasted div): it
# is left to the line-by-line reading, not parsed as HTML.
_EMBED_MARK = re.compile(
    r"<iframe\b|(?:twitter-tweet|twitter-video|bluesky-embed|mastodon-embed"
    r"|instagram-media|tiktok-embed)\b",
    re.IGNORECASE,
)
# Real code is one line to a few dozen; an end tag further away is not its own.
MAX_CODE_LINES = 100
_SCRIPT_LINE = re.compile(r"\s*<script\b[^>]*>\s*</script\s*>\s*", re.IGNORECASE)


def _code_end(lines: list[str], start: int, tag: str) -> int:
    """The last line of the code that opens on line ``start`` with ``tag``.

    Where its end tag never comes (code cut off), the code ends before the next
    blank line. Then any ``<script>`` lines that follow.
    """
    opening = re.compile(rf"<{tag}\b", re.IGNORECASE)
    closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth, size, end = 0, 0, None
    for index in range(start, min(len(lines), start + MAX_CODE_LINES)):
        depth += len(opening.findall(lines[index])) - len(closing.findall(lines[index]))
        size += len(lines[index])
        if depth <= 0:
            end = index
            break
        if size > MAX_CODE_LENGTH:
            break
    if end is None:
        end = start
        last = min(len(lines), start + MAX_CODE_LINES) - 1
        while end < last and lines[end + 1].strip():
            end += 1
    while end + 1 < len(lines) and _SCRIPT_LINE.fullmatch(lines[end + 1]):
        end += 1
    return end


def _marked_posts(lines: list[str]) -> list[tuple[int, int, Post]]:
    """(first line, last line, post) of each URL line and each block of code."""
    found, index = [], 0
    while index < len(lines):
        line = lines[index]
        start = _CODE_START.match(line)
        if start:
            end = _code_end(lines, index, start.group(1).lower())
            code = "\n".join(lines[index : end + 1])
            if _EMBED_MARK.search(code):
                post = parse_embed_code(code)
                if post:
                    found.append((index, end, post))
                # Read or not, these lines were the code: none starts a post.
                index = end + 1
                continue
        url = find_url(line) if "://" in line else None
        post = post_from_url(url) if url else None
        if post:
            found.append((index, index, post))
        index += 1
    return found


def _paragraphs(lines: list[str], low: int, high: int) -> list[tuple[int, int, int]]:
    """(first line, last line, blank lines before) of each paragraph in a range."""
    paragraphs, blanks, first = [], 0, None
    for index in range(low, high):
        if lines[index].strip():
            if first is None:
                first, gap = index, blanks
            blanks = 0
            if index + 1 == high or not lines[index + 1].strip():
                paragraphs.append((first, index, gap))
                first = None
        else:
            blanks += 1
    return paragraphs


def _text_posts(lines: list[str], low: int, high: int) -> list[tuple[int, int, Post]]:
    """Posts copied as text between lines ``low`` and ``high`` (exclusive).

    A post is the paragraph ending in a signature; it reaches back over earlier
    paragraphs up to the nearest gap of two or more blank lines, if that gap comes
    within ``MAX_POST_PARAGRAPHS`` paragraphs (and after the previous post).
    """
    found, floor = [], 0
    paragraphs = _paragraphs(lines, low, high)
    for number, (_first, last, _gap) in enumerate(paragraphs):
        if not has_signature(lines[last]):
            continue
        start = number
        for back in range(number, max(floor, number - MAX_POST_PARAGRAPHS + 1) - 1, -1):
            if paragraphs[back][2] >= 2:
                start = back
                break
        post = parse_signature_post("\n".join(lines[paragraphs[start][0] : last + 1]))
        if post:
            found.append((paragraphs[start][0], last, post))
            floor = number + 1
    return found


def find_posts(text: str) -> list[Segment]:
    """``text`` (lines apart by "\\n") split into text and post segments, in order.

    A post is (a) a line holding nothing but a known post's URL (another site's
    URL stays text); (b) embed code: from a line that starts with ``<blockquote``,
    ``<iframe`` or ``<div`` through its end tag and any ``<script>`` lines right
    after it, as long as :func:`parse_embed_code` reads a post in it; (c) an X post
    copied as text: the paragraph whose last line carries the signature, and the
    paragraphs before it back to a gap of two or more blank lines (see
    :func:`_text_posts`). Never raises.
    """
    if not isinstance(text, str):
        return []
    lines = text.split("\n")
    marked = _marked_posts(lines)
    posts, low = [], 0
    for first, last, post in [*marked, (len(lines), len(lines), None)]:
        posts += _text_posts(lines, low, first)
        if post:
            posts.append((first, last, post))
        low = last + 1
    segments, position = [], 0
    for first, last, post in posts:
        if first > position:
            segments.append(Segment("text", text="\n".join(lines[position:first])))
        raw = "\n".join(lines[first : last + 1])
        segments.append(Segment("post", post=post, raw=raw))
        position = last + 1
    if position < len(lines):
        segments.append(Segment("text", text="\n".join(lines[position:])))
    return segments
