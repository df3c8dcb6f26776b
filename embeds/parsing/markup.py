"""A small element tree of pasted HTML, forgiving like a browser (pure).

Embed code arrives cut off, with tags left open or closed twice; html.parser reads
all of it, and the builder below makes a tree of what it saw: an end tag closes the
nearest open element of its name, an end tag with none open is ignored, what is
still open at the end is closed there. Only what the embed parsers need.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

__all__ = ["Element", "parse_html"]

VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
# Deeper elements are kept flat, so that walking the tree never recurses far.
MAX_DEPTH = 100
# A whole start or end tag, its quoted values holding anything but their quote; or
# any other "<". Python 3.11's html.parser takes time growing with the square of
# the input on "<" that does not begin a whole tag (unclosed tags, quoted values
# with ">" in them), so those are made text before it reads anything. Platforms'
# code escapes "<" in text and attribute values, and holds no comments: it loses
# nothing.
_TAG_OR_STRAY = re.compile(
    r"""(</?[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>)|<"""
)


@dataclass(eq=False)
class Element:
    """One element: its tag, attributes (first of a name wins) and children."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Element | str"] = field(default_factory=list)

    def get(self, name: str) -> str:
        """The attribute's value, "" when absent."""
        return self.attrs.get(name, "")

    @property
    def classes(self) -> set[str]:
        return set(self.get("class").split())

    def iter(self) -> Iterator["Element"]:
        """This element and all below it, in document order."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(
                child
                for child in reversed(element.children)
                if isinstance(child, Element)
            )

    def find(self, tag: str) -> "Element | None":
        """The first element below (or at) this one with ``tag``, or None."""
        return next((el for el in self.iter() if el.tag == tag), None)

    def text(self) -> str:
        """The text inside, whitespace collapsed as a browser shows it."""
        parts = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag == "br":
                parts.append(" ")
            elif node.tag not in {"script", "style"}:
                stack.extend(reversed(node.children))
        return " ".join("".join(parts).split())

    def inner_html(self) -> str:
        """The children serialised again (input for the sanitizer, not for pages)."""
        return "".join(_serialise(child) for child in self.children)


def _serialise(node: "Element | str") -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs.items())
    if node.tag in VOID_TAGS:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{node.inner_html()}</{node.tag}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.open = [self.root]

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        # A new paragraph ends the one before, as in a browser.
        if tag == "p" and self.open[-1].tag == "p":
            self.open.pop()
        element = Element(tag, values)
        self.open[-1].children.append(element)
        return element

    def handle_starttag(self, tag, attrs):
        element = self._add(tag, attrs)
        if tag not in VOID_TAGS and len(self.open) < MAX_DEPTH:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self._add(tag, attrs)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        children = self.open[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse_html(html: str) -> Element:
    """The tree of ``html`` under a ``#root`` element. Never raises.

    Comments, declarations and any "<" that does not begin a whole tag are text.
    """
    builder = _TreeBuilder()
    html = _TAG_OR_STRAY.sub(lambda match: match.group(1) or "&lt;", html)
    try:
        builder.feed(html)
        builder.close()
    except AssertionError:
        # html.parser asserts on some "<![" junk; the tree so far is what we have.
        pass
    return builder.root
