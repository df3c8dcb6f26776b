"""The poll endpoint: entries newer than the reader's newest, rendered with the page's
own template; 404 for what readers may not see; cheap and cacheable."""

import pytest

from articles.live.paging import entry_cursor
from articles.models import Article
from articles.public.paging import Cursor
from tests.helpers.html import parse_fragment, select
from tests.helpers.live import add_entry


@pytest.fixture
def live(make_article):
    return make_article(headline="Aanslag bij de luchthaven", kind=Article.Kind.LIVE)


def _poll(client, article, cursor):
    return client.get(f"/artikel/{article.slug}/live/nieuw/", {"na": cursor.encode()})


def test_poll_returns_only_newer_entries_newest_first(client, live):
    """Entries after the cursor, newest first, with a label and the next cursor."""
    seen = add_entry(live, minutes_ago=30)
    middle = add_entry(live, minutes_ago=10, title="Tweede")
    newest = add_entry(live, minutes_ago=2, title="Derde")
    answer = _poll(client, live, entry_cursor(seen)).json()
    assert answer["count"] == 2
    assert answer["label"] == "2 nieuwe berichten"
    ids = [a.get("id") for a in select(parse_fragment(answer["html"]), "article")]
    assert ids == [f"bericht-{newest.pk}", f"bericht-{middle.pk}"]
    assert Cursor.decode(answer["cursor"]) == entry_cursor(newest)
    assert answer["closed"] is False


def test_nothing_new_is_an_empty_answer(client, live):
    """At the newest entry the answer is empty and keeps the cursor."""
    newest = add_entry(live)
    answer = _poll(client, live, entry_cursor(newest)).json()
    assert (answer["count"], answer["html"], answer["label"]) == (0, "", "")
    assert Cursor.decode(answer["cursor"]) == entry_cursor(newest)


def test_the_caches_note_is_never_sent(client, live, settings):
    """X-Cache-Lifetime is for the page cache alone, also when it is off."""
    settings.PAGE_CACHE = False
    newest = add_entry(live)
    response = _poll(client, live, entry_cursor(newest))
    assert response.status_code == 200 and "X-Cache-Lifetime" not in response


def test_one_entry_is_singular(client, live):
    """One new entry: "1 nieuw bericht"."""
    seen = add_entry(live, minutes_ago=5)
    add_entry(live, minutes_ago=1)
    assert _poll(client, live, entry_cursor(seen)).json()["label"] == "1 nieuw bericht"


def test_hidden_entries_never_come_through_the_poll(client, live):
    """Drafts, review and scheduled entries stay out of the poll too."""
    seen = add_entry(live, minutes_ago=30)
    add_entry(live, status="draft", title="Concept")
    add_entry(live, status="review", title="Beoordeling")
    add_entry(live, minutes_ago=-10, title="Ingepland")
    answer = _poll(client, live, entry_cursor(seen)).json()
    assert answer["count"] == 0


@pytest.mark.parametrize("cursor", ["", "kapot", "1-2"])
def test_bad_cursor_is_404(client, live, cursor):
    """A missing or tampered cursor is a 404, never a 500."""
    response = client.get(f"/artikel/{live.slug}/live/nieuw/", {"na": cursor})
    assert response.status_code == 404


def test_articles_readers_may_not_see_or_not_live_are_404(client, make_article, live):
    """A draft live article, or an article of another kind, has no poll."""
    draft = make_article(kind=Article.Kind.LIVE, status=Article.Status.DRAFT)
    news = make_article()
    seen = add_entry(live)
    for article in (draft, news):
        assert _poll(client, article, entry_cursor(seen)).status_code == 404


def test_poll_is_cacheable_with_a_short_shared_lifetime(client, live, settings):
    """With the page cache: no query on a hit, 304 for a current copy, s-maxage
    no longer than LIVE_POLL_SECONDS."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = True
    settings.LIVE_POLL_SECONDS = 15
    seen = add_entry(live, minutes_ago=5)
    add_entry(live, minutes_ago=1)
    url = f"/artikel/{live.slug}/live/nieuw/?na={entry_cursor(seen).encode()}"
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert "s-maxage=15" in first["Cache-Control"]
    assert "X-Cache-Lifetime" not in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again["X-Cache"] == "hit" and len(queries) == 0
    assert "s-maxage=15" in again["Cache-Control"]
    assert again.json() == first.json()
    unchanged = client.get(url, headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304


def test_a_new_entry_changes_the_cached_answer(client, live, settings):
    """The page cache never serves an answer from before a new entry."""
    settings.PAGE_CACHE = True
    seen = add_entry(live, minutes_ago=5)
    url = f"/artikel/{live.slug}/live/nieuw/?na={entry_cursor(seen).encode()}"
    assert client.get(url).json()["count"] == 0
    add_entry(live, minutes_ago=0.5)
    assert client.get(url).json()["count"] == 1
