"""Reading an article from a plain-text file (pure: text in, structure out).

The format, as ``import_article`` documents it::

    date 2024-03-22 Aanslag bij Moskou: wat we weten

    De eerste alinea wordt de intro.

    Wie zit erachter
    Een alinea mag over meerdere regels lopen; die worden één alinea.

The date line gives what is known: ``date 2021-08`` (the month), ``date 2021-08-26``
(the day) or ``date 2021-08-26 14:30`` (also ``2021-08-26T14:30``: to the minute, in
the site's time zone); the article's ``publish_precision`` follows it.

A line of at most 80 characters that does not end in ``.``, ``?``, ``!`` or ``:``
and stands alone between blank lines is a subheading.

A quote with its source: a paragraph that opens with a quotation mark, then a line
that starts with a dash (``—``, ``–``, ``--`` or ``-``) and a name, in the same
paragraph or alone right after it::

    “We waren er niet op voorbereid.”
    - Tom Middendorp, in Nieuwsuur

becomes a block quote whose last paragraph is the attribution, written with ``—``
(articles.public.rendering shows it as a caption). A dash line after anything else
stays an ordinary line. The editor's paste (articles/admin/editor/pasting.py) uses these
same rules, so pasted text looks as the importer would make it.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.dates import Precision
from embeds.body import reference_paragraph
from embeds.parsing import find_posts
from embeds.post import Post

__all__ = [
    "ArticleTextError",
    "ParsedArticle",
    "parse_article_text",
    "parse_entry_text",
    "parse_pasted_text",
]

_DATE_LINE = re.compile(
    r"^date\s+(?P<when>(?P<year>\d{4})-(?P<month>\d{1,2})"
    r"(?:-(?P<day>\d{1,2})(?:[T\s](?P<hour>\d{1,2}):(?P<minute>\d{2}))?)?)"
    r"\s+(?P<headline>\S.*)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Stray invisibles (BOM, zero-width space, word joiner) go; the zero-width (non-)joiner
# only at a line's ends: inside it is spelling in Persian and Pashto (and emoji).
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060"), None)
_JOINERS = "\u200c\u200d"
# Closing quotes and brackets after a sentence's last mark do not end it.
_TRAILING_CLOSERS = "\"'”’»)]›"
SUBHEADING_MAX_LENGTH = 80
# "— Name, in X" (also "–", "--" or a hyphen-minus, as a keyboard types it).
_ATTRIBUTION = re.compile(r"^(?:—|–|-{1,2})\s+(?P<who>[^\s—–-].{0,118})$")
_OPENING_QUOTES = "\"'“”„‘’‚«»‹›"


class ArticleTextError(ValueError):
    """The text cannot become an article; the message says why, for the editor."""


@dataclass
class ParsedArticle:
    published_on: date
    precision: str  # "month", "day" or "minute" (articles.dates.Precision)
    headline: str
    lede: str
    # ("p" | "h2", text), ("blockquote", (paragraph, ..., "— attribution")) or
    # ("post", Post).
    blocks: list[tuple[str, str | tuple[str, ...] | Post]] = field(default_factory=list)

    published_time: time | None = None  # the date line's time, at "minute"
    # The lines each post was read from, by id(post): what the editor holds until
    # the save archives the post (``editor_html``).
    sources: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def month_only(self) -> bool:
        return self.precision == Precision.MONTH

    @property
    def posts(self) -> list[Post]:
        """The embedded posts, in order."""
        return [item for tag, item in self.blocks if tag == "post"]

    def body_html(self, post_url: Callable[[Post], str] = lambda post: post.url) -> str:
        """The body as the editor would have written it: ``<h2>``, ``<p>``,
        ``<blockquote>``, and for each post a reference paragraph to
        ``post_url(post)`` (its archived URL)."""
        return self._html(lambda post: reference_paragraph(post_url(post)))

    def editor_html(self) -> str:
        """The body as the editor shows it before a save: as ``body_html``, but each
        post is what it was pasted as (a URL's reference paragraph, or one paragraph
        holding the code or text, its lines apart by ``<br>``). Saving turns those
        into the same references (embeds.body.extract_posts); nothing is archived
        here."""

        def placeholder(post: Post) -> str:
            source = self.sources.get(id(post), "")
            if post.source == "url" or not source:
                return reference_paragraph(post.url)
            return "<p>" + "<br>".join(map(escape, source.split("\n"))) + "</p>"

        return self._html(placeholder)

    def _html(self, post_html: Callable[[Post], str]) -> str:
        parts = []
        for tag, item in self.blocks:
            if tag == "post":
                parts.append(post_html(item))
            elif tag == "blockquote":
                inner = "".join(f"<p>{escape(part)}</p>" for part in item)
                parts.append(f"<blockquote>{inner}</blockquote>")
            else:
                parts.append(f"<{tag}>{escape(item)}</{tag}>")
        return "".join(parts)

    def publish_time(self, tz) -> datetime:
        """The date line's moment in ``tz``: its time, or the start of its day or
        month (midnight)."""
        return datetime.combine(
            self.published_on, self.published_time or time.min, tzinfo=tz
        )


def _normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line.translate(_INVISIBLE))
    return _SPACES.sub(" ", line).strip().strip(_JOINERS).strip()


def is_subheading(line: str) -> bool:
    """A short line that does not end a sentence."""
    stripped = line.rstrip(_TRAILING_CLOSERS)
    return (
        0 < len(line) <= SUBHEADING_MAX_LENGTH
        and bool(stripped)
        and stripped[-1] not in ".?!:…;,"
    )


def _paragraphs(lines: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_normalise_line(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _items(
    lines: list[str], sources: dict[int, str] | None = None
) -> list[tuple[str, list[str] | Post]]:
    """Posts (a URL alone on a line, pasted embed code, a post copied as text) are
    found first, so that their lines never become paragraphs or subheadings; the
    rest is paragraphs of lines. ``sources`` gets each post's lines."""
    items: list[tuple[str, list[str] | Post]] = []
    for segment in find_posts("\n".join(lines)):
        if segment.kind == "post":
            items.append(("post", segment.post))
            if sources is not None:
                sources[id(segment.post)] = segment.raw.strip("\n")
        else:
            items += [
                ("text", block) for block in _paragraphs(segment.text.split("\n"))
            ]
    return items


