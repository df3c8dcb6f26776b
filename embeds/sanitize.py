"""A post's text as the card shows it: paragraphs, line breaks and links (pure).

Whatever a platform's code, an oEmbed answer or a paste gives us goes through
:func:`sanitize_post_html` before it is stored; plain text goes through
:func:`linkify_post_text`, which ends there too. Links keep only their address, and
only http(s) and mailto addresses: a relative link would point into our own site.
"""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote

import nh3

__all__ = [
    "ALLOWED_TAGS",
    "URL_SCHEMES",
    "html_to_text",
    "linkify_post_text",
    "sanitize_post_html",
]

ALLOWED_TAGS = {"p", "br", "a"}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements dropped together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
    "math", "textarea", "select", "title", "noembed", "noframes", "xmp",
}  # fmt: skip

# Browsers drop tabs and newlines anywhere in an address, and C0 controls and spaces
# at its ends; nh3 judges the scheme the same way. Only removing them, never adding,
# the filter cannot turn an address nh3 allows into one it would refuse.
_URL_JUNK = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _tidy_href(element: str, attribute: str, value: str) -> str | None:
    if attribute != "href":
        return value
    return _URL_JUNK.sub("", value).strip(_C0_AND_SPACE)


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    # nh3 allows ``title`` and ``lang`` on every tag unless "*" says otherwise.
    attributes={"a": {"href"}, "*": set()},
    attribute_filter=_tidy_href,
    url_schemes=URL_SCHEMES,
    url_relative="deny",
    link_rel=None,
    strip_comments=True,
)
# nh3 keeps an ``<a>`` whose address it removed, and serialises it bare; ``<`` in
# an attribute value comes out escaped, so "<a>" is never part of an address.
_BARE_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)
_EMPTY_LINK = re.compile(r'<a href="[^"]*">\s*</a>')


def sanitize_post_html(html: str) -> str:
    """``html`` reduced to ``p``, ``br`` and ``a href`` (http, https, mailto).

    Every other tag is unwrapped, keeping its text; scripts, styles, frames and the
    like go with their content. No attribute but ``href`` survives, and a link
    without an allowed address becomes its text. Never raises.
    """
    if not isinstance(html, str) or not html:
        return ""
    cleaned = _cleaner.clean(html)
    cleaned = _EMPTY_LINK.sub("", _BARE_LINK.sub(r"\1", cleaned))
    return cleaned.strip()


# A URL ends before whitespace and quotes; punctuation after it is the sentence's.
_URL = r"https?://[^\s<>\"'`]+"
_TRAILING = ".,;:!?'\"”’»…)]}"
_OPENERS = {")": "(", "]": "[", "}": "{"}
_PIC = r"(?<![\w./])pic\.(?:twitter|x)\.com/[A-Za-z0-9]+"
_MENTION = r"(?<![\w@&/])@[A-Za-z0-9_]{1,15}(?![\w@])"
# A hashtag has at least one letter: "#1" is a number.
_HASHTAG = r"(?<![\w&#/])#\w*[^\W\d]\w*"
_LINKS = {
    "x": re.compile(rf"(?P<url>{_URL})|(?P<pic>{_PIC})|(?P<mention>{_MENTION})|"
                    rf"(?P<tag>{_HASHTAG})"),
    "other": re.compile(rf"(?P<url>{_URL})"),
}  # fmt: skip
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_WHITESPACE = re.compile(r"\s+")


def _trim_url(url: str) -> str:
    """``url`` without the punctuation that ends the sentence around it.

    A closing bracket stays when the URL opened it ("wiki/Foo_(bar)").
    """
    while url and url[-1] in _TRAILING:
        opener = _OPENERS.get(url[-1])
        if opener and url.count(opener) >= url.count(url[-1]):
            break
        url = url[:-1]
    return url


def _link(href: str, label: str) -> str:
    return f'<a href="{escape(href)}">{escape(label)}</a>'


def _linkify_line(line: str, pattern: re.Pattern) -> str:
    out, position = [], 0
    for match in pattern.finditer(line):
        label = match.group(0)
        if match.lastgroup == "url":
            label = _trim_url(label)
            href = label
        elif match.lastgroup == "pic":
            href = "https://" + label
        elif match.lastgroup == "mention":
            href = "https://x.com/" + label[1:]
        else:
            href = "https://x.com/hashtag/" + quote(label[1:])
        out.append(escape(line[position : match.start()]))
        out.append(_link(href, label))
        position = match.start() + len(label)
    out.append(escape(line[position:]))
    return "".join(out)


def linkify_post_text(text: str, *, provider: str) -> str:
    """Plain ``text`` as the card's HTML: escaped, with its links made links.

    URLs become links for every provider; on X also ``pic.twitter.com/...``,
    ``@mentions`` (to ``https://x.com/<name>``) and ``#hashtags`` (to
    ``https://x.com/hashtag/<tag>``). A newline becomes ``<br>``; one or more blank
    lines separate paragraphs. The result is that of :func:`sanitize_post_html`.
    """
    if not isinstance(text, str):
        return ""
    pattern = _LINKS["x" if provider == "x" else "other"]
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = []
    for paragraph in _BLANK_LINES.split(text):
        lines = [_linkify_line(line.strip(), pattern) for line in paragraph.split("\n")]
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return sanitize_post_html("".join(paragraphs)) if text else ""


class _TextCollector(HTMLParser):
    """Text of HTML: ``br`` a newline, block elements paragraph breaks."""

    _BLOCKS = {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            self.skipping += 1
        elif tag == "br":
            self.paragraphs[-1].append("\n")
        elif tag in self._BLOCKS:
            self.paragraphs.append([])

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.paragraphs[-1].append("\n")

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data):
        if not self.skipping:
            # In HTML a newline in text is a space, like any run of whitespace.
            self.paragraphs[-1].append(_WHITESPACE.sub(" ", data))


def html_to_text(html: str) -> str:
    """The plain text of a post's HTML: paragraphs apart by a blank line.

    Meant for sanitized post HTML (search, ``Post.text``); other HTML gives its
    visible text. Link addresses are left out, link text kept. Never raises.
    """
    if not isinstance(html, str) or not html:
        return ""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except AssertionError:  # html.parser's asserts on "<![" junk: keep what we have
        pass
    paragraphs = []
    for parts in collector.paragraphs:
        lines = "".join(parts).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
