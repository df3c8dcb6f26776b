"""Posts pasted into an article become references to archived records."""

import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.services.articles import save_article
from embeds.models import Embed, EmbedMedia
from tests.helpers.samples.embeds import (
    SIGNATURE_TEXT,
    X_CODE,
    X_URL,
    YOUTUBE_CODE,
    YOUTUBE_URL,
)


def escaped_paragraphs(code: str) -> str:
    """What ProseMirror stores when embed code is pasted as plain text."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))


def test_post_url_alone_on_a_line_becomes_an_archived_embed(make_article):
    """A twitter.com URL with ?s=20 becomes one x.com record and a reference."""
    article = make_article(
        body="<p>Intro.</p><p>https://twitter.com/janereporter/status/"
        "1430000000000000001?s=20</p><p>Slot.</p>"
    )
    embed = Embed.objects.get()
    assert embed.url == X_URL and embed.provider == "x"
    assert list(article.embeds.all()) == [embed]
    assert list(embed.articles.all()) == [article]
    assert f'<p><a href="{X_URL}">{X_URL}</a></p>' in article.body
    assert article.body.startswith("<p>Intro.</p>") and article.body.endswith(
        "<p>Slot.</p>"
    )


def test_pasted_embed_code_is_archived_and_leaves_no_code(make_article):
    """Code pasted as text (split over paragraphs) becomes one embed from its content."""
    article = make_article(
        body="<p>Voor.</p>" + escaped_paragraphs(X_CODE) + "<p>Na.</p>"
    )
    embed = Embed.objects.get()
    assert embed.url == X_URL
    assert embed.author_name == "Jane Reporter"
    assert "Long queues" in embed.text
    assert embed.source == "code"
    assert "blockquote" not in article.body and "script" not in article.body
    assert article.body.count(X_URL) == 2  # the reference link's href and text


def test_youtube_iframe_code_is_archived(make_article):
    """A pasted YouTube iframe becomes a YouTube record with its title."""
    make_article(body=escaped_paragraphs(YOUTUBE_CODE))
    embed = Embed.objects.get()
    assert (embed.url, embed.provider) == (YOUTUBE_URL, "youtube")
    assert "airport attack" in embed.title


def test_post_copied_as_text_becomes_an_x_embed(make_article):
    """A paragraph ending in "— Name (@handle) Month D, YYYY" is an X post."""
    article = make_article(body=f"<p>Voor.</p><p>{SIGNATURE_TEXT}</p>")
    embed = Embed.objects.get()
    assert embed.provider == "x" and embed.source == "text"
    assert embed.author_handle.lstrip("@") == "samfield"
    assert "explosions reported" in embed.text
    assert embed.published_at.date().isoformat() == "2021-08-26"
    assert SIGNATURE_TEXT not in article.body


def test_unknown_site_stays_a_link_with_a_notice(make_article):
    """A URL of a site we do not know is kept as a plain link, and the editor is told."""
    article = make_article(body="<p>https://example.org/nieuws/1</p>")
    notices = save_article(article)
    assert Embed.objects.count() == 0
    assert '<a href="https://example.org/nieuws/1">' in article.body
    assert any("example.org" in notice for notice in notices)


def test_unreadable_code_is_kept_with_a_notice(make_article):
    """Truncated embed code stays as typed; nothing is archived; a notice says why."""
    article = make_article(
        body="<p>&lt;blockquote class=&quot;twitter-tweet&quot;&gt;Half</p>"
    )
    notices = save_article(article)
    assert Embed.objects.count() == 0
    assert "Half" in article.body
    assert any("niet worden gelezen" in notice for notice in notices)


def test_saving_again_changes_nothing(make_article):
    """A second save keeps the same body, the same records and the same links."""
    article = make_article(body=escaped_paragraphs(X_CODE) + f"<p>{SIGNATURE_TEXT}</p>")
    body, count = article.body, Embed.objects.count()
    assert count == 2
    save_article(article)
    article.refresh_from_db()
    assert article.body == body
    assert Embed.objects.count() == count
    assert article.embeds.count() == count


def test_the_same_post_in_two_articles_is_one_record(make_article):
    """An embed is keyed by its canonical URL and lists every article using it."""
    first = make_article(
        body="<p>https://x.com/janereporter/status/1430000000000000001</p>"
    )
    second = make_article(body="<p>https://mobile.twitter.com/janereporter/status/1430000000000000001</p>")  # fmt: skip
    embed = Embed.objects.get()
    assert set(embed.articles.all()) == {first, second}


def test_article_page_shows_cards_where_the_references_are(client, make_article):
    """The page renders the card in the body's order and loads our script only."""
    article = make_article(body="<p>Eerst.</p><p>" + X_URL + "</p><p>Daarna.</p>")
    Embed.objects.filter(url=X_URL).update(author_name="Jane Reporter")
    page = client.get(article.get_absolute_url()).text
    first, card, after = (
        page.index("Eerst."),
        page.index("Jane Reporter"),
        page.index("Daarna."),
    )
    assert first < card < after
    assert 'id="embed-providers"' in page
    assert '<script src="/static/js/embeds.js" defer></script>' in page


def test_page_without_embeds_loads_no_script(client, make_article):
    """No embeds, no embed script or stylesheet."""
    article = make_article()
    page = client.get(article.get_absolute_url()).text
    assert "embeds.js" not in page
    # Only data (JSON-LD), never a script to run.
    assert page.count("<script") == page.count('<script type="application/ld+json">')


def test_deleted_post_still_reads_on_the_page(client, make_article):
    """A post marked deleted keeps its archived text, with the note and no button."""
    article = make_article(body=escaped_paragraphs(X_CODE))
    Embed.objects.update(state=Embed.State.DELETED)
    page = client.get(article.get_absolute_url()).text
    assert "Long queues" in page
    assert "Dit bericht is inmiddels verwijderd." in page
    assert "Bekijk origineel op X" not in page


def _article_with_embeds(make_article, count):
    urls = [f"https://x.com/bron{n}/status/{1000 + n}" for n in range(count)]
    article = make_article(body="".join(f"<p>{url}</p>" for url in urls))
    for embed in Embed.objects.all():
        EmbedMedia.objects.create(embed=embed, kind="video", source_url=embed.url)
    return article


def test_article_page_query_count_is_constant_from_1_to_20_embeds(client, make_article):
    """One embed or twenty: the same number of queries."""
    counts = []
    for count in (1, 20):
        article = _article_with_embeds(make_article, count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
        assert response.text.count('class="embed embed-x') == count
        counts.append(len(queries))
    assert counts[0] == counts[1] == 8  # notes (updates and corrections) included


def test_post_pasted_as_html_blockquote_becomes_an_embed(make_article):
    """A rendered post copied from a web page (blockquote + signature) is archived."""
    article = make_article(
        body='<blockquote><p>Text here #Kabul</p><p>— Jane Doe (@janedoe) <a href="'
        'https://twitter.com/janedoe/status/123">March 3, 2024</a></p></blockquote>'
    )
    embed = Embed.objects.get()
    assert (embed.url, embed.author_name) == (
        "https://x.com/janedoe/status/123",
        "Jane Doe",
    )
    assert "blockquote" not in article.body


def test_attributed_quote_is_not_mistaken_for_a_post(make_article):
    """An ordinary quote with "— Name, in Source" stays a quote."""
    body = (
        "<blockquote><p>Citaat.</p><p>— Tom Middendorp, in Nieuwsuur</p></blockquote>"
    )
    article = make_article(body=body)
    assert Embed.objects.count() == 0
    assert article.body == body
