"""A live article's page: entries newest first, pinned on top, key moments, the
"Live" and "Afgelopen" states, keyset pages of older entries; nothing hidden leaks."""

import pytest
from django.utils import timezone

from articles.models import Article, Author, LiveEntryNote
from tests.helpers.html import first, select, text_of
from tests.helpers.live import add_entries, add_entry


@pytest.fixture
def live(make_article):
    return make_article(headline="Aanslag bij de luchthaven", kind=Article.Kind.LIVE)


def _entry_ids(html):
    return [
        element.get("id")
        for element in select(html, "article")
        if (element.get("id") or "").startswith("bericht-")
    ]


def test_entries_newest_first_with_anchor_time_byline_and_title(client, live):
    """Each entry has its anchor, time, byline ("Redactie" without authors), title."""
    author = Author.objects.get(slug="eva-mulder")
    old = add_entry(live, minutes_ago=30, title="Eerste melding")
    new = add_entry(live, minutes_ago=5, authors=[author])
    html = client.get(live.get_absolute_url()).content.decode()
    assert _entry_ids(html) == [f"bericht-{new.pk}", f"bericht-{old.pk}"]
    first_entry = first(html, "article", id=f"bericht-{old.pk}")
    assert "Eerste melding" in text_of(first_entry)
    assert "Redactie" in text_of(
        first(first_entry, "p", **{"class": "live-entry-byline"})
    )
    newest = first(html, "article", id=f"bericht-{new.pk}")
    assert "Eva Mulder" in text_of(newest)
    stamp = first(newest, "time")
    assert stamp.get("datetime").startswith(
        timezone.localtime(new.published_at).date().isoformat()
    )
    assert "Live" in text_of(first(html, "span", **{"class": "live-state"}))


def test_pinned_entry_on_top_and_key_moments_link_to_anchors(client, live):
    """A pinned entry heads the page; key moments are listed, linking to anchors."""
    pinned = add_entry(live, minutes_ago=60, title="Samenvatting", pinned=True)
    key = add_entry(live, minutes_ago=20, title="Tweede explosie", key_moment=True)
    newest = add_entry(live, minutes_ago=1)
    html = client.get(live.get_absolute_url()).content.decode()
    assert _entry_ids(html) == [
        f"bericht-{pinned.pk}",
        f"bericht-{newest.pk}",
        f"bericht-{key.pk}",
    ]
    moments = first(html, "nav", **{"class": "live-moments"})
    assert "Belangrijkste momenten" in text_of(moments)
    assert [a.get("href") for a in select(moments, "a")] == [f"#bericht-{key.pk}"]


def test_hidden_entries_are_not_shown(client, live):
    """Drafts, entries in review and scheduled entries stay off the page."""
    add_entry(live, title="Concept", status="draft")
    add_entry(live, title="Ter beoordeling", status="review")
    add_entry(live, title="Ingepland", minutes_ago=-30)
    shown = add_entry(live, title="Zichtbaar")
    html = client.get(live.get_absolute_url()).content.decode()
    assert _entry_ids(html) == [f"bericht-{shown.pk}"]
    for word in ("Concept", "Ter beoordeling", "Ingepland"):
        assert word not in html


def test_notes_on_an_entry_are_shown_on_it(client, live):
    """An entry's correction and update appear inside the entry."""
    entry = add_entry(live)
    LiveEntryNote.objects.create(
        entry=entry, kind="correction", text="Het was één explosie."
    )
    LiveEntryNote.objects.create(
        entry=entry, kind="update", text="Het vliegveld is dicht."
    )
    html = client.get(live.get_absolute_url()).content.decode()
    shown = text_of(first(html, "article", id=f"bericht-{entry.pk}"))
    assert "Correctie" in shown and "Het was één explosie." in shown
    assert "Update" in shown and "Het vliegveld is dicht." in shown


def test_closed_coverage_says_afgelopen_and_may_read_oldest_first(client, live):
    """Ended coverage shows "Afgelopen", no poll, and oldest first when asked."""
    old = add_entry(live, minutes_ago=30)
    new = add_entry(live, minutes_ago=5)
    Article.objects.filter(pk=live.pk).update(
        live_closed_at=timezone.now(), live_oldest_first=True
    )
    html = client.get(live.get_absolute_url()).content.decode()
    assert "Afgelopen" in text_of(first(html, "h2", id="live-title"))
    assert "data-poll-url" not in html
    assert _entry_ids(html) == [f"bericht-{old.pk}", f"bericht-{new.pk}"]


def test_older_entries_page_with_cursors(client, live, settings):
    """ "Oudere berichten" leads page by page through the stream, one entry each once."""
    settings.LIVE_ENTRIES_PER_PAGE = 4
    made = add_entries(live, 10)
    seen, url = [], live.get_absolute_url()
    while url:
        html = client.get(url).content.decode()
        seen += _entry_ids(html)
        older = [a for a in select(html, "a") if text_of(a) == "Oudere berichten"]
        url = older[0].get("href") if older else None
    assert seen == [f"bericht-{entry.pk}" for entry in reversed(made)]


def test_key_moment_on_an_older_page_links_to_that_page(client, live, settings):
    """A key moment beyond page one links to the page that starts with it."""
    settings.LIVE_ENTRIES_PER_PAGE = 2
    key = add_entry(live, minutes_ago=50, title="Vroeg moment", key_moment=True)
    add_entries(live, 4)
    html = client.get(live.get_absolute_url()).content.decode()
    link = first(first(html, "nav", **{"class": "live-moments"}), "a").get("href")
    assert link.endswith(f"#bericht-{key.pk}") and "?voor=" in link
    target = client.get(link.split("#")[0]).content.decode()
    assert _entry_ids(target)[0] == f"bericht-{key.pk}"


@pytest.mark.parametrize("query", ["?voor=kapot", "?na=kapot", "?voor=a&voor=b"])
def test_bad_cursor_is_404(client, live, query):
    """A tampered or doubled cursor is a 404, never a 500."""
    add_entry(live)
    assert client.get(live.get_absolute_url() + query).status_code == 404


def test_draft_live_article_shows_nothing(client, make_article):
    """Entries of a live article readers may not see leave no trace: 404."""
    draft = make_article(kind=Article.Kind.LIVE, status=Article.Status.DRAFT)
    add_entry(draft, title="Geheim")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_entry_posted_later_shows_at_once(client, live):
    """A new entry (saved through the ORM) moves the version: the page shows it."""
    add_entry(live, minutes_ago=10)
    client.get(live.get_absolute_url())
    late = add_entry(live, minutes_ago=0.1, title="Net binnen")
    html = client.get(live.get_absolute_url()).content.decode()
    assert f"bericht-{late.pk}" in html
