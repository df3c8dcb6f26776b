"""Feeds (RSS and Atom, site and each scope), sitemaps, the news sitemap and robots.txt:
full text, stable ids, only published articles, SITE_URL everywhere."""

import html
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import feedparser
import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.images.services import store_upload
from articles.models import Article, Author, Section, Topic, TopicAlias
from articles.services.articles import save_article
from tests.helpers.samples.embeds import X_CODE, X_URL
from tests.helpers.samples.images import encode, scene

SITE = "https://www.deverklaring.example"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}

# Every sitemap of the site (the index and each section of it).
SITEMAPS = [
    "/sitemap.xml",
    "/sitemap-artikelen.xml",
    "/sitemap-secties.xml",
    "/sitemap-onderwerpen.xml",
    "/sitemap-auteurs.xml",
    "/sitemap-news.xml",
]


def pasted(code: str) -> str:
    """Embed code as the editor stores it when pasted as plain text."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))


@pytest.fixture(autouse=True)
def _site_url(settings):
    """A SITE_URL unlike the test client's host, so the two cannot be confused."""
    settings.SITE_URL = SITE


@pytest.fixture
def newsroom(make_article):
    """A section, topic and two authors; an article with an embedded post, two
    authors and two topics; and a plain one."""
    section = Section.objects.create(name="Politiek", slug="politiek")
    topic = Topic.objects.create(name="Afghanistan", slug="afghanistan")
    other = Topic.objects.create(name="Evacuatie", slug="evacuatie")
    eva = Author.objects.create(name="Eva Mulder", slug="eva")
    jan = Author.objects.create(name="Jan de Vries", slug="jan")
    main = make_article(
        headline="Wat we weten over de evacuatie",
        section=section,
        authors=[eva, jan],
        topics=[topic, other],
        body="<p>Eerst <a href='/artikel/eerder/'>dit</a>.</p>" + pasted(X_CODE),
    )
    plain = make_article(
        headline="Kort nieuws", section=section, authors=[eva], topics=[topic]
    )
    return {
        "section": section,
        "topic": topic,
        "author": eva,
        "main": main,
        "plain": plain,
        "articles": [main, plain],
    }


def feed_urls(newsroom) -> list[str]:
    section, topic, author = newsroom["section"], newsroom["topic"], newsroom["author"]
    return [
        f"{base}{suffix}"
        for base in (
            "/",
            f"/sectie/{section.slug}/",
            f"/onderwerp/{topic.slug}/",
            f"/auteur/{author.slug}/",
        )
        for suffix in ("feed/", "feed/atom/")
    ]


def fetch_raw(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


def entry_for(parsed, article):
    link = SITE + article.get_absolute_url()
    return next(entry for entry in parsed.entries if entry.link == link)


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root) -> list[str]:
    return [loc.text for loc in root.iterfind(".//s:loc", SITEMAP_NS)]


def month_page(article) -> str:
    """The articles sitemap's page for the month ``article`` was published in."""
    month = timezone.localtime(article.publish_at).strftime("%Y-%m")
    return f"/sitemap-artikelen.xml?p={month}"


def test_every_feed_parses_without_errors(client, newsroom):
    """RSS and Atom, for the site, a section, a topic and an author: bozo == 0."""
    for url in feed_urls(newsroom):
        parsed = fetch_feed(client, url)
        assert len(parsed.entries) == 2, url
        expected = "atom10" if url.endswith("atom/") else "rss20"
        assert parsed.version == expected


def test_feeds_are_newest_first_and_at_most_twenty(client, make_article):
    """Twenty items, newest first, however many articles there are."""
    for n in range(22):
        make_article(headline=f"Artikel {n}")
    titles = [entry.title for entry in fetch_feed(client, "/feed/").entries]
    assert len(titles) == 20
    assert titles[:2] == ["Artikel 0", "Artikel 1"]  # make_article: an hour apart


def test_rss_has_full_text_with_the_post_as_a_static_blockquote(client, newsroom):
    """content:encoded: the body, each post a static blockquote, no script."""
    entry = entry_for(fetch_feed(client, "/feed/"), newsroom["main"])
    content = entry.content[0].value
    assert "<blockquote" in content
    assert "Jane Reporter" in content and "@janereporter" in content
    assert "Long queues at the airport gates" in content
    assert f'href="{X_URL}"' in content and "Origineel op X" in content
    assert "<script" not in content and "embed-consent" not in content
    assert "<button" not in content and "<iframe" not in content
    assert f'href="{SITE}/artikel/eerder/"' in content
    assert entry.summary == "Een intro."


