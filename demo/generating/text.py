"""The Dutch text of generated articles (pure: a random generator in, strings out).

A ``Story`` is one article's words: a theme (housing, care, sport...) and, drawn
once, its issue, measure, group, actor, place and person, so that headline, lede,
body and notes speak of the same things. Templates and word lists are in
demo.generating.words; the HTML is what articles.sanitize keeps unchanged.
"""

import random
import unicodedata
from html import escape

from articles.models import Article
from demo.generating.words import (
    EMBED_ACCOUNTS,
    FIRST_NAMES,
    GENERIC,
    HEADLINES,
    LAST_NAMES,
    PREVIOUS_JOBS,
    RARE_SENTENCES,
    THEMES,
    YOUTUBE_CHANNELS,
)

__all__ = [
    "THEME_NAMES",
    "Story",
    "ascii_tag",
    "author",
    "person",
    "rare_paragraph",
    "read_also",
    "thousands",
]

THEME_NAMES = list(THEMES)
# Lists a theme adds to rather than replaces.
EXTENDED = {"quote", "shortquote", "sentence"}
# What a story draws once; everything else is drawn anew at each use.
FIXED = ("issue", "measure", "group", "actor", "role", "place")
NUMBERS = {
    "few": lambda rng: str(rng.randint(3, 30)),
    "some": lambda rng: str(rng.randint(20, 900)),
    "many": lambda rng: thousands(rng.randint(1_000, 90_000)),
    "rent": lambda rng: thousands(rng.randint(900, 2_400)),
    "ratio": lambda rng: str(rng.randint(3, 8)),
    "mln": lambda rng: str(rng.randint(2, 900)),
    "pct": lambda rng: str(rng.randint(3, 45)),
    "rate": lambda rng: f"{rng.randint(1, 6)},{rng.randint(0, 9)}",
}


def thousands(number: int) -> str:
    """``12.400``: thousands separated by points, as Dutch writes them."""
    return f"{number:,}".replace(",", ".")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bare(phrase: str) -> str:
    """A noun phrase without its article, as headlines have it."""
    for article in ("de ", "het ", "een "):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase


def _lists(theme: dict) -> dict[str, list[str]]:
    merged = dict(GENERIC)
    for name, value in theme.items():
        if isinstance(value, list):
            merged[name] = GENERIC[name] + value if name in EXTENDED else value
    return merged


_THEME_LISTS = {name: _lists(theme) for name, theme in THEMES.items()}


