"""The search results page: a list, the matching passage in <mark>, kind, section
and date, best first or newest first (``?volgorde=nieuw``).

Run on SQLite (our own highlighter) and, marked ``postgres``, on PostgreSQL
(ts_headline); both escape everything but their own <mark>.
"""

import re

import pytest
from django.utils import timezone

from articles.models import Section
from articles.public.highlight import mark_terms, passage, plain_text, trim_words

URL = "/zoeken/"
DAY = timezone.timedelta(days=1)
_RESULT = re.compile(r'<h3 [^>]*class="card-title"><a href="/artikel/([^/]+)/">')
_PASSAGE = re.compile(r'<p class="result-passage" dir="auto" lang="nl">(.*?)</p>')


def _slugs(html):
    return _RESULT.findall(html)


@pytest.fixture
def section(db):
    return Section.objects.create(slug="buitenland", name="Buitenland")


def test_results_are_a_list_with_kind_section_date(client, make_article, section):
    """Each result is a list item naming its kind of work, its section and a <time>."""
    make_article(headline="Kabul na de aanslag", kind="explainer", section=section)
    html = client.get(URL, {"q": "kabul"}).text
    assert '<ol class="results" start="1">' in html
    item = html[html.index('<li><article class="result">') :]
    item = item[: item.index("</article>")]
    assert "Uitleg" in item and "Buitenland" in item
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">', item)


def test_a_body_match_shows_the_passage_around_it(client, make_article):
    """A word only in the body: the words around it, marked, not the lede."""
    body = (
        "<p>Eerst een alinea over iets anders, lang genoeg om niet mee te komen in "
        "het fragment dat rond de treffer wordt getoond, met nog veel meer woorden "
        "die er niet toe doen.</p><p>Daarna noemt de tekst de <em>zeppelin</em> "
        "die boven de stad hing.</p>"
    )
    make_article(headline="Boven de stad", lede="Een intro.", body=body)
    html = client.get(URL, {"q": "zeppelin"}).text
    found = _PASSAGE.search(html).group(1)
    assert "<mark>zeppelin</mark> die boven de stad hing." in found
    assert found.startswith("… ")
    assert found.endswith(" hing.")  # the body's end: no ellipsis after it
    assert "<em>" not in found and "Eerst een alinea" not in found
    assert "Een intro." not in found


def test_a_passage_has_an_ellipsis_only_where_the_body_goes_on(client, make_article):
    """A short body is its whole passage, with no ellipsis; a match in the middle of
    a long one has an ellipsis on either side, and one at its start only after."""
    filler = " ".join(f"woord{n}" for n in range(80))
    make_article(
        headline="Kort", lede="Intro.", body="<p>De zeppelin &amp; de stad.</p>"
    )
    make_article(
        headline="Midden", lede="Intro.", body=f"<p>{filler} luchtschip {filler}</p>"
    )
    make_article(headline="Begin", lede="Intro.", body=f"<p>Ballonvaart {filler}</p>")
    passages = {
        query: _PASSAGE.search(client.get(URL, {"q": query}).text).group(1)
        for query in ("zeppelin", "luchtschip", "ballonvaart")
    }
    assert passages["zeppelin"] == "De <mark>zeppelin</mark> &amp; de stad."
    assert passages["luchtschip"].startswith("… ")
    assert passages["luchtschip"].endswith(" …")
    assert "<mark>luchtschip</mark> woord0" in passages["luchtschip"]
    assert passages["ballonvaart"].startswith("<mark>Ballonvaart</mark> woord0")
    assert passages["ballonvaart"].endswith(" …")


def test_a_lede_match_shows_the_lede_marked(client, make_article):
    """A word in the lede: the lede is the passage, the word marked."""
    make_article(headline="Iets", lede="De zeppelin landde.", body="<p>Niets.</p>")
    html = client.get(URL, {"q": "zeppelin"}).text
    assert (
        '<p class="result-passage" dir="auto" lang="nl">De <mark>zeppelin</mark> '
        "landde.</p>" in html
    )


def test_markup_in_body_and_query_stays_text(client, make_article):
    """A body with <b> and a query for <script> never produce markup of theirs."""
    make_article(
        headline="Opmaak",
        lede="Een intro.",
        body="<p>Een <b>vette</b> zeppelin &amp; een &lt;script&gt;alert(1)&lt;/script&gt;"
        " in de tekst.</p>",
    )
    html = client.get(URL, {"q": "zeppelin"}).text
    found = _PASSAGE.search(html).group(1)
    assert "<b>" not in found and "<script>" not in found
    assert "vette <mark>zeppelin</mark> &amp; een &lt;script&gt;alert(1)" in found
    html = client.get(URL, {"q": "<script>"}).text
    assert "<script>" not in html.split("<main", 1)[1]
    assert "<mark><script>" not in html