def attribution(line: str) -> str | None:
    """``"- Tom Middendorp, in Nieuwsuur"`` -> ``"Tom Middendorp, in Nieuwsuur"``;
    None for a line that is not a dash and a name."""
    match = _ATTRIBUTION.match(line)
    return match["who"].strip() if match else None


def _is_quoted(text: str) -> bool:
    return bool(text) and text[0] in _OPENING_QUOTES


def _quote(body: list, lines: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """The block quote that ``lines`` (a paragraph) ends with its attribution: the
    quoted lines before it, or else the quoted paragraphs right before it in
    ``body`` (taken out of it). None when the dash line follows no quote."""
    who = attribution(lines[-1]) if lines else None
    if who is None:
        return None
    quoted = lines[:-1]
    if quoted:
        if not _is_quoted(quoted[0]):
            return None
        return ("blockquote", (" ".join(quoted), f"— {who}"))
    paragraphs = []
    while body and body[-1][0] in {"p", "h2"} and _is_quoted(body[-1][1]):
        paragraphs.insert(0, body.pop()[1])
    return ("blockquote", (*paragraphs, f"— {who}")) if paragraphs else None


def _blocks(items) -> list[tuple[str, str | tuple[str, ...] | Post]]:
    body = []
    for kind, item in items:
        if kind == "post":
            body.append(("post", item))
        elif quote := _quote(body, item):
            body.append(quote)
        elif len(item) == 1 and is_subheading(item[0]):
            body.append(("h2", item[0]))
        else:
            body.append(("p", " ".join(item)))
    return body


def parse_entry_text(text: str) -> ParsedArticle:
    """A live entry's text (no date line, no intro): paragraphs, subheadings and
    posts by the article rules. Raise :class:`ArticleTextError` when it is empty.
    The result's ``blocks`` and ``body_html`` are the entry's body."""
    lines = _lines(text)
    if not lines:
        raise ArticleTextError(_("De tekst is leeg: er is niets om te plaatsen."))
    sources: dict[int, str] = {}
    blocks = _blocks(_items(lines, sources))
    return ParsedArticle(
        published_on=date.min, precision=Precision.MINUTE, headline="", lede="",
        blocks=blocks, sources=sources,
    )  # fmt: skip


def parse_pasted_text(text: str) -> ParsedArticle:
    """Text pasted into the body editor, read as an article body: as
    :func:`parse_entry_text` (no date line, no intro). Its ``editor_html`` is what
    the editor inserts."""
    return parse_entry_text(text)


def parse_article_text(text: str) -> ParsedArticle:
    """Parse the import format; raise :class:`ArticleTextError` with a Dutch reason."""
    lines = _lines(text)
    if not lines:
        raise ArticleTextError(_("Het bestand is leeg."))
    match = _DATE_LINE.match(lines[0])
    if not match:
        raise ArticleTextError(
            _(
                "De eerste regel moet beginnen met 'date JJJJ-MM-DD Kop' (of 'date "
                "JJJJ-MM Kop'), maar is: %(line)s"
            )
            % {"line": lines[0][:120]}
        )
    year, month = int(match["year"]), int(match["month"])
    day = int(match["day"]) if match["day"] else 1
    try:
        published_on = date(year, month, day)
        published_time = (
            time(int(match["hour"]), int(match["minute"])) if match["hour"] else None
        )
    except ValueError:
        raise ArticleTextError(
            _("De datum %(date)s bestaat niet.") % {"date": match["when"]}
        ) from None
    headline = match["headline"].strip()
    sources: dict[int, str] = {}
    items = _items(lines[1:], sources)
    lede_at = next((i for i, (kind, _item) in enumerate(items) if kind == "text"), None)
    if lede_at is None:
        raise ArticleTextError(
            _("Na de datumregel staat geen tekst: het artikel is leeg.")
        )
    lede = " ".join(items.pop(lede_at)[1])
    body = _blocks(items)
    return ParsedArticle(
        published_on=published_on,
        precision=Precision.MONTH
        if match["day"] is None
        else Precision.DAY
        if published_time is None
        else Precision.MINUTE,
        published_time=published_time,
        headline=headline,
        lede=lede,
        blocks=body,
        sources=sources,
    )
