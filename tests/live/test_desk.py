"""The live desk in the admin: adding an entry is one form on the live article's
page, which comes back with the entry shown; editing, notes, deleting and closing
are one or two steps; bad input keeps what was typed; query counts are fixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.live.services import add_entry_note, post_entry
from articles.models import Article, Image, LiveEntry

pytestmark = pytest.mark.django_db
S = LiveEntry.Status


def _desk(article) -> str:
    return reverse("admin:articles_article_live", args=[article.pk])


def test_three_actions_post_an_entry_and_the_desk_shows_it(live_article, editor_client):
    """Type, tick a flag, press Plaatsen: one POST, back on the desk, entry shown."""
    response = editor_client.post(_desk(live_article), {
        "nieuw-body": "<p>Een tweede explosie bij het Baron Hotel.</p>",
        "nieuw-key_moment": "on",
        "actie": "plaatsen",
    }, follow=True)  # fmt: skip
    entry = LiveEntry.objects.get()
    assert response.redirect_chain == [
        (f"{_desk(live_article)}#bericht-{entry.pk}", 302)
    ]
    page = response.content.decode()
    assert "Een tweede explosie bij het Baron Hotel." in page
    assert "Bericht geplaatst." in page
    assert f'id="bericht-{entry.pk}"' in page
    assert entry.status == S.PUBLISHED and entry.key_moment
    assert list(LiveEntry.objects.published()) == [entry]


def test_an_entry_with_an_image(live_article, editor_client):
    """The composer takes an image; the desk shows it with its alt text, and the
    image counts as used by the article (the policy's image_users)."""
    from articles.models import Image
    from articles.policy import image_users

    made = [
        {
            "kind": "w",
            "format": "jpeg",
            "width": 640,
            "height": 360,
            "name": "images/ab/rook-640.jpg",
        }
    ]  # as the rendition task leaves them
    image = Image.objects.create(alt="Rook boven de poort", caption="Na de explosie.",
                                 width=1280, height=720, renditions=made)  # fmt: skip
    editor_client.post(_desk(live_article), {
        "nieuw-body": "<p>Beeld van de poort.</p>", "nieuw-image": image.pk,
        "actie": "plaatsen",
    })  # fmt: skip
    assert LiveEntry.objects.get().image == image
    page = editor_client.get(_desk(live_article)).content.decode()
    assert 'alt="Rook boven de poort"' in page and "Na de explosie." in page
    assert image_users(image) == [live_article]


def test_the_change_form_links_to_the_desk(live_article, editor_client, make_article):
    """A live article's change form has "Live-desk"; a news article's not."""
    change = reverse("admin:articles_article_change", args=[live_article.pk])
    assert _desk(live_article) in editor_client.get(change).content.decode()
    news = make_article()
    news_change = reverse("admin:articles_article_change", args=[news.pk])
    assert "Live-desk" not in editor_client.get(news_change).content.decode()


def test_an_empty_post_keeps_the_title_and_says_why(live_article, editor_client):
    """No text: the desk again (200), a Dutch message, the typed title kept."""
    response = editor_client.post(_desk(live_article), {
        "nieuw-body": "<p></p>", "nieuw-title": "Mijn getypte titel",
        "actie": "plaatsen",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het bericht is leeg" in page
    assert 'value="Mijn getypte titel"' in page
    assert not LiveEntry.objects.exists()


def test_a_bad_time_keeps_the_text(live_article, editor_client):
    """An impossible time: a Dutch message, the body still in the editor."""
    response = editor_client.post(_desk(live_article), {
        "nieuw-body": "<p>Tekst die blijft.</p>", "nieuw-published_at": "morgen",
        "actie": "plaatsen",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tekst die blijft." in page
    assert "geldige datum" in page.lower() or "geldige tijd" in page.lower()
    assert not LiveEntry.objects.exists()


def test_a_reporter_sends_for_review_and_sees_no_place_button(
    live_article, reporter_client
):
    """The reporter's desk offers review and draft; posting for review works;
    pressing a forged "plaatsen" is a Dutch 403 that writes nothing."""
    page = reporter_client.get(_desk(live_article)).content.decode()
    assert 'value="plaatsen"' not in page and 'value="beoordeling"' in page
    response = reporter_client.post(_desk(live_article), {
        "nieuw-body": "<p>Van de verslaggever.</p>", "actie": "plaatsen"})  # fmt: skip
    assert response.status_code == 403
    assert "Er is niets gewijzigd." in response.content.decode()
    assert not LiveEntry.objects.exists()
    reporter_client.post(_desk(live_article), {
        "nieuw-body": "<p>Van de verslaggever.</p>", "actie": "beoordeling"})  # fmt: skip
    assert LiveEntry.objects.get().status == S.REVIEW


def test_edit_an_entry_in_two_actions(live_article, make_entry, editor_client):
    """Open "Bewerken" from the desk, change and press Plaatsen: a new version."""
    entry = make_entry(body="<p>Eerst.</p>")
    url = reverse("admin:articles_article_live_entry", args=[live_article.pk, entry.pk])
    assert url in editor_client.get(_desk(live_article)).content.decode()
    editor_client.post(url, {"body": "<p>Daarna.</p>", "base_version": 1,
                             "actie": "plaatsen"})  # fmt: skip
    entry.refresh_from_db()
    assert entry.body == "<p>Daarna.</p>" and entry.version == 2


def test_an_edit_keeps_the_entry_in_its_place(live_article, make_entry, editor_client):
    """The form shows the time to the minute; sending it back unchanged keeps the
    stored time to the second, so the entry does not move in the stream."""
    placed = timezone.now().replace(microsecond=0) - timezone.timedelta(minutes=5)
    entry = make_entry(published_at=placed.replace(second=37))
    url = reverse("admin:articles_article_live_entry", args=[live_article.pk, entry.pk])
    shown = timezone.localtime(entry.published_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{shown}"' in editor_client.get(url).content.decode()
    editor_client.post(url, {"body": "<p>Bijgewerkt.</p>", "base_version": 1,
                             "published_at": shown, "actie": "plaatsen"})  # fmt: skip
    entry.refresh_from_db()
    assert entry.body == "<p>Bijgewerkt.</p>"
    assert entry.published_at == placed.replace(second=37)


def test_a_stale_edit_comes_back_with_the_typed_text(live_article, make_entry,
                                                     editor_client):  # fmt: skip
    """A colleague saved first: the form again, a Dutch notice, the text kept."""
    entry = make_entry(body="<p>Eerst.</p>")
    entry.body = "<p>Collega.</p>"
    from articles.live.services import save_entry

    save_entry(entry, user=None)
    url = reverse("admin:articles_article_live_entry", args=[live_article.pk, entry.pk])
    response = editor_client.post(url, {"body": "<p>Mijn versie.</p>",
                                        "base_version": 1, "actie": "plaatsen"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "intussen gewijzigd" in page
    assert "Mijn versie." in page
    assert LiveEntry.objects.get(pk=entry.pk).body == "<p>Collega.</p>"


def test_delete_asks_first(live_article, make_entry, editor_client):
    """GET asks (nothing gone), POST deletes and returns to the desk."""
    entry = make_entry()
    url = reverse(
        "admin:articles_article_live_delete", args=[live_article.pk, entry.pk]
    )
    assert "Weet je zeker" in editor_client.get(url).content.decode()
    assert LiveEntry.objects.exists()
    response = editor_client.post(url)
    assert response["Location"] == _desk(live_article)
    assert not LiveEntry.objects.exists()


def test_a_correction_from_the_entry_page(live_article, make_entry, editor_client):
    """A note on the entry shows on the desk; an empty one keeps the page."""
    entry = make_entry()
    url = reverse("admin:articles_article_live_note", args=[live_article.pk, entry.pk])
    response = editor_client.post(url, {"kind": "correction", "text": "  "})
    assert response.status_code == 200 and not entry.notes.exists()
    editor_client.post(url, {"kind": "correction", "text": "Het was één explosie."})
    page = editor_client.get(_desk(live_article)).content.decode()
    assert "Het was één explosie." in page


def test_close_and_reopen_from_the_desk(live_article, editor_client):
    """ "Verslag afsluiten" closes; the desk says "Afgelopen"; reopening works."""
    url = reverse("admin:articles_article_live_close", args=[live_article.pk])
    editor_client.post(url, {"actie": "afsluiten"})
    assert Article.objects.get(pk=live_article.pk).live_closed_at is not None
    assert "Afgelopen" in editor_client.get(_desk(live_article)).content.decode()
    editor_client.post(url, {"actie": "oudste-eerst"})
    assert Article.objects.get(pk=live_article.pk).live_oldest_first
    assert (
        'value="nieuwste-eerst"'
        in editor_client.get(_desk(live_article)).content.decode()
    )
    editor_client.post(url, {"actie": "heropenen"})
    assert Article.objects.get(pk=live_article.pk).live_closed_at is None


def test_a_news_article_has_no_desk(make_article, editor_client):
    """Only live articles: a 404, not a 500."""
    news = make_article()
    assert editor_client.get(_desk(news)).status_code == 404


def _entries(article, count: int) -> None:
    now = timezone.now()
    for n in range(count):
        post = f"<p>https://x.com/iemand/status/{1000 + n}</p>" if n % 2 else ""
        entry = post_entry(article, user=None, body=f"<p>Bericht {n}.</p>{post}",
                   title=f"Titel {n}", pinned=n == 0,
                   published_at=now - timezone.timedelta(minutes=n))  # fmt: skip
        add_entry_note(entry, kind="update", text=f"Aanvulling {n}.", user=None)
    entries = LiveEntry.objects.filter(article=article)
    image = Image.objects.create(alt="Foto")
    LiveEntry.objects.filter(article=article).update(image=image)
    LiveEntry.authors.through.objects.bulk_create(
        LiveEntry.authors.through(liveentry_id=pk, author_id=a)
        for pk in entries.values_list("pk", flat=True)
        for a in article.authors.values_list("pk", flat=True)
    )


@pytest.mark.parametrize("count", [3, 300])
def test_the_desk_page_costs_the_same_queries_at_3_and_300(
    live_article, editor_client, count
):
    """Entries with authors, images, notes and posts: a fixed number of queries."""
    _entries(live_article, count)
    editor_client.get(_desk(live_article))  # sessions, permissions warmed
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(_desk(live_article))
    assert response.status_code == 200
    assert response.content.decode().count('id="bericht-') == count
    assert len(queries) == 16, "\n".join(q["sql"][:150] for q in queries)
