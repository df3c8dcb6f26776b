"""The live desk's services: who may do what, drafts, scheduling, revisions,
updates and corrections, closing; each completes or changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.caching.version import current as current_version
from articles.live.services import (
    add_entry_note,
    close_coverage,
    delete_entry,
    post_entry,
    reopen_coverage,
    save_entry,
    set_entry_status,
)
from articles.models import Article, LiveEntry, LiveEntryRevision

pytestmark = pytest.mark.django_db
S = LiveEntry.Status


def _version() -> int:
    """The content version this process serves (the row itself moves only after a
    commit, which these tests' transactions never reach)."""
    return current_version().number


def test_an_editor_places_an_entry_at_once(live_article, editor):
    """Placed now: visible to readers, a first revision, the version moved on."""
    before = _version()
    entry = post_entry(live_article, user=editor, body="<p>Explosie bij de poort.</p>",
                       title="Explosie", key_moment=True)  # fmt: skip
    assert entry.status == S.PUBLISHED and entry.published_at <= timezone.now()
    assert list(LiveEntry.objects.published()) == [entry]
    assert entry.revisions.get().number == 1
    assert entry.created_by == editor
    assert _version() > before
    live_article.refresh_from_db()
    assert live_article.updated_at is not None
    assert (
        entry.get_absolute_url() == f"/artikel/{live_article.slug}/#bericht-{entry.pk}"
    )


def test_an_entry_placed_with_an_earlier_time_updates_the_article_at_that_time(
    live_article, editor
):
    """A backlog entry (an agency's, or the demo's) makes the coverage "bijgewerkt"
    at its own time, never at the moment it was typed in; later ones move it on."""
    live_article.updated_at = None
    live_article.save(update_fields=["updated_at"])
    earlier = timezone.now().replace(microsecond=0) - timedelta(days=3)
    post_entry(live_article, user=editor, body="<p>Eerder.</p>", published_at=earlier)
    live_article.refresh_from_db()
    assert live_article.updated_at == earlier
    post_entry(live_article, user=editor, body="<p>Nu.</p>")
    live_article.refresh_from_db()
    assert live_article.updated_at > earlier + timedelta(days=2)


def test_a_reporter_cannot_place_an_entry(live_article, reporter):
    """A Verslaggever's entry to be placed is refused in Dutch; nothing is written."""
    with pytest.raises(PermissionDenied, match="verslaggever plaatst"):
        post_entry(live_article, user=reporter, body="<p>Nieuws.</p>")
    assert not LiveEntry.objects.exists()


def test_a_reporter_writes_a_draft_and_sends_it_for_review(
    live_article, reporter, editor
):
    """Draft, then review, then an editor places it; only then do readers see it."""
    entry = post_entry(live_article, user=reporter, body="<p>Ooggetuige.</p>",
                       status=S.DRAFT)  # fmt: skip
    assert not LiveEntry.objects.published().exists()
    set_entry_status(entry, S.REVIEW, user=reporter)
    assert not LiveEntry.objects.published().exists()
    set_entry_status(entry, S.PUBLISHED, user=editor)
    assert list(LiveEntry.objects.published()) == [entry]
    assert list(entry.revisions.values_list("number", flat=True)) == [3, 2, 1]


def test_a_reporter_changes_only_own_unplaced_entries(
    live_article, reporter, make_user, editor
):
    """Own draft: yes; a colleague's draft or an own placed entry: a Dutch 403."""
    own = post_entry(live_article, user=reporter, body="<p>Eigen.</p>", status=S.DRAFT)
    colleague = make_user("collega", "reporter")
    theirs = post_entry(live_article, user=colleague, body="<p>Niet van mij.</p>",
                        status=S.DRAFT)  # fmt: skip
    own.body = "<p>Eigen, verbeterd.</p>"
    save_entry(own, user=reporter)
    theirs.body = "<p>Overschreven.</p>"
    with pytest.raises(PermissionDenied, match="alleen lezen"):
        save_entry(theirs, user=reporter)
    set_entry_status(own, S.PUBLISHED, user=editor)
    own.body = "<p>Na plaatsing.</p>"
    with pytest.raises(PermissionDenied):
        save_entry(own, user=reporter)
    assert LiveEntry.objects.get(pk=theirs.pk).body == "<p>Niet van mij.</p>"
    assert "verbeterd" in LiveEntry.objects.get(pk=own.pk).body


def test_a_scheduled_entry_waits_for_its_time(live_article, editor):
    """A future time: scheduled, not visible until then."""
    later = timezone.now() + timezone.timedelta(minutes=30)
    entry = post_entry(live_article, user=editor, body="<p>Persconferentie.</p>",
                       published_at=later)  # fmt: skip
    assert entry.is_scheduled
    assert not LiveEntry.objects.published().exists()
    assert list(LiveEntry.objects.published(at=later)) == [entry]


def test_entries_of_an_invisible_article_are_invisible(make_article, editor):
    """One definition of visible: a draft live article shows no entry."""
    draft = make_article(kind=Article.Kind.LIVE, status=Article.Status.DRAFT)
    post_entry(draft, user=editor, body="<p>Al geplaatst.</p>")
    assert not LiveEntry.objects.published().exists()


def test_reader_order_is_pinned_first_then_newest(live_article, make_entry):
    """Pinned on top, then newest first."""
    now = timezone.now()
    old = make_entry(published_at=now - timezone.timedelta(minutes=20))
    summary = make_entry(pinned=True, published_at=now - timezone.timedelta(hours=2))
    new = make_entry(published_at=now - timezone.timedelta(minutes=5))
    assert list(LiveEntry.objects.for_readers(live_article)) == [summary, new, old]


def test_an_empty_entry_is_refused(live_article, editor):
    """No text and no post: a Dutch message, nothing written."""
    with pytest.raises(ValidationError, match="Het bericht is leeg"):
        post_entry(live_article, user=editor, body="<p> </p>")
    assert not LiveEntry.objects.exists()


def test_only_live_articles_take_entries(make_article, editor):
    """A news article: a Dutch message, nothing written."""
    news = make_article()
    with pytest.raises(ValidationError, match="geen live-verslag"):
        post_entry(news, user=editor, body="<p>Tekst.</p>")
    assert not LiveEntry.objects.exists()


def test_a_post_pasted_as_a_url_becomes_an_archived_card(live_article, editor):
    """The article body's rules: a post's URL alone becomes a reference to the
    archived post, linked to the entry."""
    entry = post_entry(live_article, user=editor,
                       body="<p>https://x.com/iemand/status/1430857135232327680</p>")  # fmt: skip
    embed = entry.embeds.get()
    assert embed.url == "https://x.com/iemand/status/1430857135232327680"
    assert entry.revisions.get().snapshot["embeds"] == [embed.url]


def test_the_body_is_sanitized(live_article, editor):
    """Script and handlers never survive, as in an article body."""
    entry = post_entry(live_article, user=editor,
                       body='<p onclick="x()">Hallo<script>alert(1)</script></p>')  # fmt: skip
    assert "script" not in entry.body and "onclick" not in entry.body
    assert "Hallo" in entry.body


def test_a_stale_edit_is_refused_and_nothing_is_lost(live_article, editor, chief):
    """Two editors on one entry: the later save with the old version is refused
    with a Dutch message; the first save stays."""
    entry = post_entry(live_article, user=editor, body="<p>Eerste.</p>")
    first = LiveEntry.objects.get(pk=entry.pk)
    second = LiveEntry.objects.get(pk=entry.pk)
    first.body = "<p>Van de redacteur.</p>"
    save_entry(first, user=editor, base_version=1)
    second.body = "<p>Van de chef.</p>"
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        save_entry(second, user=chief, base_version=1)
    assert LiveEntry.objects.get(pk=entry.pk).body == "<p>Van de redacteur.</p>"
    assert LiveEntryRevision.objects.filter(entry=entry).count() == 2


def test_notes_on_an_entry(live_article, make_entry, editor, reporter):
    """An editor adds a correction; a reporter may not; an empty text is refused."""
    entry = make_entry()
    note = add_entry_note(entry, kind="correction", text=" Het was één explosie. ",
                          user=editor)  # fmt: skip
    assert list(entry.notes.all()) == [note] and note.text == "Het was één explosie."
    with pytest.raises(PermissionDenied):
        add_entry_note(entry, kind="update", text="Meer.", user=reporter)
    with pytest.raises(ValidationError):
        add_entry_note(entry, kind="update", text="  ", user=editor)
    assert entry.notes.count() == 1


def test_deleting_is_the_editors(live_article, make_entry, editor, reporter):
    """A reporter may not delete an entry; an editor may, with its revisions."""
    entry = make_entry()
    with pytest.raises(PermissionDenied):
        delete_entry(entry, user=reporter)
    before = _version()
    delete_entry(entry, user=editor)
    assert not LiveEntry.objects.exists() and not LiveEntryRevision.objects.exists()
    assert _version() > before


def test_closing_and_reopening(live_article, editor, reporter):
    """The editor closes (once: the first time stays) and reopens; a reporter not."""
    with pytest.raises(PermissionDenied):
        close_coverage(live_article, user=reporter)
    close_coverage(live_article, user=editor)
    first = Article.objects.get(pk=live_article.pk).live_closed_at
    assert first is not None
    close_coverage(Article.objects.get(pk=live_article.pk), user=editor)
    assert Article.objects.get(pk=live_article.pk).live_closed_at == first
    reopen_coverage(live_article, user=editor)
    assert Article.objects.get(pk=live_article.pk).live_closed_at is None


def test_a_draft_entry_leaves_the_version_alone(live_article, reporter):
    """Nothing readers can see changed: no new content version."""
    post_entry(live_article, user=reporter, body="<p>Concept.</p>", status=S.DRAFT)
    before = _version()
    post_entry(live_article, user=reporter, body="<p>Nog een.</p>", status=S.DRAFT)
    assert _version() == before
