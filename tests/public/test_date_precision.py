"""Dates as precise as their source: the seed explainer, known only to the month, says
"augustus 2021" everywhere a reader looks; feeds and sitemaps, which need a full time,
get the start of the period in the site's time zone (Europe/Amsterdam)."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.management import call_command

from articles.models import Article
from embeds.models import Embed
from tests.helpers.samples.seed import SEED_EXPLAINER

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def import_text(tmp_path, text: str) -> Article:
    path = tmp_path / "artikel.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_article", str(path), "--publish", stdout=StringIO())
    return Article.objects.get()


def json_ld(html: str) -> dict:
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html
    ):
        data = json.loads(block)
        if data.get("@type", "").endswith("NewsArticle"):
            return data
    raise AssertionError("geen NewsArticle in de pagina")


def xml(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


@pytest.fixture
def seed(db, tmp_path):
    return import_text(tmp_path, SEED_EXPLAINER)


def test_the_seed_is_stored_as_known_to_the_month(seed):
    """The date line "2021-08" gives month precision from the first, 00:00 local."""
    assert seed.publish_precision == "month"
    assert seed.publish_at == datetime(2021, 8, 1, tzinfo=AMSTERDAM)
    assert seed.is_visible()


def test_the_seed_page_says_augustus_2021_and_no_more(client, seed):
    """ "Gepubliceerd augustus 2021": no "1 augustus", no "00:00"; datetime="2021-08"."""
    html = client.get(seed.get_absolute_url()).content.decode()
    assert 'Gepubliceerd <time datetime="2021-08">augustus 2021</time>' in html
    assert "1 augustus" not in html and "00:00" not in html
    assert 'datetime="2021-08-01' not in html
    assert '<meta property="article:published_time" content="2021-08">' in html


def test_the_seed_json_ld_uses_the_reduced_form(client, seed):
    """datePublished (and dateModified, with no update) is "2021-08"."""
    data = json_ld(client.get(seed.get_absolute_url()).content.decode())
    assert data["datePublished"] == "2021-08"
    assert data["dateModified"] == "2021-08"


def test_the_seed_card_on_the_home_page_and_lists(client, seed):
    """The card says "augustus 2021" on the home page and in the section's list."""
    for url in ("/", seed.section.get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<time datetime="2021-08">augustus 2021</time>' in html, url
        assert "1 augustus 2021" not in html, url


def test_the_seed_post_pasted_as_text_shows_its_date_without_a_time(client, seed):
    """The signature gave "August 26, 2021": the card says that date, no 12:00."""
    embed = Embed.objects.get()
    assert embed.source == "text" and not embed.published_has_time
    html = client.get(seed.get_absolute_url()).content.decode()
    card = html[html.index('<figure class="embed') :]
    card = card[: card.index("</figure>")]
    assert '<time datetime="2021-08-26">26 augustus 2021</time>' in card
    assert "12:00" not in card and "T12" not in card


def test_rss_and_atom_give_the_first_of_the_month_at_midnight(client, seed):
    """A feed needs a full time: 1 August 2021, 00:00 in Amsterdam (+02:00)."""
    rss = client.get("/feed/").content.decode()
    assert "<pubDate>Sun, 01 Aug 2021 00:00:00 +0200</pubDate>" in rss
    entry = feedparser.parse(client.get("/feed/atom/").content).entries[0]
    assert entry.published == "2021-08-01T00:00:00+02:00"


def test_sitemaps_give_the_first_of_the_month_at_midnight(client, seed):
    """lastmod is 1 August 2021 (00:00+02:00 where the format takes a time)."""
    root = xml(client.get("/sitemap-artikelen.xml"))
    # An article's lastmod is a date (Django's template): the period's first day.
    assert [node.text for node in root.iterfind(".//s:lastmod", SITEMAP_NS)] == [
        "2021-08-01"
    ]
    index = xml(client.get("/sitemap.xml"))
    assert "2021-08-01T00:00:00+02:00" in [
        node.text for node in index.iterfind(".//s:lastmod", SITEMAP_NS)
    ]


def test_a_day_precise_article_shows_the_day(client, db, tmp_path):
    """ "date 2021-08-26" reads "26 augustus 2021", datetime="2021-08-26"."""
    article = import_text(tmp_path, "date 2021-08-26 Kop\n\nIntro.\n")
    assert article.publish_precision == "day"
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Gepubliceerd <time datetime="2021-08-26">26 augustus 2021</time>' in html
    assert "00:00" not in html
    assert json_ld(html)["datePublished"] == "2021-08-26"


def test_a_date_line_with_a_time_is_to_the_minute(client, db, tmp_path):
    """ "date 2021-08-26 14:30" keeps its time: "26 augustus 2021, 14:30"."""
    article = import_text(tmp_path, "date 2021-08-26 14:30 Kop\n\nIntro.\n")
    assert article.publish_precision == "minute"
    assert article.publish_at == datetime(2021, 8, 26, 14, 30, tzinfo=AMSTERDAM)
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<time datetime="2021-08-26T14:30:00+02:00">26 augustus 2021, 14:30</time>'
        in html
    )
    assert json_ld(html)["datePublished"] == "2021-08-26T14:30:00+02:00"


def test_related_articles_show_their_own_precision(client, seed, make_article):
    """ "Lees ook" names the seed as "augustus 2021"."""
    other = make_article(headline="Ander stuk", section=seed.section)
    other.related.add(seed)
    html = client.get(other.get_absolute_url()).content.decode()
    aside = html[html.index('<aside class="related"') :]
    assert '<time datetime="2021-08">augustus 2021</time>' in aside
