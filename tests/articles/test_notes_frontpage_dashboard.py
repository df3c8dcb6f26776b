"""Updates and corrections, the curated front page, and the editors' dashboard."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleNote, Author, FrontPage
from articles.services.frontpage import (
    HISTORY_LENGTH,
    get_front_page,
    home_articles,
    restore_front_page,
    safe_banner_url,
    save_front_page,
)
from articles.services.notes import add_note
from embeds.models import Embed
from tests.helpers.html import form_data as fields_of_form

Kind = ArticleNote.Kind


def form_data(response, form_id):
    """The fields of a rendered admin form, ready to post back."""
    return fields_of_form(response.content.decode(), form_id)


def add_inline_form(data, prefix, **fields):
    """Fill the inline's next empty form in ``data`` with ``fields``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if template in name:
            data[name.replace("__prefix__", str(index))] = value
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


def split_time(value):
    local = timezone.localtime(value)
    return local.strftime("%d-%m-%Y"), local.strftime("%H:%M:%S")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# Updates and corrections


def test_correction_shows_at_the_top_and_updates_the_article(client, make_article):
    """A correction shows above the body, sets "bijgewerkt", the article stays up."""
    article = make_article(headline="Aanslag in Kabul")
    version = article.version
    note = add_note(
        article,
        kind=Kind.CORRECTION,
        text="De aanslag was op 26 augustus, niet op 25 augustus.",
        user=None,
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.updated_at == note.at
    assert article.version == version
    content = client.get(article.get_absolute_url()).content.decode()
    top = content.index('<aside class="corrections" role="note"')
    assert content.index('class="story-header"') < top < content.index("story-body")
    assert "Correctie" in content[top:]
    assert "niet op 25 augustus" in content[top : content.index("story-body")]
    assert f'datetime="{timezone.localtime(note.at):%Y-%m-%dT%H:%M:%S%z}"' in content
    assert "bijgewerkt" in content


def test_updates_show_in_a_log_at_the_end_newest_first(client, make_article):
    """Updates form a log after the body, newest first, each with its time."""
    article = make_article()
    now = timezone.now()
    add_note(article, kind=Kind.UPDATE, text="Eerste update.", user=None, at=now)
    add_note(
        article,
        kind=Kind.UPDATE,
        text="Tweede update.",
        user=None,
        at=now + timedelta(minutes=5),
    )
    content = client.get(article.get_absolute_url()).content.decode()
    log = content.index('<section class="updates"')
    assert content.index("story-body") < log
    assert content.index("Tweede update.") < content.index("Eerste update.")
    assert 'class="corrections"' not in content


def test_note_text_is_plain_text(client, make_article):
    """Markup in a note is shown as text; line breaks are kept."""
    article = make_article()
    add_note(
        article,
        kind=Kind.CORRECTION,
        text="<script>alert(1)</script>\nTweede regel",
        user=None,
    )
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Tweede regel" in content


def test_note_never_moves_the_update_time_back(make_article):
    """An older note leaves a later "bijgewerkt" time alone."""
    article = make_article()
    later = timezone.now() + timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(updated_at=later)
    add_note(
        article,
        kind=Kind.UPDATE,
        text="Oud nieuws.",
        user=None,
        at=later - timedelta(hours=1),
    )
    article.refresh_from_db()
    assert article.updated_at == later


def test_empty_note_is_refused_and_nothing_is_saved(make_article):
    """A note without text raises ValidationError and changes nothing."""
    article = make_article()
    with pytest.raises(ValidationError):
        add_note(article, kind=Kind.CORRECTION, text="  ", user=None)
    article.refresh_from_db()
    assert not ArticleNote.objects.exists()
    assert article.updated_at is None


def test_notes_of_a_draft_never_show(client, make_article):
    """A draft's or scheduled article's notes appear on no public page."""
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    add_note(draft, kind=Kind.CORRECTION, text="Geheime correctie.", user=None)
    add_note(scheduled, kind=Kind.UPDATE, text="Geheime update.", user=None)
    make_article()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    home = client.get("/").content.decode()
    assert "Geheime" not in home


def test_article_query_count_does_not_grow_with_notes(client, make_article):
    """No notes or six: the article page costs the same."""
    article = make_article()
    before = count_queries(client, article.get_absolute_url())
    for n in range(3):
        add_note(article, kind=Kind.UPDATE, text=f"Update {n}", user=None)
        add_note(article, kind=Kind.CORRECTION, text=f"Correctie {n}", user=None)
    assert count_queries(client, article.get_absolute_url()) == before


def test_admin_inline_signs_a_note_and_marks_the_article_updated(
    editor_client, editor, make_article
):
    """A correction added in the article form gets the editor as author and
    moves the update time; the article stays published."""
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(editor_client.get(url), "article_form")
    at = timezone.now().replace(microsecond=0)
    date, time = split_time(at)
    add_inline_form(
        data,
        "notes",
        kind="correction",
        text="Een naam was fout.",
        at_0=date,
        at_1=time,
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note = ArticleNote.objects.get()
    assert note.author == editor
    assert note.kind == Kind.CORRECTION
    article.refresh_from_db()
    assert article.updated_at == at
    assert article.status == Article.Status.PUBLISHED


# Front page


@pytest.fixture
def front(db):
    return get_front_page()


def test_pinned_lead_is_shown_first(client, make_article, front):
    """The pinned article leads the home page, even when it is not the newest."""
    make_article(headline="Nieuwste bericht")
    pinned = make_article(headline="Gekozen hoofdverhaal")
    front.lead = pinned
    save_front_page(front, user=None)
    response = client.get("/")
    assert response.context["lead"] == pinned
    content = response.content.decode()
    assert content.index("Gekozen hoofdverhaal") < content.index("Nieuwste bericht")


def test_top_stories_follow_the_editors_order_then_the_rest_by_time(
    client, make_article, front
):
    """Top stories in the editors' order; the latest list leaves them out."""
    now = timezone.now()
    articles = [
        make_article(headline=f"Verhaal {n}", publish_at=now - timedelta(hours=n))
        for n in range(6)
    ]
    save_front_page(front, user=None, slots=[articles[4], articles[2], articles[3]])
    response = client.get("/")
    assert response.context["lead"] == articles[0]
    assert response.context["top_stories"] == [articles[4], articles[2], articles[3]]
    # The latest list is read as its cards' keys (articles/public/cards.py Listed).
    assert [row.pk for row in response.context["articles"]] == [
        articles[1].pk,
        articles[5].pk,
    ]
    content = response.content.decode()
    assert content.index("Topverhalen") < content.index("Laatste artikelen")
    assert [content.index(f"Verhaal {n}") for n in (0, 4, 2, 3, 1, 5)] == sorted(
        content.index(f"Verhaal {n}") for n in (0, 4, 2, 3, 1, 5)
    )


def test_invisible_picks_leave_no_trace(client, make_article, front):
    """A pinned scheduled lead and draft, scheduled or withdrawn top stories are
    skipped; the newest published article leads instead."""
    newest = make_article(headline="Wel gepubliceerd")
    scheduled = make_article(
        headline="Geheim ingepland", publish_at=timezone.now() + timedelta(hours=2)
    )
    draft = make_article(headline="Geheim concept", status=Article.Status.DRAFT)
    withdrawn = make_article(headline="Geheim ingetrokken")
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.UNPUBLISHED)
    shown = make_article(headline="Zichtbaar topverhaal")
    front.lead = scheduled
    save_front_page(front, user=None, slots=[draft, scheduled, withdrawn, shown])
    response = client.get("/")
    assert response.context["lead"] == newest
    assert response.context["top_stories"] == [shown]
    assert "Geheim" not in response.content.decode()


def test_banner_shows_until_it_expires(client, make_article, front, time_machine):
    """The banner shows with its link until its expiry, then disappears by itself."""
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = make_article()
    front.banner_text = "Explosies bij het vliegveld van Kabul"
    front.banner_url = article.get_absolute_url()
    front.banner_until = now + timedelta(hours=1)
    save_front_page(front, user=None)
    content = client.get("/").content.decode()
    assert (
        f'<p class="breaking" role="status"><a href="{article.get_absolute_url()}">'
        "Explosies bij het vliegveld van Kabul</a></p>"
    ) in content
    time_machine.move_to(now + timedelta(hours=1, seconds=1), tick=False)
    assert "Explosies bij het vliegveld" not in client.get("/").content.decode()


def test_banner_without_link_or_expiry(client, make_article, front):
    """A banner without a link is plain text, and stays without an expiry."""
    make_article()
    front.banner_text = "Live: de verkiezingsavond"
    save_front_page(front, user=None)
    assert (
        '<p class="breaking" role="status">Live: de verkiezingsavond</p>'
        in client.get("/").content.decode()
    )


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("/artikel/kabul/", "/artikel/kabul/"),
        ("https://example.org/live", "https://example.org/live"),
        ("javascript:alert(1)", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        ("data:text/html,x", ""),
    ],
)
def test_banner_link_must_be_a_path_or_a_web_address(url, safe):
    """Only a path on this site or an http(s) address becomes the banner's link."""
    assert safe_banner_url(url) == safe


