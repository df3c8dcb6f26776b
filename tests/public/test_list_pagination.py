"""Keyset pagination of the public lists (home, section, topic, author): "Ouder" and
"Nieuwer" carry a signed cursor, page one has none, a bad cursor is a 404."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, Topic
from articles.public import paging
from articles.public.paging import Cursor
from tests.helpers.html import pager_links

PER_PAGE = 3
LISTS = ["/", "/sectie/buitenland/", "/onderwerp/iskp/", "/auteur/eva-mulder/"]
_CARD = re.compile(r'class="card-title[^"]*"><a href="/artikel/([^/"]+)/"')


def _read(client, url):
    """The slugs of the cards on the page at ``url``, in order, and its links."""
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    links = pager_links(text)
    path = url.split("?")[0]
    return _CARD.findall(text), {
        rel: href if href.startswith("/") else path + href
        for rel, href in links.items()
    }


@pytest.fixture
def timeline(make_article, settings):
    """Ten published articles in three groups that share a publish time (so pages
    end inside a tie), and hidden ones among them: draft, in review, scheduled,
    withdrawn. All in one section, with one topic and one author."""
    settings.ARTICLES_PER_PAGE = PER_PAGE
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    now = timezone.now()
    times = [now - timedelta(hours=1)] * 4 + [now - timedelta(hours=5)] * 3
    times += [now - timedelta(days=2)] * 3
    published = [
        make_article(headline=f"Zichtbaar {n}", publish_at=at, topics=[topic])
        for n, at in enumerate(times)
    ]
    hidden = [
        make_article(headline="Verborgen concept", status=Article.Status.DRAFT),
        make_article(headline="Verborgen review", status=Article.Status.REVIEW),
        make_article(headline="Verborgen gepland", publish_at=now + timedelta(hours=1)),
        make_article(headline="Verborgen later", publish_at=now + timedelta(days=3)),
    ]
    withdrawn = make_article(headline="Verborgen ingetrokken", publish_at=times[4])
    withdrawn.status = Article.Status.UNPUBLISHED
    withdrawn.save()
    for article in [*hidden, withdrawn]:
        article.topics.set([topic])
    expected = sorted(published, key=lambda a: (a.publish_at, a.pk), reverse=True)
    return [a.slug for a in expected], [*hidden, withdrawn]


@pytest.mark.parametrize("url", LISTS)
def test_older_then_newer_visits_every_published_article_once(client, timeline, url):
    """Forward with "Ouder" shows each published article once, newest first, ties
    broken by id; back with "Nieuwer" shows the same pages in reverse, to page one."""
    expected, hidden = timeline
    start, pages, links = url, [], []
    while url:
        slugs, found = _read(client, url)
        assert slugs, url
        pages.append(slugs)
        links.append(found)
        url = found.get("next")
    assert [slug for page in pages for slug in page] == expected
    # Ten articles, three a page; the home page has the lead above its first three.
    assert len(pages) == (3 if start == "/" else 4)
    assert "prev" not in links[0] and "?" not in links[1]["prev"]
    back = []
    url = links[-1]["prev"]
    while url:
        slugs, found = _read(client, url)
        back.append(slugs)
        url = found.get("prev")
    assert back == pages[-2::-1]


@pytest.mark.parametrize("url", LISTS)
def test_hidden_articles_are_on_no_page(client, timeline, url):
    """Drafts, articles in review, scheduled and withdrawn ones are on no page, and
    a cursor at a hidden article shows only published ones."""
    expected, hidden = timeline
    texts = []
    while url:
        response = client.get(url)
        texts.append(response.content.decode())
        url = _read(client, url)[1].get("next")
    for article in hidden:
        assert all(article.headline not in text for text in texts)
    scheduled = hidden[2]
    newest = Article.objects.get(slug=expected[0])
    at_scheduled = Cursor.of(scheduled).encode()
    assert _read(client, f"/sectie/buitenland/?voor={at_scheduled}")[0] == expected[:3]
    after_newest = Cursor.of(newest).encode()
    assert client.get(f"/sectie/buitenland/?na={after_newest}").status_code == 404


def _tampered():
    good = Cursor.of(Article.objects.published().first()).encode()
    value, signature = good.rsplit(":", 1)
    micros, pk = value.split("-")
    return [
        f"{micros}-{int(pk) + 1}:{signature}",  # another position, the old signature
        good[:-1] + ("A" if good[-1] != "A" else "B"),  # a signature changed
        value,  # no signature
    ]


@pytest.mark.parametrize(
    "query",
    [
        "voor=",
        "na=",
        "voor=abc",
        "voor=1-2-3",
        "na=%00%ff",
        "voor=" + "9" * 400,
        "voor=1:2",
    ],
)
@pytest.mark.parametrize("url", LISTS)
def test_malformed_cursors_answer_404(client, timeline, url, query):
    """A cursor that is not one of ours is a 404, never a 500 or page one (bytes no
    URL has, a NUL or bad UTF-8, are a 400 before any view: newsroom/guards.py)."""
    expected = 400 if "%00" in query else 404
    assert client.get(f"{url}?{query}").status_code == expected


@pytest.mark.parametrize("url", LISTS)
def test_tampered_or_impossible_cursors_answer_404(client, timeline, url):
    """An edited cursor, two cursors at once and a signed one past the end: 404."""
    for cursor in _tampered():
        assert client.get(url, {"voor": cursor}).status_code == 404
    [cursor] = parse_qs(urlsplit(_read(client, url)[1]["next"]).query)["voor"]
    assert client.get(url, {"voor": cursor}).status_code == 200
    assert client.get(url, {"voor": cursor, "na": cursor}).status_code == 404
    assert client.get(f"{url}?voor={cursor}&voor={cursor}").status_code == 404
    far = paging._SIGNER.sign(f"{10**30}-1")  # signed, yet out of any calendar
    assert client.get(url, {"voor": far}).status_code == 404
    oldest = Article.objects.published().order_by("publish_at", "pk").first()
    assert client.get(url, {"voor": Cursor.of(oldest).encode()}).status_code == 404


def test_page_one_has_no_parameter_and_the_home_lead_only_there(client, timeline):
    """Page one's URL carries no cursor; lead and top stories are only on page one,
    and the old ?pagina= parameter does not page."""
    expected, _hidden = timeline
    first = client.get("/").content.decode()
    assert 'class="card card-lead"' in first
    second_url = _read(client, "/")[1]["next"]
    second = client.get(second_url).content.decode()
    assert "card-lead" not in second and "Topverhalen" not in second
    assert _read(client, "/?pagina=2")[0] == _read(client, "/")[0]


def test_cursor_round_trips_and_rejects_edits(db):
    """A cursor decodes to the publish time and id it was made of, to the
    microsecond; any edit makes it unreadable."""
    at = timezone.now().replace(microsecond=123456)
    cursor = Cursor(at, 42)
    assert Cursor.decode(cursor.encode()) == cursor
    with pytest.raises(ValueError):
        Cursor.decode(cursor.encode().replace("-42", "-43"))


def test_cursor_links_keep_other_parameters(client, timeline):
    """ "Ouder" and "Nieuwer" keep unrelated query parameters."""
    _slugs, links = _read(client, "/sectie/buitenland/?utm_source=x")
    assert links["next"].startswith("/sectie/buitenland/?utm_source=x&voor=")
    _slugs, links = _read(client, links["next"])
    assert links["prev"] == "/sectie/buitenland/?utm_source=x"


def test_newer_names_a_cursor_deep_in_the_list(client, make_article, settings):
    """Beyond page two, "Nieuwer" names a cursor (?na=); it leads back exactly."""
    settings.ARTICLES_PER_PAGE = 2
    for n in range(9):
        make_article(headline=f"Stuk {n}")
    url, pages = "/auteur/eva-mulder/", []
    while url:
        slugs, links = _read(client, url)
        pages.append((url, slugs, links))
        url = links.get("next")
    assert len(pages) == 5
    third_url, third, third_links = pages[2]
    assert "?na=" in third_links["prev"]
    assert _read(client, third_links["prev"])[0] == pages[1][1]
    assert _read(client, pages[3][2]["prev"])[0] == third
