"""The article form as one screen for writing (articles/admin/editor/writing.py): the text in
the main column, a side panel with publication, filing, hero, search preview and the
checks that block publishing; scheduled articles read as "ingepland"; the admin
speaks Dutch with "je" and "het artikel"."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.images.services import store_upload
from articles.models import Article, FrontPage, Image
from tests.helpers.forms import change_form
from tests.helpers.samples.images import photo

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    start = html.index('<section class="writing-panel"')
    return html[start : html.index("</section>", start)]


def _main(html: str) -> str:
    start = html.index('<div class="writing-main">')
    return html[start : html.index('<section class="writing-panel"')]


def test_text_in_the_main_column_and_the_rest_in_the_side_panel(
    editor_client, make_article
):
    """Kop, intro and body (with its length) are the main column; status and time,
    section, authors, topics, hero, SEO with its preview and the publishing checks
    are in the panel."""
    article = make_article(headline="Kop", seo_description="")
    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    main, panel = _main(html), _panel(html)
    for name in ("headline", "lede", "body", "body_length"):
        assert f"field-{name}" in main and f"field-{name}" not in panel
    for name in (
        "publish_checks", "status", "publish_at", "section", "authors", "topics",
        "hero", "slug", "seo_title", "seo_description", "share_preview",
    ):  # fmt: skip
        assert f"field-{name}" in panel and f"field-{name}" not in main
    assert 'id="share-preview"' in panel and 'data-title-limit="60"' in panel
    assert 'data-description-limit="155"' in panel
    assert 'id="body-stats"' in main and "min. lezen" in main
    # The app list gives the writing room; the body editor spellchecks.
    assert 'id="nav-sidebar"' not in html
    assert "/static/js/admin-writing.js" in html


def test_the_panel_lists_what_blocks_publishing(editor_client, make_article):
    """A hero without alt text and no authors: both marked missing, the rest done."""
    hero = store_upload(photo(64, 48), filename="a.jpg", alt="Poort", user=None)
    Image.objects.filter(pk=hero.pk).update(alt="")  # as an older image may be
    article = make_article(status=Article.Status.DRAFT, hero=hero)
    article.authors.clear()
    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    checks = dict(re.findall(r'<li data-check="(\w+)" class="(is-\w+)"', _panel(html)))
    assert checks == {
        "headline": "is-done",
        "lede": "is-done",
        "section": "is-done",
        "hero_alt": "is-missing",
        "authors": "is-missing",
    }
    assert "Dit ontbreekt nog:" in html


def test_a_ready_article_says_so(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    assert '<p class="publish-checks-ready">' in html  # not hidden
    assert "is-missing" not in _panel(html)


def test_a_scheduled_article_shows_a_banner_and_reads_ingepland(
    editor_client, make_article
):
    """Banner "Ingepland voor <tijd>", the status choice "ingepland", and no first
    publication before it happens."""
    later = timezone.now() + timedelta(days=2)
    article = make_article(publish_at=later)
    assert article.is_scheduled and article.first_published_at == article.publish_at
    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    assert re.search(
        r'class="scheduled-banner"[^>]*>Ingepland voor \d+ \w+ \d{4}', html
    )
    assert re.search(r'<option value="published" selected>ingepland: verschijnt', html)
    first = html[html.index("field-first_publication") :]
    assert re.search(r'<div class="readonly">-</div>', first[:400])


def test_a_published_article_has_no_banner_and_shows_its_first_publication(
    editor_client, make_article
):
    article = make_article()
    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    assert "scheduled-banner" not in html
    assert '<option value="published" selected>gepubliceerd</option>' in html
    first = html[html.index("field-first_publication") :][:400]
    assert str(timezone.localtime(article.first_published_at).year) in first


def test_the_list_filters_scheduled_apart_from_published(editor_client, make_article):
    """The status filter offers "Ingepland"; each choice finds its own articles."""
    make_article(headline="Al verschenen")
    make_article(headline="Komt morgen", publish_at=timezone.now() + timedelta(days=1))
    make_article(headline="Nog concept", status=Article.Status.DRAFT)
    url = "/admin/articles/article/"
    page = editor_client.get(url).content.decode()
    assert "?status=scheduled" in page and ">ingepland</a>" in page
    found = {
        value: sorted(
            a.headline for a in editor_client.get(url, {"status": value}).context[
                "cl"].result_list
        )
        for value in ("scheduled", "published", "draft")
    }  # fmt: skip
    assert found == {
        "scheduled": ["Komt morgen"],
        "published": ["Al verschenen"],
        "draft": ["Nog concept"],
    }
    assert ">ingepland</span>" in page  # the list's status column


def test_saving_a_scheduled_article_keeps_it_scheduled(editor_client, make_article):
    """The relabelled choice still sends "published": a save changes nothing else."""
    article = make_article(publish_at=timezone.now() + timedelta(days=1))
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(article, lede="Nieuwe intro."),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled and article.lede == "Nieuwe intro."


# -- Dutch: "je", "het artikel", one name per page -----------------------------------

_FORMAL = re.compile(r"(?<![\w-])(?:[Uu]|[Uu]w)(?![\w-])|\bDe artikel\b")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/article/{pk}/change/",
        "/admin/articles/article/{pk}/versies/",
        "/admin/articles/topic/",
        "/admin/articles/image/",
        "/admin/articles/image/add/",
        "/admin/articles/author/",
        "/admin/articles/frontpage/add/",
        "/admin/embeds/embed/",
        "/admin/password_change/",
    ],
)
def test_admin_pages_say_je_and_het_artikel(editor_client, make_article, path):
    """No "u"/"uw" and no "De artikel" on any kind of admin page an editor opens."""
    article = make_article()
    response = editor_client.get(path.format(pk=article.pk), follow=True)
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert not _FORMAL.findall(text), _FORMAL.findall(text)


def test_the_messages_after_saving_are_in_our_dutch(editor_client, make_article):
    """Django's "De artikel … U kunt deze" is ours now: no article, "je"."""
    article = make_article()
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(article, _continue="1"),
        follow=True,
    )
    messages = [re.sub(r"<[^>]+>", "", str(m)) for m in response.context["messages"]]
    assert messages == [
        f"Opgeslagen: artikel “{article.headline}”. Je kunt hieronder verder werken."
    ]