def test_front_page_changes_show_at_once(client, make_article, front):
    """A saved change shows on the next request, without any command."""
    make_article(headline="Eerste")
    second = make_article(headline="Tweede")
    assert client.get("/").context["lead"].headline == "Eerste"
    front.lead = second
    save_front_page(front, user=None)
    assert client.get("/").context["lead"] == second


def test_history_records_versions_and_restore_brings_one_back(
    make_article, front, editor
):
    """Each save keeps the state before it; a restore is a new version."""
    one, two, three = (make_article() for _ in range(3))
    front.lead = one
    front.banner_text = "Eerste balk"
    save_front_page(front, user=editor, slots=[two, three])
    assert front.version == 2
    front.lead = two
    front.banner_text = ""
    save_front_page(front, user=editor, slots=[three])
    assert front.version == 3
    assert [state["version"] for state in front.history] == [1, 2]
    assert front.history[1] | {"updated_at": None} == {
        "version": 2,
        "lead": one.pk,
        "slots": [two.pk, three.pk],
        "banner_text": "Eerste balk",
        "banner_url": "",
        "banner_until": None,
        "updated_by": editor.pk,
        "updated_at": None,
    }
    restore_front_page(front, 1, user=editor)
    front = FrontPage.objects.get()
    assert front.version == 4
    assert front.lead == one
    assert front.banner_text == "Eerste balk"
    assert [slot.article for slot in front.slots.all()] == [two, three]
    assert front.history[-1]["lead"] == two.pk


