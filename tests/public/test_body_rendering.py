"""Rendering a stored body: block quotes with an attribution become figures."""

import pytest
from django.utils.safestring import SafeString

from articles.public.rendering import render_body, split_attribution
from tests.helpers.html import markup

VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "wbr"}


def assert_well_formed(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every opened tag closed, in order; returns each start tag with the tags open
    around it."""
    stack: list[str] = []
    errors: list[str] = []
    starts: list[tuple[str, tuple[str, ...]]] = []
    for kind, tag, _attrs in markup(html).events:
        if kind == "start":
            starts.append((tag, tuple(stack)))
            if tag not in VOID:
                stack.append(tag)
        elif not stack or stack[-1] != tag:
            errors.append(f"</{tag}> while open: {stack}")
        else:
            stack.pop()
    assert not errors, (errors, html)
    assert not stack, (stack, html)
    return starts


def render(body: str) -> str:
    html = str(render_body(body))
    assert_well_formed(html)
    return html


def figure(quote: str, caption: str) -> str:
    return (
        f'<figure class="quote"><blockquote>{quote}</blockquote>'
        f"<figcaption>— {caption}</figcaption></figure>"
    )


# --- attributed quotes --------------------------------------------------------------


def test_quote_with_name_and_source_becomes_a_figure():
    html = render(
        "<blockquote><p>“Tekst”</p><p>— Tom Middendorp, in Nieuwsuur</p></blockquote>"
    )
    assert html == figure(
        "<p>“Tekst”</p>",
        '<span class="quote-who">Tom Middendorp</span>, in <cite>Nieuwsuur</cite>',
    )


def test_render_body_returns_safe_html():
    assert isinstance(render_body("<p>x</p>"), SafeString)


@pytest.mark.parametrize("dash", ["—", "–", "--"])
@pytest.mark.parametrize("space", [" ", "", "  \n"])
def test_dashes_that_start_an_attribution(dash, space):
    html = render(
        f"<blockquote><p>“Tekst”</p><p>{dash}{space}Tom Middendorp, in Nieuwsuur</p>"
        "</blockquote>"
    )
    assert html == figure(
        "<p>“Tekst”</p>",
        '<span class="quote-who">Tom Middendorp</span>, in <cite>Nieuwsuur</cite>',
    )


@pytest.mark.parametrize("word", ["in", "tegen", "op", "bij"])
def test_separators_between_name_and_source(word):
    html = render(
        f"<blockquote><p>“Tekst”</p><p>— Lotte Verbeek, {word} De Verklaring</p>"
        "</blockquote>"
    )
    assert (
        f'<figcaption>— <span class="quote-who">Lotte Verbeek</span>, {word} '
        "<cite>De Verklaring</cite></figcaption>"
    ) in html


def test_a_description_of_the_speaker_stays_with_the_name():
    html = render(
        "<blockquote><p>“Tekst”</p>"
        "<p>— Lotte Verbeek, terrorismeonderzoeker, tegen De Verklaring</p>"
        "</blockquote>"
    )
    assert (
        '<span class="quote-who">Lotte Verbeek, terrorismeonderzoeker</span>, tegen '
        "<cite>De Verklaring</cite>"
    ) in html


def test_attribution_without_a_source_has_no_cite():
    html = render("<blockquote><p>“Tekst”</p><p>— Ahmad Karimi</p></blockquote>")
    assert html == figure(
        "<p>“Tekst”</p>", '<span class="quote-who">Ahmad Karimi</span>'
    )
    assert "<cite>" not in html


def test_quote_without_an_attribution_stays_a_blockquote():
    body = "<blockquote><p>“Tekst”</p><p>Nog een alinea.</p></blockquote>"
    assert render(body) == body


def test_only_the_last_paragraph_can_be_the_attribution():
    body = "<blockquote><p>— Tom, in Nieuwsuur</p><p>“Tekst”</p></blockquote>"
    assert render(body) == body


def test_a_dash_inside_a_paragraph_is_no_attribution():
    body = "<blockquote><p>“Tekst — met een gedachtestreepje”</p></blockquote>"
    assert render(body) == body


@pytest.mark.parametrize(
    "body",
    [
        "<blockquote><p>“Tekst”</p><p>— </p></blockquote>",
        "<blockquote><p>“Tekst”</p><p>—<br></p></blockquote>",
        "<blockquote><p>— Ahmad Karimi</p></blockquote>",
    ],
)
def test_a_lone_dash_or_a_quote_without_text_stays_as_typed(body):
    """No empty name after "—", no figure around an empty quote."""
    assert render(body) == body


def test_two_quotes_give_two_figures():
    body = (
        "<p>Intro.</p>"
        "<blockquote><p>“Een”</p><p>— A, in B</p></blockquote>"
        "<p>Tussen.</p>"
        "<blockquote><p>“Twee”</p><p>– C</p></blockquote>"
    )
    html = render(body)
    assert html.count('<figure class="quote">') == 2
    assert html.startswith("<p>Intro.</p><figure")
    assert "</figure><p>Tussen.</p><figure" in html


def test_inline_markup_in_the_attribution_is_kept():
    html = render(
        "<blockquote><p>“Tekst”</p>"
        '<p>— <a href="https://example.com/jan">Jan</a>, in <em>NRC</em></p>'
        "</blockquote>"
    )
    assert (
        '<span class="quote-who"><a href="https://example.com/jan">Jan</a></span>, in '
        "<cite><em>NRC</em></cite>"
    ) in html


def test_quote_with_several_paragraphs_and_a_list():
    quote = "<p>“Een.</p><ul><li>twee</li></ul><p>Drie.”</p>"
    html = render(f"<blockquote>{quote}<p>— Jan</p></blockquote>")
    assert html == figure(quote, '<span class="quote-who">Jan</span>')


# --- nesting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # The inner quote has an attribution, the outer one too.
        "<blockquote><blockquote><p>a</p><p>— X</p></blockquote><p>— Y</p>"
        "</blockquote>",
        "<blockquote><p>a</p><blockquote><p>b</p><p>— X</p></blockquote><p>— Y</p>"
        "</blockquote>",
        # Only the outer quote has one, after the inner quote.
        "<blockquote><blockquote><p>a</p></blockquote><p>— Y</p></blockquote>",
        "<blockquote><p>a</p><blockquote><p>b</p></blockquote><p>— Y, in Z</p>"
        "</blockquote>",
        # Three levels.
        "<blockquote><blockquote><blockquote><p>a</p><p>— X</p></blockquote>"
        "<p>— Y</p></blockquote><p>— Z</p></blockquote>",
        # Siblings inside a quote.
        "<blockquote><blockquote><p>a</p><p>— X</p></blockquote>"
        "<blockquote><p>b</p><p>— Y</p></blockquote><p>— Z</p></blockquote>",
        # Unclosed: the sanitizer closes them.
        "<blockquote><blockquote><p>a</p><p>— X",
        "<blockquote><p>a</p><p>— X</p><blockquote><p>b</p><p>— Y",
        # A quote in a list item.
        "<ul><li><blockquote><p>a</p><p>— X</p></blockquote></li></ul>",
    ],
)
def test_nested_quotes_give_well_formed_html(body):
    html = render(body)
    for tag, open_tags in assert_well_formed(html):
        if tag in {"figcaption", "cite"}:
            assert open_tags[-1] in {"figure", "figcaption"}, html
    # Every attribution left as text belongs to a quote that was not converted.
    assert html.count("<figure") == html.count("<figcaption>")


def test_innermost_quote_becomes_a_figure_inside_the_outer_quote():
    html = render(
        "<blockquote><blockquote><p>a</p><p>— X</p></blockquote><p>— Y</p></blockquote>"
    )
    assert html == (
        "<blockquote>"
        + figure("<p>a</p>", '<span class="quote-who">X</span>')
        + "<p>— Y</p></blockquote>"
    )


def test_outer_attribution_after_an_inner_quote_does_not_straddle_it():
    body = "<blockquote><blockquote><p>a</p></blockquote><p>— Y</p></blockquote>"
    assert render(body) == body


# --- hostile markup -----------------------------------------------------------------


def test_hostile_markup_in_the_attribution_is_neutralised():
    html = render(
        "<blockquote><p>“Tekst”</p>"
        "<p>— <img src=x onerror=alert(1)>Jan, in <script>x</script>NOS</p>"
        "</blockquote>"
    )
    assert html == figure(
        "<p>“Tekst”</p>", '<span class="quote-who">Jan</span>, in <cite>NOS</cite>'
    )


@pytest.mark.parametrize(
    "attribution",
    [
        '<a href="javascript:alert(1)" onclick="alert(1)">Jan</a>, in NOS',
        '<a href="jav\u200dascript:alert(1)">Jan</a>, in NOS',
        "Jan, in <style>p{}</style><iframe src=x></iframe>NOS",
        '<span style="color:red" class="x">Jan</span>, in <b onclick=x>NOS</b>',
        "Jan<svg onload=alert(1)></svg>, in NOS",
    ],
)
def test_hostile_attributions(attribution):
    html = render(f"<blockquote><p>“Tekst”</p><p>— {attribution}</p></blockquote>")
    assert "alert" not in html and "onclick" not in html and "style" not in html
    assert "<script" not in html and "<iframe" not in html and "<svg" not in html
    assert '<span class="quote-who">' in html and "NOS</" in html


def test_a_separator_inside_a_link_does_not_split_it():
    html = render(
        "<blockquote><p>“Tekst”</p>"
        '<p>— <a href="https://example.com/">Jan, in Den Haag</a></p></blockquote>'
    )
    assert html == figure(
        "<p>“Tekst”</p>",
        '<span class="quote-who"><a href="https://example.com/">Jan, in Den Haag</a>'
        "</span>",
    )


def test_a_separator_inside_an_address_does_not_split_it():
    html = render(
        "<blockquote><p>“Tekst”</p>"
        '<p>— <a href="https://example.com/a, in b">Jan</a></p></blockquote>'
    )
    assert "<cite>" not in html
    assert '<a href="https://example.com/a, in b">Jan</a></span>' in html


def test_a_body_never_sanitized_is_sanitized_when_rendered():
    """A row edited outside the app: render_body sanitizes again."""
    html = render('<h1 onclick="x()">Kop</h1><script>x()</script><p>Tekst</p>')
    assert html == "<h2>Kop</h2><p>Tekst</p>"


# --- split_attribution --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom Middendorp, in Nieuwsuur", ("Tom Middendorp", "Nieuwsuur")),
        ("Lotte Verbeek, tegen De Verklaring", ("Lotte Verbeek", "De Verklaring")),
        ("Mark Rutte, op de persconferentie", ("Mark Rutte", "de persconferentie")),
        ("Een woordvoerder, bij de NOS", ("Een woordvoerder", "de NOS")),
        ("Jan, IN Nieuwsuur", ("Jan", "Nieuwsuur")),
        ("  Jan,\n  in   Nieuwsuur  ", ("Jan", "Nieuwsuur")),
        ("Jan, analist, in NRC", ("Jan, analist", "NRC")),
        ("Jan, in NRC, op 3 maart", ("Jan", "NRC, op 3 maart")),
        ("Ahmad Karimi", ("Ahmad Karimi", "")),
        ("Ahmad Karimi, ooggetuige", ("Ahmad Karimi, ooggetuige", "")),
        ("Jan in Nieuwsuur", ("Jan in Nieuwsuur", "")),
        ("Jan, inderdaad", ("Jan, inderdaad", "")),
        ("Jan, opgetogen", ("Jan, opgetogen", "")),
        ("", ("", "")),
        (
            '<a href="https://example.com/">Jan</a>, in <em>NRC</em>',
            ('<a href="https://example.com/">Jan</a>', "<em>NRC</em>"),
        ),
        (
            '<a href="https://example.com/">Jan, in Den Haag</a>',
            ('<a href="https://example.com/">Jan, in Den Haag</a>', ""),
        ),
        (
            '<a href="https://example.com/">Jan, in Den Haag</a>, bij NOS',
            ('<a href="https://example.com/">Jan, in Den Haag</a>', "NOS"),
        ),
        (
            '<a href="https://example.com/a, in b">Jan</a>',
            ('<a href="https://example.com/a, in b">Jan</a>', ""),
        ),
        (
            "<strong><em>Jan, in</em> NRC</strong>, op tv",
            ("<strong><em>Jan, in</em> NRC</strong>", "tv"),
        ),
    ],
)
def test_split_attribution(text, expected):
    assert split_attribution(text) == expected