def test_the_slug_help_shows_the_address(editor_client, db):
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "/artikel//" not in html
    assert "/artikel/…/" in html


def test_admin_home_and_front_page_have_different_names(editor_client, db):
    """The breadcrumbs call the admin home "Overzicht"; "Voorpagina" is the
    front-page editor's name only."""
    html = editor_client.get("/admin/articles/article/").content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :][:300]
    assert ">Overzicht</a>" in crumbs and "Voorpagina" not in crumbs
    home = editor_client.get("/admin/").content.decode()
    assert ">Voorpagina</a>" in home  # the front page in the app list


def test_a_redacteur_starts_the_front_page_on_a_fresh_install(editor_client, db):
    """No front page yet: the list opens the form to start one, which saves."""
    assert not FrontPage.objects.exists()
    response = editor_client.get("/admin/articles/frontpage/")
    assert response.status_code == 302
    assert response.url == "/admin/articles/frontpage/add/"
    form = editor_client.get(response.url)
    assert form.status_code == 200
    data = {
        "lead": "",
        "seen_version": "",
        "banner_text": "",
        "banner_url": "",
        "banner_until_0": "",
        "banner_until_1": "",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }
    saved = editor_client.post("/admin/articles/frontpage/add/", data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    front = FrontPage.objects.get()
    # From now on the list opens it, to change.
    assert editor_client.get("/admin/articles/frontpage/").url == (
        f"/admin/articles/frontpage/{front.pk}/change/"
    )


def test_a_reporter_does_not_get_the_front_page(reporter_client, db):
    assert reporter_client.get("/admin/articles/frontpage/").status_code == 403
