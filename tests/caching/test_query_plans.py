"""On PostgreSQL, every public list, feed, sitemap page and search finds its articles
through an index, in the order it shows them: no read of the whole articles table,
no sort of all its rows, at 100 000 articles as at ten."""

import json
import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Section, TaggedArticle, Topic
from articles.public.cards import KEY_FIELDS
from articles.public.paging import Cursor

pytestmark = pytest.mark.postgres

LISTS = {
    "home": "/",
    "section": "/sectie/buitenland/",
    "topic": "/onderwerp/iskp/",
    "author": "/auteur/eva-mulder/",
    "feed": "/feed/",
    "section feed": "/sectie/buitenland/feed/",
    "topic feed": "/onderwerp/iskp/feed/",
    "author feed": "/auteur/eva-mulder/feed/",
    "news sitemap": "/sitemap-news.xml",
}
# The index each list must be read through (the others may choose).
EXPECTED_INDEX = {
    "home": "article_published",
    "section": "article_section_published",
    "feed": "article_published",
    "section feed": "article_section_published",
}
# A list reads its cards' keys (articles/public/cards.py): Django orders a values()
# query by the column's position, publish_at's in KEY_FIELDS.
_PUBLISH_AT = KEY_FIELDS.index("publish_at") + 1
_LIST_QUERY = re.compile(
    r'^SELECT .* FROM "articles_article" .*ORDER BY '  # noqa: S608 (a pattern)
    rf'("articles_article"."publish_at"|{_PUBLISH_AT}) (DESC|ASC)',
    re.DOTALL,
)


@pytest.fixture
def newsroom(make_article):
    """Thirty articles with a topic and the default author in one section, a
    hundred and twenty others in another, a hidden one, and statistics that
    describe them."""
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    articles = [
        make_article(headline=f"De taliban en de luchthaven {n}", topics=[topic])
        for n in range(30)
    ]
    make_article(headline="Concept", status=Article.Status.DRAFT)
    culture = Section.objects.create(name="Cultuur", slug="cultuur")
    piet = Author.objects.create(name="Piet", slug="piet")
    now = timezone.now()
    others = Article.objects.bulk_create(
        Article(
            headline=f"Een tentoonstelling {n}",
            slug=f"tentoonstelling-{n}",
            lede="Kunst.",
            section=culture,
            status=Article.Status.PUBLISHED,
            publish_at=now - timezone.timedelta(minutes=n),
        )
        for n in range(120)
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article=article, author=piet) for article in others
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return articles


def _plan(sql: str) -> dict:
    """The plan PostgreSQL chooses for ``sql`` when reading a whole table or sorting
    is all but forbidden: what it picks anyway is all it can do."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_sort")
        cursor.execute("RESET enable_incremental_sort")
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def problems(sql: str) -> list[str]:
    """What in the plan of ``sql`` reads every article or sorts them: a Seq Scan on
    articles_article, an index scan of it without a condition (the whole index),
    or a sort of rows read from it. Empty when indexes serve the query in order."""
    found = []
    for node in _nodes(_plan(sql)):
        kind, table = node["Node Type"], node.get("Relation Name")
        if table == "articles_article" and kind == "Seq Scan":
            found.append("Seq Scan on articles_article")
        if (
            table == "articles_article"
            and "Index" in kind
            and not node.get("Index Cond")
        ):
            found.append(f"{kind} of all of {node['Index Name']}")
        sorted_tables = {n.get("Relation Name") for n in _nodes(node)}
        if kind in ("Sort", "Incremental Sort") and "articles_article" in sorted_tables:
            found.append(f"{kind} by {', '.join(node.get('Sort Key', []))}")
    return found


def indexes_used(sql: str) -> set[str]:
    return {node["Index Name"] for node in _nodes(_plan(sql)) if node.get("Index Name")}


def list_queries(client, url: str) -> list[str]:
    """The queries of ``url`` that read articles in the lists' order."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    found = [q["sql"] for q in queries.captured_queries if _LIST_QUERY.match(q["sql"])]
    assert found, f"{url} read no list of articles"
    return found


def _sql(queryset) -> str:
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    return queries.captured_queries[-1]["sql"]