def test_history_keeps_the_last_versions(front):
    """Only the last HISTORY_LENGTH earlier states are kept."""
    for n in range(HISTORY_LENGTH + 5):
        front.banner_text = f"Balk {n}"
        save_front_page(front, user=None)
    front.refresh_from_db()
    assert len(front.history) == HISTORY_LENGTH
    assert front.history[-1]["banner_text"] == f"Balk {HISTORY_LENGTH + 3}"


def test_home_query_count_is_the_same_with_one_or_five_top_stories(
    client, make_article, front
):
    """One top story or five, a lead pinned or not: the home page costs the same."""
    articles = [make_article() for _ in range(8)]
    save_front_page(front, user=None, slots=articles[:1])
    cache.clear()  # cold both times: cards and navigation are cached fragments
    one = count_queries(client, "/")
    front.lead = articles[7]
    save_front_page(front, user=None, slots=articles[:5])
    cache.clear()
    assert count_queries(client, "/") == one


def test_a_top_story_is_a_full_card_on_home_and_a_teaser_in_its_list(
    client, make_article, front
):
    """The cached cards keep their style apart: the same article is a full card
    among the top stories and a compact teaser in its section, served from the
    fragment cache either way."""
    story = make_article(headline="Topverhaal van vandaag")
    front.lead = make_article(headline="Het hoofdverhaal")
    save_front_page(front, user=None, slots=[story])

    def card_of(html):
        start = html.index("Topverhaal van vandaag")
        return html[html.rindex("<article", 0, start) : start]

    for _ in range(2):  # rendered, then from the fragment cache
        home = client.get("/").content.decode()
        top = home[home.index('id="top-stories"') : home.index('id="latest"')]
        assert 'class="card"' in card_of(top)
        listed = client.get(story.section.get_absolute_url()).content.decode()
        assert 'class="card card-compact"' in card_of(listed)