def ascii_tag(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text`` (accents dropped): handles."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalnum())


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def author(rng: random.Random) -> tuple[str, list[str], str]:
    """A byline: name, the themes they cover, and a bio."""
    name = person(rng)
    beats = rng.sample(THEME_NAMES, rng.choice([1, 1, 2]))
    job = rng.choice(PREVIOUS_JOBS).format_map(_Words(rng, GENERIC, {}))
    covers = " en over ".join(THEMES[beat]["beat"] for beat in beats)
    bio = f"{name} schrijft over {covers}. Eerder werkte {name.split()[0]} bij {job}."
    return name, beats, bio


def rare_paragraph(rng: random.Random, word: str) -> str:
    return f"<p>{rng.choice(RARE_SENTENCES).replace('{rare}', word)}</p>"


class _Words(dict):
    """What ``str.format_map`` fills in: the story's own words, else a new pick.

    ``{issue}`` is the story's issue, ``{city}`` a random place; a digit at the end
    (``{city2}``) picks from the same list, avoiding the previous pick. ``{Issue}``
    starts with a capital; ``{issue_h}`` drops the article, for headlines ("de
    woningnood" becomes "woningnood"). Numbers come from ``NUMBERS``.
    """

    def __init__(self, rng: random.Random, lists: dict, fixed: dict):
        super().__init__()
        self.rng, self.lists, self.fixed, self.last = rng, lists, fixed, {}

    def __missing__(self, key: str) -> str:
        name, _, form = key.partition("_")
        capital = name[:1].isupper()
        name = name[:1].lower() + name[1:]
        if name in self.fixed:
            value = self.fixed[name]
        else:
            value = self._pick(name.rstrip("0123456789"))
        if "{" in value:
            value = value.format_map(self)
        if form == "h":
            value = _bare(value)
        return _capital(value) if capital else value

    def _pick(self, base: str) -> str:
        if base in NUMBERS:
            return NUMBERS[base](self.rng)
        if base == "person":
            return person(self.rng)
        choices = self.lists[base]
        value = self.rng.choice(choices)
        if value == self.last.get(base) and len(choices) > 1:
            value = self.rng.choice(choices)
        self.last[base] = value
        return value

    def fill(self, template: str) -> str:
        return _capital(template.format_map(self))


class Story:
    """One article's words, and the text made from them."""

    def __init__(self, rng: random.Random, theme: str, *, day: str = ""):
        """``day``: the publication date as live blogs name it ("12 maart")."""
        self.rng, self.theme = rng, THEMES[theme]
        self.lists = _THEME_LISTS[theme]
        fixed = {name: rng.choice(self.lists[name]) for name in FIXED}
        fixed["person"], fixed["day"] = person(rng), day
        self.place = fixed["place"]
        self.words = _Words(rng, self.lists, fixed)

    def pick(self, name: str) -> str:
        """An item of list ``name``, filled in, with a capital."""
        return self.words.fill(self.rng.choice(self.lists[name]))

    def headline(self, kind: str) -> str:
        return self.words.fill(self.rng.choice(HEADLINES[kind]))

    def lede(self) -> str:
        return self.pick("lede")

    def quote(self) -> str:
        """A block quote, its last paragraph the attribution rendering turns into a
        caption: "— Name, role, in Source" (sometimes without the role)."""
        who = "{person}, {role}" if self.rng.random() < 0.8 else "{person}"
        return (
            f"<blockquote><p>“{self.pick('quote')}”</p>"
            f"<p>— {self.words.fill(who + ', {source}')}</p></blockquote>"
        )

    def bullet_list(self) -> str:
        items = self.rng.sample(self.lists["item"], 3)
        lines = "".join(f"<li>{self.words.fill(item)}</li>" for item in items)
        return f"<p>{self.pick('listintro')}</p><ul>{lines}</ul>"

    def linked_paragraph(self) -> str:
        """A sentence with a link to a source."""
        return f"<p>{self.pick('linked')}</p>"

    def note(self, kind: str) -> str:
        """The text of an update ("update") or correction ("correction")."""
        return self.pick(kind)

    def post(self) -> dict[str, str]:
        """A social post: its account's handle and name, and its text; or a video:
        its channel and title."""
        handle, name = self.rng.choice(list(EMBED_ACCOUNTS.items()))
        writer = person(self.rng)
        tags = {
            "citytag": ascii_tag(self.place)[:8],
            "persontag": ascii_tag(writer.split()[-1])[:7] + ascii_tag(writer)[:1],
            "year": str(self.rng.randint(10, 99)),
        }
        return {
            "handle": handle.format_map(tags)[:15],
            "name": name.format(place=self.place, person=writer),
            "text": self.pick("post"),
            "channel": self.words.fill(self.rng.choice(YOUTUBE_CHANNELS)),
            "title": self.pick("videotitle"),
        }

    def body(self, kind: str, extras: list[str]) -> str:
        """Paragraphs under subheadings (a live blog: times; an interview: questions
        and answers), with ``extras`` (quote, posts, list...) spread between."""
        rng, lists = self.rng, self.lists
        # Each sentence template once, until an article needs more than there are.
        sentences = rng.sample(lists["sentence"], len(lists["sentence"]))
        intro, blocks = [], []
        if kind == Article.Kind.LIVE:
            clock, entries = rng.randint(8 * 60, 15 * 60), []
            for index in range(rng.randint(5, 8)):
                clock += rng.randint(7, 55)
                text = (
                    f"{self.pick('livesentence')} {self.words.fill(sentences[index])}"
                )
                time = f"{clock // 60 % 24:02d}.{clock % 60:02d} uur"
                entries.append([f"<h2>{time}</h2>", f"<p>{text}</p>"])
            blocks = [block for entry in reversed(entries) for block in entry]
        elif kind == Article.Kind.INTERVIEW:
            intro = self._paragraphs(sentences, [rng.randint(2, 3)])
            answers = rng.sample(lists["answer"], 8)
            for index, question in enumerate(rng.sample(lists["question"], 4)):
                if index % 2 == 0:
                    blocks.append(f"<h2>{self.pick('subhead')}</h2>")
                answer = " ".join(self.words.fill(a) for a in answers[2 * index :][:2])
                blocks.append(f"<p><strong>{self.words.fill(question)}</strong></p>")
                blocks.append(f"<p>{answer}</p>")
        else:
            short = kind in {Article.Kind.NEWS, Article.Kind.OPINION}
            subheads = rng.randint(1, 2) if short else 3
            each = 2 if kind == Article.Kind.NEWS else rng.randint(2, 3)
            counts = [rng.randint(2, 4) for _ in range(2 + subheads * each)]
            paragraphs = self._paragraphs(sentences, counts)
            intro = paragraphs[:2]
            for index, subhead in enumerate(rng.sample(lists["subhead"], subheads)):
                blocks.append(f"<h2>{self.words.fill(subhead)}</h2>")
                chunk = paragraphs[2 + index * each :][:each]
                blocks += [f"<p>{paragraph}</p>" for paragraph in chunk]
        for extra in extras:
            # Never between a subheading or a question and what follows it.
            places = [0] + [
                index + 1
                for index, block in enumerate(blocks)
                if not block.startswith(("<h2>", "<p><strong>"))
            ]
            blocks.insert(rng.choice(places), extra)
        return "".join([*(f"<p>{p}</p>" for p in intro), *blocks])

    def _paragraphs(self, sentences: list[str], counts: list[int]) -> list[str]:
        """Paragraphs of ``counts`` sentences each, taking ``sentences`` in turn."""
        paragraphs, position = [], 0
        for count in counts:
            chosen = [sentences[(position + k) % len(sentences)] for k in range(count)]
            paragraphs.append(" ".join(self.words.fill(s) for s in chosen))
            position += count
        return paragraphs


def read_also(url: str, headline: str) -> str:
    """A closing paragraph linking to an earlier article."""
    return (
        f'<p>Lees ook: <a href="{escape(url)}">{escape(headline, quote=False)}</a></p>'
    )
