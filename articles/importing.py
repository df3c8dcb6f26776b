"""Reading an article from a plain-text file (pure: text in, structure out).

The format, as ``import_article`` documents it::

    date 2024-03-22 Aanslag bij Moskou: wat we weten

    De eerste alinea wordt de intro.

    Wie zit erachter
    Een alinea mag over meerdere regels lopen; die worden één alinea.

A line of at most 80 characters that does not end in ``.``, ``?``, ``!`` or ``:``
and stands alone between blank lines is a subheading.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.html import escape
from django.utils.translation import gettext as _

__all__ = ["ArticleTextError", "ParsedArticle", "parse_article_text"]

_DATE_LINE = re.compile(
    r"^date\s+(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\s+(?P<headline>\S.*)$",
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


class ArticleTextError(ValueError):
    """The text cannot become an article; the message says why, for the editor."""


@dataclass
class ParsedArticle:
    published_on: date
    month_only: bool
    headline: str
    lede: str
    blocks: list[tuple[str, str]] = field(default_factory=list)

    def body_html(self) -> str:
        """The body as the editor would have written it: ``<h2>`` and ``<p>``."""
        return "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in self.blocks)

    def publish_time(self, tz) -> datetime:
        """Midnight of the date line, in ``tz``."""
        return datetime.combine(self.published_on, time.min, tzinfo=tz)


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


def parse_article_text(text: str) -> ParsedArticle:
    """Parse the import format; raise :class:`ArticleTextError` with a Dutch reason."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_normalise_line(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
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
    except ValueError:
        raise ArticleTextError(
            _("De datum %(date)s bestaat niet.") % {"date": lines[0].split()[1]}
        ) from None
    headline = match["headline"].strip()
    blocks = _paragraphs(lines[1:])
    if not blocks:
        raise ArticleTextError(
            _("Na de datumregel staat geen tekst: het artikel is leeg.")
        )
    lede = " ".join(blocks[0])
    body = []
    for block in blocks[1:]:
        if len(block) == 1 and is_subheading(block[0]):
            body.append(("h2", block[0]))
        else:
            body.append(("p", " ".join(block)))
    return ParsedArticle(
        published_on=published_on,
        month_only=match["day"] is None,
        headline=headline,
        lede=lede,
        blocks=body,
    )