def test_home_articles_reads_without_writing(db, make_article):
    """Without a stored front page the newest article leads; nothing is created."""
    newest = make_article()
    older = make_article()
    banner, lead, top, rest = home_articles(FrontPage(pk=1))
    assert (banner, lead, top, list(rest)) == (None, newest, [], [older])
    assert not FrontPage.objects.exists()


def test_front_page_admin_saves_versions_and_restores(
    editor_client, editor, make_article, front
):
    """The admin saves through save_front_page and restores an earlier version."""
    one, two = make_article(), make_article()
    assert editor_client.get("/admin/articles/frontpage/").url == (
        f"/admin/articles/frontpage/{front.pk}/change/"
    )
    url = f"/admin/articles/frontpage/{front.pk}/change/"
    data = form_data(editor_client.get(url), "frontpage_form")
    data["lead"] = str(one.pk)
    data["banner_text"] = "Breaking"
    add_inline_form(data, "slots", article=str(two.pk), position="1")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    front.refresh_from_db()
    assert (front.version, front.lead, front.updated_by) == (2, one, editor)
    assert [slot.article for slot in front.slots.all()] == [two]
    assert front.history[0]["version"] == 1
    page = editor_client.get(url).content.decode()
    restore = f"/admin/articles/frontpage/{front.pk}/herstel/1/"
    assert f'formaction="{restore}"' in page
    assert editor_client.get(restore).status_code == 405
    assert editor_client.post(restore).status_code == 302
    front.refresh_from_db()
    assert (front.version, front.lead, front.banner_text) == (3, None, "")
    assert not front.slots.exists()


