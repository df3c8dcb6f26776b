"""Search (/zoeken/?q=): ranked, aliases found, matches marked, only published.

Most tests run on both databases (SQLite's fallback, PostgreSQL's full-text
search); those marked ``postgres`` test what only full-text search does.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Topic, TopicAlias
from articles.public.search import mark_terms, normalise_query, search_articles
from articles.services.articles import save_article

URL = "/zoeken/"
# nav sections, the topics the query names (cached per query), count, the page,
# its authors, its topics
RESULTS_PAGE_BUDGET = 6


@pytest.fixture
def iskp(db):
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    TopicAlias.objects.create(topic=topic, name="IS-K", slug="is-k")
    TopicAlias.objects.create(topic=topic, name="ISK", slug="isk")
    return topic


def _articles(results):
    """The found articles in order, whole (PostgreSQL's results are their keys
    until a page of them is rendered)."""
    return results.complete(list(results.articles))


def _found(query):
    return _articles(search_articles(query))


def test_headline_hit_ranks_above_body_hit(make_article):
    """An older article with the word in its headline comes before a newer body hit."""
    in_body = make_article(headline="Nieuws uit de regio", body="<p>Over Kabul.</p>")
    in_headline = make_article(
        headline="Kabul na de machtswissel",
        publish_at=timezone.now() - timezone.timedelta(days=30),
    )
    assert _found("kabul") == [in_headline, in_body]


def test_every_word_must_match(make_article):
    """Two words find the article holding both, not one holding only one."""
    both = make_article(headline="Aanslag bij de luchthaven", lede="In Kabul.")
    make_article(headline="Aanslag in Jalalabad")
    assert _found("aanslag kabul") == [both]


def test_minus_excludes_a_word(make_article):
    """``aanslag -kabul`` leaves out the articles that mention Kabul."""
    elsewhere = make_article(headline="Aanslag in Jalalabad")
    make_article(headline="Aanslag in Kabul")
    assert _found("aanslag -kabul") == [elsewhere]


def test_an_alias_finds_the_topics_articles(make_article, iskp):
    """Searching "IS-K" finds an ISKP article that never writes IS-K, first."""
    tagged = make_article(
        headline="Wie zit achter de aanval?",
        topics=[iskp],
        publish_at=timezone.now() - timezone.timedelta(days=10),
    )
    mentions = make_article(headline="IS-K eist aanslag op")
    make_article(headline="Iets heel anders")
    found = _found("is-k")
    assert found[0] == tagged
    assert mentions in found
    assert len(found) == 2
    assert _found("ISKP") == [tagged]


def test_matches_are_marked_and_hostile_text_escaped(client, make_article):
    """Headline and lede show <mark>, and markup in them stays text."""
    make_article(
        headline='<script>alert("kop")</script> Aanslag & "gevolgen"',
        lede="<img src=x onerror=alert(1)> De aanslag </mark> trof de markt.",
    )
    content = client.get(URL, {"q": "aanslag"}).text
    assert "<mark>Aanslag</mark>" in content
    assert "<mark>aanslag</mark>" in content
    assert "&lt;script&gt;alert(&quot;kop&quot;)&lt;/script&gt;" in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert "&lt;/mark&gt; trof" in content
    assert "<script" not in content
    assert "<img src=x" not in content


def test_highlight_leaves_no_marker_behind(make_article):
    """The highlighted text is the original text, escaped, plus <mark> tags only."""
    article = make_article(headline="Kabul & Kandahar", lede="Kabul, kabul, KABUL.")
    results = search_articles("kabul")
    [hit] = results.hits(_articles(results))
    assert hit.article == article
    assert hit.headline == "<mark>Kabul</mark> &amp; Kandahar"
    assert hit.lede == "<mark>Kabul</mark>, <mark>kabul</mark>, <mark>KABUL</mark>."


def test_mark_terms_escapes_and_ignores_case():
    """mark_terms escapes everything and wraps each term, in any case, in <mark>."""
    assert (
        mark_terms("<b>Kabul</b> en kabul", ["KABUL"])
        == "&lt;b&gt;<mark>Kabul</mark>&lt;/b&gt; en <mark>kabul</mark>"
    )
    assert mark_terms("a < b", []) == "a &lt; b"


def test_nothing_unpublished_is_ever_found(client, make_article, iskp):
    """Drafts, articles in review, scheduled and withdrawn ones stay out, even by topic."""
    now = timezone.now()
    visible = make_article(headline="Aanslag zichtbaar", topics=[iskp])
    hidden = [
        make_article(headline="Aanslag concept", status=Article.Status.DRAFT),
        make_article(headline="Aanslag beoordeling", status=Article.Status.REVIEW),
        make_article(
            headline="Aanslag ingepland", publish_at=now + timezone.timedelta(days=1)
        ),
        make_article(headline="Aanslag teruggetrokken"),
    ]
    Article.objects.filter(pk=hidden[-1].pk).update(status=Article.Status.UNPUBLISHED)
    for article in hidden:
        article.topics.add(iskp)
    for query in ("aanslag", "IS-K", "ISKP"):
        assert _found(query) == [visible]
        content = client.get(URL, {"q": query}).text
        assert "1 resultaat voor" in content
        for article in hidden:
            assert article.headline not in content
            assert article.slug not in content


def test_pagination_keeps_the_query(client, make_article, settings):
    """The next-page link carries q; page two shows the rest."""
    settings.ARTICLES_PER_PAGE = 2
    for n in range(3):
        make_article(headline=f"Verkiezingen deel {n}")
    first = client.get(URL, {"q": "verkiezingen"}).text
    assert "3 resultaten voor" in first
    assert 'href="?q=verkiezingen&amp;pagina=2"' in first
    second = client.get(URL, {"q": "verkiezingen", "pagina": 2})
    assert second.status_code == 200
    assert "</mark> deel 2</a>" in second.text
    assert "deel 0" not in second.text
    assert 'href="?q=verkiezingen"' in second.text


def test_empty_query_runs_no_search(client, db, django_assert_num_queries):
    """A blank query finds nothing without asking the database, and the page says why."""
    with django_assert_num_queries(0):
        results = search_articles(" \t\n ")
        assert results.query == ""
        assert list(results.articles) == []
    response = client.get(URL, {"q": "   "})
    assert response.status_code == 200
    assert "Typ een of meer woorden" in response.text
    assert "resultat" not in response.text


def test_no_results_offers_a_tip(client, make_article):
    """A query without matches says so, with a tip, and keeps the query in the form."""
    make_article(headline="Kabul")
    content = client.get(URL, {"q": "zeppelin"}).text
    assert "Geen resultaten voor “<bdi>zeppelin</bdi>”" in content
    assert "Tip:" in content
    assert 'value="zeppelin"' in content


ABSURD = {
    "very-long": "kabul " * 2000,
    "punctuation": "!!! ??? ... ,,, ;;; :: &|!()<>",
    "sql": "'; DROP TABLE articles_article; --",
    "script": "<script>alert(1)</script>",
    "controls": "ka\x01bul\x07\x1b[31m \u202ekabul\u202c",
    "rtl": "د کابل هوايي ډګر",
    "quotes": "\"\"\" ''' “”",
    "wildcards": "%_% \\ * ?",
    "search-syntax": '- or -- "kabul -',
    "emoji": "🇦🇫💥 kabul",
}


@pytest.mark.parametrize("name", sorted(ABSURD))
def test_absurd_queries_get_a_sensible_page(client, make_article, name):
    """Odd, hostile or huge queries answer 200 with an escaped, capped echo."""
    make_article(headline="Kabul vandaag")
    response = client.get(URL, {"q": ABSURD[name]})
    assert response.status_code == 200
    content = response.text
    assert "<script>alert" not in content
    assert "\x00" not in content
    assert "\u202e" not in content
    assert 'name="q" value="' in content


def test_a_nul_in_the_query_is_a_400(client, db):
    """A NUL reaches no view (newsroom/guards.py): the plain Dutch 400 page."""
    response = client.get(URL, {"q": "ka\x00bul"})
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.text


def test_normalise_query_cleans_and_caps():
    """Whitespace collapses, control and direction-override characters go, 200 max."""
    assert normalise_query("  ka\x00bul\t\n  nu\u202e ") == "kabul nu"
    assert normalise_query("x" * 10_000) == "x" * 200
    assert normalise_query("a " * 150) == ("a " * 100).strip()
    assert normalise_query("د کابل") == "د کابل"
    assert normalise_query("\x00\x1f\u2066") == ""
    assert normalise_query("ka\ud800bul\x85nu") == "kabul nu"


def test_search_page_is_never_indexed(client, make_article):
    """Both the header and the meta tag say noindex, with or without a query."""
    make_article(headline="Kabul")
    for params in ({}, {"q": "kabul"}, {"q": "zeppelin"}):
        response = client.get(URL, params)
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in response.text


def test_every_page_has_a_search_form_in_its_header(client, db):
    """The site header holds a labelled search form that goes to /zoeken/."""
    content = client.get("/").text
    assert '<form class="site-search" role="search" action="/zoeken/"' in content
    assert '<label class="visually-hidden" for="site-search">' in content


def test_english_search_page(client, make_article):
    """/en/zoeken/ searches the same articles with English labels."""
    make_article(headline="Kabul vandaag")
    content = client.get("/en/zoeken/", {"q": "kabul"}).text
    assert '<html lang="en">' in content
    assert "1 result for “<bdi>kabul</bdi>”" in content
    assert 'action="/en/zoeken/"' in content


def _count(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return len(queries)


def test_results_page_query_count_is_pinned_and_constant(client, make_article, iskp):
    """A results page costs the same few queries, however many topics and authors."""
    articles = [
        make_article(headline=f"Kabul deel {n}", topics=[iskp]) for n in range(5)
    ]
    topics = [iskp] + [
        Topic.objects.create(name=f"Onderwerp {n}", slug=f"o{n}") for n in range(6)
    ]
    authors = [
        Author.objects.create(name=f"Auteur {n}", slug=f"a{n}") for n in range(5)
    ]
    before = {query: _count(client, query) for query in ("kabul", "IS-K")}
    for article in articles:
        article.topics.set(topics)
        article.authors.set(authors)
    after = {query: _count(client, query) for query in ("kabul", "IS-K")}
    assert before == after
    assert max(after.values()) <= RESULTS_PAGE_BUDGET


@pytest.mark.postgres
def test_dutch_stemming_finds_other_forms(make_article):
    """ "aanslagen" finds "aanslag", and "verkiezing" finds "verkiezingen"."""
    attack = make_article(headline="Aanslag bij de luchthaven")
    vote = make_article(headline="De verkiezingen zijn uitgesteld")
    assert _found("aanslagen") == [attack]
    assert _found("verkiezing") == [vote]


@pytest.mark.postgres
def test_headline_weighs_more_than_lede_and_lede_more_than_body(make_article):
    """The oldest headline hit beats a lede hit, which beats the newest body hit."""
    days = timezone.timedelta(days=1)
    body = make_article(headline="Een", body="<p>De taliban.</p>")
    lede = make_article(
        headline="Twee", lede="De taliban.", publish_at=timezone.now() - 5 * days
    )
    headline = make_article(headline="De taliban", publish_at=timezone.now() - 9 * days)
    assert _found("taliban") == [headline, lede, body]


@pytest.mark.postgres
def test_websearch_phrase_and_or(make_article):
    """Quoted phrases keep word order, and "or" finds either word."""
    phrase = make_article(headline="Aanslag op de luchthaven van Kabul")
    other = make_article(headline="Kabul: luchthaven dicht na aanslag")
    assert _found('"aanslag op de luchthaven"') == [phrase]
    assert set(_found("jalalabad or luchthaven")) == {phrase, other}


@pytest.mark.postgres
def test_body_markup_is_not_searched(make_article):
    """Tag names and link addresses in the body are not words of the article."""
    make_article(
        body='<p><strong>Vet</strong> <a href="https://x.nl/zeppelin">hier</a></p>'
    )
    assert _found("strong") == []
    assert _found("zeppelin") == []
    assert len(_found("vet")) == 1


@pytest.mark.postgres
def test_stopwords_only_find_nothing(client, make_article):
    """A query of Dutch stopwords only is an empty search, not an error."""
    make_article(headline="De een en de ander")
    assert _found("de een en") == []
    assert client.get(URL, {"q": "de het een"}).status_code == 200


@pytest.mark.postgres
def test_a_common_word_ranks_only_the_newest_candidates(
    client, make_article, monkeypatch
):
    """Of many matches only the newest CANDIDATES are ranked and shown, best first
    among them, and counted as such; hidden articles are never among them."""
    monkeypatch.setattr("articles.public.search.CANDIDATES", 3)
    now = timezone.now()
    oldest_best = make_article(
        headline="Dijken, dijken, dijken",
        publish_at=now - timezone.timedelta(days=9),
    )
    newest = [
        make_article(
            headline=f"Verhaal {n}",
            body="<p>Over dijken.</p>",
            publish_at=now - timezone.timedelta(days=n),
        )
        for n in range(1, 5)
    ]
    make_article(
        headline="Dijken later",
        publish_at=now + timezone.timedelta(days=1),  # scheduled: never a candidate
    )
    results = search_articles("dijken")
    assert results.count == 3 and results.capped
    assert _articles(results) == newest[:3]  # equal ranks: newest first
    assert oldest_best not in _articles(results)
    response = client.get(URL, {"q": "dijken"})
    # Not "3 resultaten": the reader learns these are the newest of more.
    assert "De nieuwste 3 resultaten voor" in response.content.decode()
    assert not search_articles("later").capped


def test_an_alias_added_later_finds_its_topics_articles_at_once(make_article, iskp):
    """The topics a query names are looked up once per query and kept until a topic
    or alias changes: an alias approved after a search is found by the next one."""
    article = make_article(headline="Wat we weten", body="<p>Over de aanslag.</p>")
    article.topics.set([iskp])
    assert _found("Khorasan") == []
    TopicAlias.objects.create(topic=iskp, name="Khorasan", slug="khorasan")
    assert _found("Khorasan") == [article]


def test_a_hit_is_cached_per_query_and_follows_an_edit_at_once(client, make_article):
    """Each hit's HTML is kept under the query and its article's version: asked
    again, the page shows the same; an edited headline shows at once."""
    article = make_article(headline="Dijken worden hoger", lede="Over de dijken.")
    make_article(headline="Dijken in Zeeland", lede="Ook over dijken.")
    first = client.get(URL, {"q": "dijken"}).text
    assert client.get(URL, {"q": "dijken"}).text.count("<mark>") == first.count(
        "<mark>"
    )
    article.headline = "Dijken worden nog hoger"
    save_article(article)
    again = client.get(URL, {"q": "dijken"}).text
    assert "worden nog hoger" in again and "Dijken worden hoger<" not in again


@pytest.mark.postgres
def test_a_query_asked_again_costs_one_query(client, make_article):
    """On PostgreSQL a repeated query reads the candidates with their hits' keys
    and their ranks: one query, no article loaded, whatever the page holds."""
    for n in range(15):
        make_article(headline=f"Dijkversterking deel {n}", authors=[])
    cold = _count(client, "dijkversterking")
    assert _count(client, "dijkversterking") == 1 < cold
    assert _count(client, "dijkversterking") == 1
