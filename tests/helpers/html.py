"""The one HTML parser of the tests: every test that reads HTML reads it here.

Two views of a piece of HTML, each made in one place:

* ``parse`` and ``parse_fragment``: the tree a browser builds, by html5lib (the
  HTML5 parsing algorithm, as browsers parse, repairs included). For what a page
  holds: links and their text, meta tags, JSON-LD, attributes that load something,
  a form's fields. ``select``, ``first`` and ``text_of`` find things in it.
* ``markup``: the markup as it is written, token by token (the standard library's
  tokenizer): start and end tags with their attributes as they stand, the text,
  comments and declarations. For checking what a sanitizer or renderer *wrote*
  (balanced tags, only allowed tags and attributes, no comment), which a browser's
  repairs would hide.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import html5lib

__all__ = [
    "Markup",
    "attribute_name",
    "attributes",
    "first",
    "form_data",
    "json_ld",
    "links",
    "local_name",
    "markup",
    "meta_content",
    "pager_links",
    "parse",
    "parse_fragment",
    "select",
    "text_of",
]


# --- the tree a browser builds -----------------------------------------------------


def _parser() -> html5lib.HTMLParser:
    return html5lib.HTMLParser(namespaceHTMLElements=False)


def parse(html: str | bytes) -> Element:
    """The document a browser builds from ``html`` (html, head and body added)."""
    return _parser().parse(html)


def parse_fragment(html: str) -> Element:
    """``html`` read as a fragment (a feed item's content, a card, a body): the
    returned element holds the fragment's nodes."""
    return _parser().parseFragment(html)


def _root(html_or_root) -> Element:
    if isinstance(html_or_root, str | bytes):
        return parse(html_or_root)
    return html_or_root


def local_name(tag: str) -> str:
    """A tag without its namespace: ``{http://www.w3.org/2000/svg}svg`` is ``svg``."""
    return tag.rsplit("}", 1)[-1].lower()


def attribute_name(name) -> str:
    """An attribute's name as written: ``xlink:href`` for the namespaced one."""
    if isinstance(name, tuple):  # (namespace, name), for xlink:href and friends
        namespace, local = name
        return f"xlink:{local}" if namespace and "xlink" in namespace else local
    return local_name(name)


def _elements(root: Element):
    """Every element under ``root`` (comments and the like left out)."""
    return (element for element in root.iter() if isinstance(element.tag, str))


def select(html_or_root, tag: str | None = None, **attrs) -> list[Element]:
    """The elements named ``tag`` (any, if None) whose attributes have the given
    values (``class_="card-title"`` for ``class``), in document order."""
    wanted = {name.rstrip("_"): value for name, value in attrs.items()}
    return [
        element
        for element in _elements(_root(html_or_root))
        if (tag is None or local_name(element.tag) == tag)
        and all(element.get(name) == value for name, value in wanted.items())
    ]


def first(html_or_root, tag: str, **attrs) -> Element:
    """The first element ``select`` finds; fails the test if there is none."""
    found = select(html_or_root, tag, **attrs)
    if not found:
        raise AssertionError(f"no <{tag} {attrs}>")
    return found[0]


def text_of(element: Element) -> str:
    """The text inside ``element``, as a browser shows it (markup left out)."""
    return "".join(element.itertext())


def attributes(html_or_root) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every attribute of every element."""
    return [
        (local_name(element.tag), attribute_name(name), value or "")
        for element in _elements(_root(html_or_root))
        for name, value in element.attrib.items()
    ]


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of each link in the fragment ``html``."""
    return [
        (element.get("href"), text_of(element))
        for element in select(parse_fragment(html), "a")
    ]


def json_ld(html: str) -> list:
    """The parsed JSON-LD blocks of a page."""
    return [
        json.loads(element.text or "")
        for element in select(html, "script", type="application/ld+json")
    ]


def meta_content(html: str) -> dict[str, list[str]]:
    """``{"og:title": [content, ...], "description": [...]}``, decoded as a browser
    decodes attributes."""
    found: dict[str, list[str]] = {}
    for element in select(html, "meta"):
        key = element.get("property") or element.get("name")
        if key:
            found.setdefault(key, []).append(element.get("content", ""))
    return found


def pager_links(html: str) -> dict[str, str]:
    """A list page's "Nieuwer" and "Ouder" links: ``{"prev": href, "next": href}``
    (those present), the hrefs as the browser reads them (``&amp;`` decoded)."""
    return {
        link.get("rel"): link.get("href")
        for link in select(html, "a")
        if link.get("rel") in {"prev", "next"}
    }


_NOT_SENT = {"submit", "button", "file", "image", "reset"}


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """What a browser would submit for the form ``form_id`` (no submit button): a
    value per name, a list where a name has more than one."""
    data: dict[str, list[str]] = {}
    form = first(html, "form", id=form_id)
    for element in _elements(form):
        tag, name = local_name(element.tag), element.get("name")
        if not name:
            continue
        if tag == "input":
            kind = element.get("type", "text")
            if kind in _NOT_SENT:
                continue
            if kind in {"checkbox", "radio"} and element.get("checked") is None:
                continue
            value = element.get("value") or ("on" if kind == "checkbox" else "")
            data.setdefault(name, []).append(value)
        elif tag == "select":
            options = select(element, "option")
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and element.get("multiple") is None and options:
                chosen = options[:1] if options[0].get("value", "") else []
            for option in chosen:
                data.setdefault(name, []).append(option.get("value", ""))
        elif tag == "textarea":
            # The parser drops the newline right after <textarea>, as browsers do.
            data.setdefault(name, []).append(element.text or "")
    return {
        name: values if len(values) > 1 else values[0] for name, values in data.items()
    }


# --- the markup as written ---------------------------------------------------------


@dataclass
class Markup:
    """The tokens of some HTML as written.

    ``events``: ("start", tag, attrs) and ("end", tag, None) in order, a
    self-closing tag giving both; ``tags``: (tag, attrs) of every start tag, attrs
    as (name, value) pairs in the order written (value None for a bare one);
    ``text``: the text pieces, character references decoded; ``comments``,
    ``declarations`` (<!DOCTYPE ...>) and ``processing_instructions`` (<?...>).
    """

    events: list[tuple[str, str, list | None]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)
    processing_instructions: list[str] = field(default_factory=list)

    @property
    def tags(self) -> list[tuple[str, list[tuple[str, str | None]]]]:
        return [(tag, attrs) for kind, tag, attrs in self.events if kind == "start"]

    @property
    def odd(self) -> list[tuple[str, str]]:
        """Comments, declarations and processing instructions, in that order."""
        return (
            [("comment", data) for data in self.comments]
            + [("declaration", data) for data in self.declarations]
            + [
                ("processing instruction", data)
                for data in self.processing_instructions
            ]
        )


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.markup = Markup()

    def handle_starttag(self, tag, attrs):
        self.markup.events.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.markup.events.append(("end", tag, None))

    def handle_data(self, data):
        self.markup.text.append(data)

    def handle_comment(self, data):
        self.markup.comments.append(data)

    def handle_decl(self, decl):
        self.markup.declarations.append(decl)

    def handle_pi(self, data):
        self.markup.processing_instructions.append(data)


def markup(html: str) -> Markup:
    """The tokens of ``html`` as written (see :class:`Markup`)."""
    tokens = _Tokens()
    tokens.feed(str(html))
    tokens.close()
    return tokens.markup