def test_atom_has_full_text_and_summary(client, newsroom):
    """The Atom entry carries the same full text as content, the lede as summary."""
    entry = entry_for(fetch_feed(client, "/feed/atom/"), newsroom["main"])
    assert entry.content[0].type == "text/html"
    assert "Long queues at the airport gates" in entry.content[0].value
    assert "<script" not in entry.content[0].value
    assert entry.summary == "Een intro."


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_items_name_authors_and_topics(client, newsroom, url):
    """Every author is named; the topics are the categories."""
    entry = entry_for(fetch_feed(client, url), newsroom["main"])
    assert entry.author == "Eva Mulder, Jan de Vries"
    assert sorted(tag.term for tag in entry.tags) == ["Afghanistan", "Evacuatie"]


@pytest.fixture
def with_hero(newsroom):
    """The main article with a hero image (its renditions take a moment to make)."""
    newsroom["main"].hero = store_upload(
        encode(scene((1200, 675)), "JPEG"),
        filename="poort.jpg",
        alt="Wachtenden bij de poort",
        credit="ANP / Jan Jansen",
    )
    save_article(newsroom["main"])
    return newsroom


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_hero_is_media_content(client, with_hero, url):
    """A JPEG at least 960 wide, absolute on SITE_URL, with its size, alt and credit."""
    newsroom = with_hero
    parsed = fetch_feed(client, url)
    media = entry_for(parsed, newsroom["main"]).media_content[0]
    assert media["url"].startswith(f"{SITE}/media/") and media["url"].endswith(".jpg")
    assert media["medium"] == "image" and media["type"] == "image/jpeg"
    assert int(media["width"]) >= 960 and int(media["height"]) > 0
    raw = fetch_raw(client, url)
    assert "Wachtenden bij de poort" in raw and "ANP / Jan Jansen" in raw
    assert "media_content" not in entry_for(parsed, newsroom["plain"])


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_ids_survive_a_new_slug(client, newsroom, url):
    """The guid/id is a tag URI with the primary key: a new slug keeps it."""
    article = newsroom["main"]
    before = entry_for(fetch_feed(client, url), article).id
    assert before.startswith("tag:www.deverklaring.example,")
    assert before.endswith(f":artikel/{article.pk}")
    article.slug = "nieuwe-slug"
    save_article(article)
    after = entry_for(fetch_feed(client, url), article)
    assert after.id == before and after.link.endswith("/artikel/nieuwe-slug/")


def test_rss_guid_is_not_a_permalink(client, newsroom):
    """The RSS guid says isPermaLink="false": it is an id, not the address."""
    assert 'isPermaLink="false"' in fetch_raw(client, "/feed/")


def test_updated_moves_only_for_a_substantive_update(client, newsroom):
    """A typo fix keeps Atom's updated at publication; a set update time moves it."""
    article = newsroom["plain"]
    entry = entry_for(fetch_feed(client, "/feed/atom/"), article)
    published = entry.published_parsed
    assert entry.updated_parsed == published
    article.lede = "Een intro, zonder typfout."
    save_article(article)
    entry = entry_for(fetch_feed(client, "/feed/atom/"), article)
    assert entry.summary == "Een intro, zonder typfout."
    assert entry.updated_parsed == published
    article.updated_at = timezone.now()
    save_article(article)
    entry = entry_for(fetch_feed(client, "/feed/atom/"), article)
    assert entry.updated_parsed > published
    assert entry.published_parsed == published


def test_feed_urls_are_on_site_url_not_the_request_host(client, newsroom):
    """Links, the self link and ids use SITE_URL even when asked on another host."""
    response = client.get("/feed/atom/", HTTP_HOST="localhost")
    content = response.content.decode()
    assert "localhost" not in content and "testserver" not in content
    assert f'href="{SITE}/feed/atom/"' in content and f'href="{SITE}/"' in content


def test_english_feed_links_stay_under_en(client, newsroom):
    """/en/feed/ exists, in English, and links to the /en/ pages."""
    dutch = newsroom["main"].get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):  # the request activates "en"
        parsed = fetch_feed(client, "/en/feed/")
    assert parsed.feed.language == "en"
    assert parsed.entries[0].link == f"{SITE}/en{dutch}"


def test_topic_alias_feed_redirects_and_unknown_scopes_are_404(client, newsroom):
    """An alias's feed redirects to the topic's feed; an unknown slug answers 404."""
    TopicAlias.objects.create(topic=newsroom["topic"], name="AFG", slug="afg")
    response = client.get("/onderwerp/afg/feed/atom/")
    assert response.status_code == 301
    assert response["Location"] == "/onderwerp/afghanistan/feed/atom/"
    for url in (
        "/onderwerp/bestaat-niet/feed/",
        "/sectie/bestaat-niet/feed/",
        "/auteur/bestaat-niet/feed/atom/",
    ):
        assert client.get(url).status_code == 404, url