def test_front_page_admin_refuses_bad_links_and_stale_saves(
    editor_client, make_article, front
):
    """A javascript: link and a save on top of someone else's are refused."""
    url = f"/admin/articles/frontpage/{front.pk}/change/"
    data = form_data(editor_client.get(url), "frontpage_form")
    response = editor_client.post(url, data | {"banner_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "banner_url" in response.context["adminform"].form.errors
    save_front_page(front, user=None)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Iemand anders" in response.content.decode()
    assert FrontPage.objects.get().version == 2


def test_front_page_admin_creates_the_one_row(chief_client, make_article):
    """Without a front page, the admin's add form creates row 1, version 1."""
    lead = make_article()
    data = form_data(
        chief_client.get("/admin/articles/frontpage/add/"), "frontpage_form"
    )
    response = chief_client.post(
        "/admin/articles/frontpage/add/", data | {"lead": str(lead.pk)}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    front = FrontPage.objects.get()
    assert (front.pk, front.version, front.lead, front.history) == (1, 1, lead, [])


def test_front_page_admin_allows_no_second_row_and_no_delete(chief_client, front):
    """With the row in place, the admin offers neither add nor delete, not even to
    the Hoofdredactie, who holds both permissions."""
    assert chief_client.get("/admin/articles/frontpage/add/").status_code == 403
    delete = f"/admin/articles/frontpage/{front.pk}/delete/"
    assert chief_client.post(delete).status_code == 403
    assert FrontPage.objects.count() == 1


# Dashboard


@pytest.fixture
def newsroom(make_article, editor, reporter):
    """One article for each list of the dashboard, and some that belong in none."""
    now = timezone.now()
    other = reporter
    mine = make_article(headline="Mijn concept", status=Article.Status.DRAFT)
    Article.objects.filter(pk=mine.pk).update(created_by=editor)
    theirs = make_article(headline="Ander concept", status=Article.Status.DRAFT)
    Article.objects.filter(pk=theirs.pk).update(created_by=other)
    review = make_article(headline="Wacht op de chef", status=Article.Status.REVIEW)
    soon = make_article(headline="Straks online", publish_at=now + timedelta(days=2))
    later = make_article(headline="Pas later", publish_at=now + timedelta(days=9))
    published = make_article(headline="Net online")
    corrected = make_article(headline="Gecorrigeerd stuk")
    add_note(corrected, kind=Kind.CORRECTION, text="Verkeerde datum.", user=None)
    add_note(
        corrected,
        kind=Kind.CORRECTION,
        text="Oude correctie.",
        user=None,
        at=now - timedelta(days=10),
    )
    embed = Embed.objects.create(
        url="https://x.com/iemand/status/1", provider="x", state=Embed.State.DELETED
    )
    gone = make_article(headline="Met verdwenen bericht")
    gone.embeds.add(embed)
    return {
        "mine": mine,
        "theirs": theirs,
        "review": review,
        "soon": soon,
        "later": later,
        "published": published,
        "corrected": corrected,
        "gone": gone,
    }


def _dashboard(response):
    content = response.content.decode()
    start = content.index('<div class="editor-dashboard">')
    return content[start : content.index('<div class="app-', start)]


def _group(dashboard, caption):
    start = dashboard.index(caption)
    return dashboard[start : dashboard.find("</table>", start)]


def test_dashboard_lists_each_group_for_an_editor(editor_client, newsroom):
    """The admin index lists drafts, review, scheduled, published, corrections and
    missing posts, each linking to the article's change page."""
    dashboard = _dashboard(editor_client.get("/admin/"))

    def listed(caption, article):
        link = f'href="/admin/articles/article/{article.pk}/change/"'
        return link in _group(dashboard, caption)

    assert listed("Mijn concepten", newsroom["mine"])
    assert not listed("Mijn concepten", newsroom["theirs"])
    assert listed("Ter beoordeling", newsroom["review"])
    assert listed("Ingepland, komende 7 dagen", newsroom["soon"])
    assert not listed("Ingepland, komende 7 dagen", newsroom["later"])
    soon = timezone.localtime(newsroom["soon"].publish_at)
    assert f"{soon:%H:%M}" in _group(dashboard, "Ingepland, komende 7 dagen")
    assert listed("Recent gepubliceerd", newsroom["published"])
    assert not listed("Recent gepubliceerd", newsroom["soon"])
    corrections = _group(dashboard, "Correcties deze week")
    assert listed("Correcties deze week", newsroom["corrected"])
    assert "Verkeerde datum." in corrections
    assert "Oude correctie." not in corrections
    assert listed("Ingesloten berichten verdwenen", newsroom["gone"])
    assert not listed("Ingesloten berichten verdwenen", newsroom["published"])


def test_dashboard_drafts_are_the_editors_own(client, newsroom, make_user):
    """Drafts they created or carry their byline are "mine"; no one else's."""
    colleague = make_user("collega", None, permissions=["view_article"])
    Article.objects.filter(pk=newsroom["theirs"].pk).update(created_by=colleague)
    byline = Author.objects.create(name="Redacteur", slug="redacteur", user=colleague)
    newsroom["mine"].authors.add(byline)
    client.force_login(colleague)
    drafts = _group(_dashboard(client.get("/admin/")), "Mijn concepten")
    assert "Ander concept" in drafts
    assert "Mijn concept<" in drafts


def test_dashboard_query_count_is_constant(editor_client, newsroom, make_article):
    """More articles in each list cost no more queries."""
    before = count_queries(editor_client, "/admin/")
    for _ in range(3):
        make_article(status=Article.Status.REVIEW)
        make_article(publish_at=timezone.now() + timedelta(days=1))
        add_note(newsroom["published"], kind=Kind.CORRECTION, text="x", user=None)
    assert count_queries(editor_client, "/admin/") == before
