"""Matches in <mark>, safely: the text is escaped, only our own <mark> is markup.

Pure functions for search (articles/public/search.py). A stored body is HTML; its
text is taken out first (``plain_text``), so a match is never marked inside a tag
and markup in an article or a query only ever shows as text.

``passage`` cuts the part of an article's text around the first match (SQLite's
search); on PostgreSQL ``ts_headline`` picks the passage and marks it between two
random markers, which ``split_marked`` turns back into parts.
"""

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

__all__ = [
    "ELLIPSIS",
    "mark_terms",
    "passage",
    "plain_text",
    "render",
    "split_marked",
    "trim_words",
]

ELLIPSIS = "…"
# A passage: a few words before the first match, about this many in all.
PASSAGE_WORDS = 32
WORDS_BEFORE = 8


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # Block boundaries separate words: "<p>a</p><p>b</p>" is "a b", not "ab".
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def plain_text(html: str) -> str:
    """The text of ``html``: tags gone, entities decoded, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def trim_words(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an
    ellipsis when something was cut; one word longer than ``limit`` is cut inside."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    # No punctuation, and no ellipsis of the text's own, before ours.
    return cut.rstrip(" ,;:.–-" + ELLIPSIS) + ELLIPSIS


def _pattern(terms: Iterable[str]) -> re.Pattern | None:
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(map(re.escape, terms)), re.IGNORECASE)


def _marked_parts(text: str, pattern: re.Pattern | None) -> list[tuple[str, bool]]:
    if pattern is None:
        return [(text, False)]
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts += [(text[position : match.start()], False), (match.group(), True)]
        position = match.end()
    return [*parts, (text[position:], False)]


def mark_terms(text: str, terms: Iterable[str]) -> SafeString:
    """``text`` escaped, each occurrence of a term (in any case) in <mark>."""
    return render(_marked_parts(text, _pattern(terms)))


def passage(text: str, terms: Iterable[str]) -> SafeString | None:
    """The words of plain ``text`` around the first occurrence of a term, escaped,
    the terms in <mark>, an ellipsis where the text goes on; None without a match."""
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    if match is None:
        return None
    # Whole words: the cut starts at the beginning of the word holding the match.
    word = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start()))
    before, after = text[: word + 1].split(), text[word + 1 :].split()
    start = max(0, len(before) - WORDS_BEFORE)
    words = before[start:] + after[: PASSAGE_WORDS - (len(before) - start)]
    cut = " ".join(words)
    if start:
        cut = f"{ELLIPSIS} {cut}"
    if len(before) - start + len(after) > len(words):
        cut = f"{cut} {ELLIPSIS}"
    return mark_terms(cut, terms)


def split_marked(text: str, start: str, stop: str) -> list[tuple[str, bool]]:
    """``text`` with start/stop markers as (part, is match) pairs, markers removed."""
    parts = []
    for chunk in text.split(start):
        inside, found, after = chunk.partition(stop)
        parts += [(inside, True), (after, False)] if found else [(chunk, False)]
    return parts


def render(parts: Iterable[tuple[str, bool]]) -> SafeString:
    """(text, is match) pairs as HTML: every text escaped, the matches in <mark>."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", part) if is_match else part,)
            for part, is_match in parts
            if part
        ),
    )