def test_the_check_flags_what_no_index_serves(newsroom):
    """The checks themselves can fail: published articles by headline need a sort,
    a filter no index knows reads every article, and the search of before (text
    or topic, one OR) cannot use the stored vector's index."""
    by_headline = Article.objects.published().order_by("-headline")[:10]
    assert any(p.startswith("Sort") for p in problems(_sql(by_headline)))
    by_lede = Article.objects.filter(lede__contains="x").order_by("-pk")[:10]
    assert any("articles_article" in p for p in problems(_sql(by_lede)))
    query = SearchQuery("taliban", config="dutch", search_type="websearch")
    in_topic = TaggedArticle.objects.filter(tag__slug="iskp")
    either = Article.objects.published().filter(
        Q(search_vector=query) | Q(pk__in=in_topic.values("content_object_id"))
    )
    assert "article_search" not in indexes_used(_sql(either))


def test_without_the_indexes_of_0009_the_checks_fail(client, newsroom):
    """Dropped inside this test's transaction, the indexes of migration 0009_scale
    leave the home page and a section to sort, and search without its index."""
    home = list_queries(client, "/")
    section = list_queries(client, LISTS["section"])
    with CaptureQueriesContext(connection) as queries:
        client.get("/zoeken/", {"q": "taliban"})
    search = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    with connection.cursor() as cursor:
        for name in (
            "article_published",
            "article_section_published",
            "article_search",
        ):
            cursor.execute(f"DROP INDEX {name}")
    assert all(problems(sql) for sql in [home[-1], *section])
    assert all("article_search" not in indexes_used(sql) for sql in search)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lists_and_feeds_read_an_index_in_their_order(client, newsroom, name):
    """Page one of every list, feed and the news sitemap: index order, no sort."""
    for sql in list_queries(client, LISTS[name]):
        assert problems(sql) == [], (name, sql)
        if name in EXPECTED_INDEX:
            assert EXPECTED_INDEX[name] in indexes_used(sql), name


@pytest.mark.parametrize("name", ["home", "section", "topic", "author"])
def test_later_pages_seek_their_cursor_through_an_index(client, newsroom, name):
    """Pages behind a cursor, both ways: index order from the cursor on, and the
    look at the other side too, however deep the page."""
    cursor = Cursor.of(newsroom[15]).encode()  # in the middle of every list
    for direction in ("voor", "na"):
        for sql in list_queries(client, f"{LISTS[name]}?{direction}={cursor}"):
            assert problems(sql) == [], (name, direction, sql)


def test_a_month_of_the_articles_sitemap_reads_that_month_only(client, newsroom):
    """The articles sitemap's page: a range of the lists' index, no sort, no count."""
    month = timezone.localtime(newsroom[0].publish_at).strftime("%Y-%m")
    for sql in list_queries(client, f"/sitemap-artikelen.xml?p={month}"):
        assert problems(sql) == [], sql
        assert "article_published" in indexes_used(sql)
        assert "COUNT(" not in sql


@pytest.mark.parametrize("words", ["taliban", "luchthaven taliban", "ISKP"])
def test_search_finds_matches_through_the_stored_vectors_index(client, newsroom, words):
    """The candidates come from the GIN index on search_vector (a topic's articles
    from the topic index), never from reading every article; the same query ranks
    those candidates only (the limit is the subquery's, the rank the outer
    query's), and nothing counts the matches again."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zoeken/", {"q": words}).status_code == 200
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 1  # the candidates (search.CANDIDATES at most)
    ranked = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    assert ranked == searches
    outer, _, candidates = searches[0].partition('AND "articles_article"."id" IN (')
    assert "ts_rank" in outer and "@@" not in outer and "LIMIT" not in outer
    assert "@@" in candidates and "LIMIT 200" in candidates
    for sql in searches:
        assert "to_tsvector" not in sql  # the stored vector, not one per row
        # The GIN index on the vectors, or (when PostgreSQL expects the newest
        # CANDIDATES soon, as with this few articles) the lists' index, newest first.
        assert {"article_search", "article_published"} & indexes_used(sql), sql
        plan = _plan(sql)
        seq = [
            n
            for n in _nodes(plan)
            if n["Node Type"] == "Seq Scan"
            and n.get("Relation Name") == "articles_article"
        ]
        assert seq == [], sql


def test_search_vectors_are_kept_in_the_articles_rows(db):
    """Testing a candidate's vector reads no TOAST table (migration
    0019_search_vector_inline): the column's storage is MAIN, which moves a value
    out of the row only when nothing else makes the row fit on its page."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid ="
            " 'articles_article'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)