def test_pages_link_their_feeds_in_the_head(client, newsroom):
    """Every page links the site's feeds; a section, topic or author page its own."""
    home = fetch_raw(client, "/")
    assert 'type="application/rss+xml"' in home and 'href="/feed/"' in home
    assert 'type="application/atom+xml"' in home and 'href="/feed/atom/"' in home
    for base in feed_urls(newsroom)[2::2]:
        page = fetch_raw(client, base.removesuffix("feed/"))
        assert f'href="{base}"' in page and f'href="{base}atom/"' in page
        assert 'href="/feed/"' in page


@pytest.fixture
def hidden(make_article, newsroom):
    """A draft, a scheduled and a withdrawn article, each with its own topic and
    author that no visible article has."""
    hidden = []
    for status, when in (
        (Article.Status.DRAFT, None),
        (Article.Status.PUBLISHED, timezone.now() + timedelta(hours=3)),
        (Article.Status.UNPUBLISHED, timezone.now() - timedelta(hours=3)),
    ):
        author = Author.objects.create(name=f"Geheim {status}", slug=f"geheim-{status}")
        hidden.append(
            make_article(
                headline=f"Verborgen {status}",
                slug=f"verborgen-{status}",
                section=newsroom["section"],
                authors=[author, newsroom["author"]],
                topics=[f"geheim-{status}", newsroom["topic"]],
                status=status,
                publish_at=when,
            )
        )
    return hidden


def test_nothing_hidden_in_any_feed_or_sitemap(client, newsroom, hidden):
    """Hidden articles, and topics and authors only they have, are in no feed or map."""
    urls = feed_urls(newsroom) + SITEMAPS
    for url in urls:
        content = fetch_raw(client, url)
        assert "verborgen" not in content.lower(), url
        assert "geheim" not in content.lower(), url
    for url in feed_urls(newsroom):
        assert len(fetch_feed(client, url).entries) == 2, url


def test_sitemap_index_lists_each_section_with_lastmod(client, newsroom):
    """/sitemap.xml is valid XML naming the four sitemaps on SITE_URL, with lastmod."""
    root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations(root) == [
        f"{SITE}/sitemap-{name}.xml"
        for name in ("artikelen", "secties", "onderwerpen", "auteurs")
    ]
    lastmods = [node.text for node in root.iterfind(".//s:lastmod", SITEMAP_NS)]
    assert len(lastmods) == 4
    newest = newsroom["main"].publish_at.astimezone(timezone.get_current_timezone())
    assert lastmods[0] == newest.isoformat()


def test_section_sitemaps_list_pages_on_site_url(client, newsroom):
    """Valid XML on SITE_URL; topics and authors only with a visible article."""
    Section.objects.create(name="Leeg", slug="leeg", position=9)
    Topic.objects.create(name="Zonder artikelen", slug="zonder")
    Author.objects.create(name="Nog niets", slug="nog-niets")
    main, plain = newsroom["main"], newsroom["plain"]
    # One page a month: both on one page, unless a month began between the two.
    pages = [
        fetch_xml(client, url)
        for url in dict.fromkeys(map(month_page, newsroom["articles"]))
    ]
    assert [loc for page in pages for loc in locations(page)] == [
        SITE + main.get_absolute_url(),
        SITE + plain.get_absolute_url(),
    ]
    assert sum(len(page.findall(".//s:lastmod", SITEMAP_NS)) for page in pages) == 2
    sections = fetch_xml(client, "/sitemap-secties.xml")
    assert locations(sections) == [f"{SITE}/sectie/politiek/", f"{SITE}/sectie/leeg/"]
    assert len(sections.findall(".//s:lastmod", SITEMAP_NS)) == 1  # not the empty one
    assert locations(fetch_xml(client, "/sitemap-onderwerpen.xml")) == [
        f"{SITE}/onderwerp/afghanistan/",
        f"{SITE}/onderwerp/evacuatie/",
    ]
    assert locations(fetch_xml(client, "/sitemap-auteurs.xml")) == [
        f"{SITE}/auteur/eva/",
        f"{SITE}/auteur/jan/",
    ]
    assert client.get("/sitemap-bestaat-niet.xml").status_code == 404


def test_article_lastmod_follows_a_substantive_update(client, newsroom):
    """An article's lastmod is its update time once it has one."""
    article = newsroom["plain"]
    article.updated_at = article.publish_at + timedelta(days=3)
    save_article(article)
    root = fetch_xml(client, month_page(article))
    url = next(
        node
        for node in root.iterfind("s:url", SITEMAP_NS)
        if node.findtext("s:loc", namespaces=SITEMAP_NS).endswith(article.slug + "/")
    )
    expected = article.updated_at.astimezone(timezone.get_current_timezone())
    assert url.findtext("s:lastmod", namespaces=SITEMAP_NS) == expected.strftime(
        "%Y-%m-%d"
    )


