"""What machines read of a live blog: LiveBlogPosting JSON-LD (read with extruct),
RSS and Atom of its entries, and the news sitemap."""

import extruct
import feedparser
import pytest
from django.utils import timezone

from articles.live.services import close_coverage, post_entry
from articles.models import Article, Author
from tests.helpers.samples.embeds import X_CODE


@pytest.fixture
def live(make_article):
    return make_article(headline="Aanslag bij de luchthaven", kind=Article.Kind.LIVE)


def _live_blog_posting(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    items = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    [data] = [item for item in items if item["@type"] == "LiveBlogPosting"]
    return data


def test_json_ld_is_a_live_blog_posting_with_its_updates(client, live, chief):
    """coverageStartTime, no end while live, and each entry a BlogPosting with
    headline, time, author and the URL of its anchor, newest first."""
    author = Author.objects.get(slug="eva-mulder")
    first = post_entry(
        live, user=chief, body="<p>Er zijn schoten gehoord bij de poort.</p>"
    )
    second = post_entry(
        live,
        user=chief,
        body="<p>Tekst.</p>",
        title="Tweede explosie",
        authors=[author],
    )
    data = _live_blog_posting(client, live)
    assert data["headline"] == "Aanslag bij de luchthaven"
    assert data["coverageStartTime"].endswith(("+01:00", "+02:00"))
    assert "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [u["@type"] for u in updates] == ["BlogPosting", "BlogPosting"]
    assert updates[0]["headline"] == "Tweede explosie"
    assert updates[0]["author"] == [{"@type": "Person", "name": "Eva Mulder"}]
    assert updates[0]["url"].endswith(f"/artikel/{live.slug}/#bericht-{second.pk}")
    assert updates[1]["headline"] == "Er zijn schoten gehoord bij de poort."
    assert updates[1]["author"] == [{"@type": "Organization", "name": "Redactie"}]
    assert updates[1]["datePublished"].startswith(
        timezone.localtime(first.published_at).date().isoformat()
    )


def test_closed_coverage_has_an_end_time(client, live, chief):
    """After closing, coverageEndTime is the closing time."""
    post_entry(live, user=chief, body="<p>Laatste bericht.</p>")
    close_coverage(live, user=chief)
    data = _live_blog_posting(client, live)
    assert data["coverageEndTime"] >= data["coverageStartTime"]


def test_rss_and_atom_list_the_entries_with_anchor_links(client, live, chief):
    """Both feeds parse, newest first, link each entry's anchor, posts as quotes."""
    post_entry(live, user=chief, body="<p>Eerste.</p>", title="Begin")
    post_entry(
        live,
        user=chief,
        body="<p>Bron:</p>"
        + "".join(
            f"<p>{line}</p>"
            for line in X_CODE.replace("<", "&lt;").replace(">", "&gt;").split("\n")
        ),
        title="Met een post",
    )
    post_entry(live, user=chief, body="<p>Concept.</p>", title="Geheim", status="draft")
    for kind, version in (("rss", "rss20"), ("atom", "atom10")):
        response = client.get(f"/artikel/{live.slug}/live/{kind}/")
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0 and parsed.version == version
        assert [e.title for e in parsed.entries] == ["Met een post", "Begin"]
        assert "#bericht-" in parsed.entries[0].link
        assert parsed.entries[0].link.startswith("http")
        content = parsed.entries[0].content[0].value
        assert "<blockquote" in content and "<script" not in content


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_of_hidden_or_other_articles_are_404(client, make_article, kind):
    """No feed for a draft live article or for an article of another kind."""
    draft = make_article(kind=Article.Kind.LIVE, status=Article.Status.DRAFT)
    news = make_article()
    for article in (draft, news):
        assert client.get(f"/artikel/{article.slug}/live/{kind}/").status_code == 404


def test_the_live_page_links_its_feeds(client, live):
    """The page's head announces the entries' RSS and Atom feeds."""
    html = client.get(live.get_absolute_url()).content.decode()
    assert f'href="/artikel/{live.slug}/live/rss/"' in html
    assert f'href="/artikel/{live.slug}/live/atom/"' in html


def test_news_sitemap_lists_a_live_article(client, live):
    """A recent live article is in the news sitemap like any article."""
    xml = client.get("/sitemap-news.xml").content.decode()
    assert f"/artikel/{live.slug}/" in xml