def test_order_toggle_keeps_the_query(client, make_article):
    """Best first by default, newest first with ?volgorde=nieuw; links keep q."""
    older = make_article(headline="Zeppelin zeppelin", publish_at=timezone.now() - DAY)
    newer = make_article(headline="Nieuws", body="<p>Ook een zeppelin.</p>")
    best = client.get(URL, {"q": "zeppelin"}).text
    assert _slugs(best) == [older.slug, newer.slug]
    assert '<a href="?q=zeppelin" aria-current="true">' in best
    assert '<a href="?q=zeppelin&amp;volgorde=nieuw">Nieuwste eerst</a>' in best
    newest = client.get(URL, {"q": "zeppelin", "volgorde": "nieuw"}).text
    assert _slugs(newest) == [newer.slug, older.slug]
    assert '<a href="?q=zeppelin&amp;volgorde=nieuw" aria-current="true">' in newest
    assert '<a href="?q=zeppelin">Beste resultaten eerst</a>' in newest


def test_newest_first_pages_keep_the_order(client, make_article, settings):
    """The next page of newest-first results is still newest first."""
    settings.ARTICLES_PER_PAGE = 2
    made = [
        make_article(headline=f"Zeppelin {n}", publish_at=timezone.now() - n * DAY)
        for n in range(3)
    ]
    first = client.get(URL, {"q": "zeppelin", "volgorde": "nieuw"}).text
    assert 'href="?q=zeppelin&amp;volgorde=nieuw&amp;pagina=2"' in first
    second = client.get(URL, {"q": "zeppelin", "volgorde": "nieuw", "pagina": 2}).text
    assert _slugs(second) == [made[2].slug]
    assert '<ol class="results" start="3">' in second


@pytest.mark.postgres
def test_postgres_marks_stemmed_forms_in_the_body_passage(client, make_article):
    """ "zeppelins" finds and marks "zeppelin" in the body, tags left out."""
    make_article(
        headline="Boven de stad",
        lede="Een intro.",
        body="<p>Toen verscheen <strong>de zeppelin</strong> &amp; de rest.</p>",
    )
    html = client.get(URL, {"q": "zeppelins"}).text
    found = _PASSAGE.search(html).group(1)
    assert "<mark>zeppelin</mark>" in found
    assert "<strong>" not in found and "strong" not in found
    assert "&amp; de rest." in found and "&amp;amp;" not in found


@pytest.mark.postgres
def test_postgres_escapes_markup_in_the_passage(client, make_article):
    """Text that looks like markup in the body stays text in the passage."""
    make_article(
        headline="Opmaak",
        lede="Een intro.",
        body="<p>Een &lt;b&gt;zeppelin&lt;/b&gt; <b>vet</b>.</p>",
    )
    html = client.get(URL, {"q": "zeppelin"}).text
    found = _PASSAGE.search(html).group(1)
    assert "&lt;b&gt;<mark>zeppelin</mark>&lt;/b&gt;" in found
    assert "<b>" not in found


def test_plain_text_drops_tags_and_decodes_entities():
    """Tags go (words stay apart), entities become characters, spaces collapse."""
    html = "<p>Een <b>vet</b>&amp;woord</p><p>Twee</p>\n<ul><li>drie</li></ul>"
    assert plain_text(html) == "Een vet &woord Twee drie"


def test_passage_cuts_around_the_first_match_and_escapes():
    """Words before and after, ellipses where the text goes on, all escaped."""
    text = " ".join(f"w{n}" for n in range(100)) + " <zeppelin> & " + "x " * 50
    found = passage(text, ["zeppelin"])
    assert found.startswith("… w92 ") and found.endswith(" …")
    assert "&lt;<mark>zeppelin</mark>&gt; &amp;" in found
    assert passage("geen treffer", ["zeppelin"]) is None
    assert passage("<b>Zeppelin</b>", ["zeppelin"]) == (
        "&lt;b&gt;<mark>Zeppelin</mark>&lt;/b&gt;"
    )


def test_trim_words_cuts_at_a_word_boundary():
    """At most the limit, whole words, an ellipsis only when something was cut."""
    assert trim_words("kort", 10) == "kort"
    assert trim_words("een twee drie vier", 12) == "een twee…"
    assert trim_words("een twee. drie", 11) == "een twee…"
    assert trim_words("een twee… drie vier", 14) == "een twee…"  # not "……"
    assert trim_words("een twee... drie vier", 16) == "een twee…"
    assert len(trim_words("a" * 50, 10)) == 10


def test_mark_terms_never_marks_inside_markup():
    """The text is escaped first: a term in a tag name is marked as text only."""
    assert mark_terms("<mark>x</mark>", ["mark"]) == (
        "&lt;<mark>mark</mark>&gt;x&lt;/<mark>mark</mark>&gt;"
    )