def test_articles_sitemap_has_a_page_per_month(client, make_article, time_machine):
    """The index names the newest month plainly and each earlier one, back to the
    oldest, as ?p=YYYY-MM (a month without articles too); a page lists its month's
    articles, in Amsterdam time; other pages are 404."""
    zone = timezone.get_current_timezone()
    now = datetime(2025, 8, 15, 12, 0, tzinfo=zone)
    time_machine.move_to(now, tick=False)
    august = make_article(headline="Augustus", publish_at=now - timedelta(days=1))
    july = make_article(
        headline="Juli", publish_at=datetime(2025, 7, 31, 23, 30, tzinfo=zone)
    )
    may = make_article(
        headline="Mei", publish_at=datetime(2025, 5, 1, 0, 15, tzinfo=zone)
    )
    make_article(headline="Straks", publish_at=datetime(2025, 9, 2, tzinfo=zone))
    make_article(headline="Concept", status=Article.Status.DRAFT)
    index = locations(fetch_xml(client, "/sitemap.xml"))
    pages = [url for url in index if "artikelen" in url]
    assert pages == [
        f"{SITE}/sitemap-artikelen.xml",
        f"{SITE}/sitemap-artikelen.xml?p=2025-07",
        f"{SITE}/sitemap-artikelen.xml?p=2025-06",
        f"{SITE}/sitemap-artikelen.xml?p=2025-05",
    ]
    expected = {
        "": [august],
        "?p=2025-08": [august],
        "?p=2025-07": [july],
        "?p=2025-06": [],
        "?p=2025-05": [may],
    }
    for query, articles in expected.items():
        root = fetch_xml(client, f"/sitemap-artikelen.xml{query}")
        assert locations(root) == [SITE + a.get_absolute_url() for a in articles]
    for query in ("2025-04", "2025-09", "2", "abc", "2025-13", "2025-7", ""):
        response = client.get("/sitemap-artikelen.xml", {"p": query})
        assert response.status_code == 404, query


def test_news_sitemap_holds_the_last_two_days(client, make_article, time_machine):
    """47 h ago is in, 49 h ago out; name, language, ISO date with offset, title."""
    now = datetime(2025, 8, 26, 12, 0, tzinfo=timezone.get_current_timezone())
    time_machine.move_to(now, tick=False)
    recent = make_article(
        headline="Recent & vers", publish_at=now - timedelta(hours=47)
    )
    make_article(headline="Te oud", publish_at=now - timedelta(hours=49))
    make_article(headline="Straks", publish_at=now + timedelta(hours=1))
    root = fetch_xml(client, "/sitemap-news.xml")
    urls = root.findall("s:url", NEWS_NS)
    assert [url.findtext("s:loc", namespaces=NEWS_NS) for url in urls] == [
        SITE + recent.get_absolute_url()
    ]
    news = urls[0].find("news:news", NEWS_NS)
    publication = news.find("news:publication", NEWS_NS)
    assert publication.findtext("news:name", namespaces=NEWS_NS) == settings.SITE_NAME
    assert publication.findtext("news:language", namespaces=NEWS_NS) == "nl"
    assert (
        news.findtext("news:publication_date", namespaces=NEWS_NS)
        == "2025-08-24T13:00:00+02:00"
    )
    assert news.findtext("news:title", namespaces=NEWS_NS) == "Recent & vers"


def test_robots_txt_allows_all_but_admin_and_previews(client, db):
    """Plain text: everything but /admin/ and /voorbeeld/, both sitemaps absolute."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /voorbeeld/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Articles, authors, topics and embeds; a scope's feed first finds its object.
FEED_QUERIES = {"/feed/": 4, "/feed/atom/": 4, "/sectie/buitenland/feed/": 5}


def test_feed_query_count_is_constant(client, make_article):
    """From bare articles to many topics, authors and embedded posts: same count."""
    Site.objects.get_current()  # feeds read the site; Django caches it per process
    articles = [make_article(headline=f"Artikel {n}") for n in range(4)]
    counts = {url: count_queries(client, url) for url in FEED_QUERIES}
    topics = [Topic.objects.create(name=f"T{n}", slug=f"t{n}") for n in range(5)]
    authors = [Author.objects.create(name=f"A{n}", slug=f"a{n}") for n in range(4)]
    for article in articles:
        article.body += pasted(X_CODE)
        save_article(article)
        article.topics.set(topics)
        article.authors.set(authors)
    for url, before in counts.items():
        assert count_queries(client, url) == before == FEED_QUERIES[url], url
    assert Article.objects.filter(embeds__url=X_URL).count() == 4
