"""No click on the article form loses work (server side): the preview buttons answer
without a reload, a restore asks first and says what changes on the live page.
The browser side is tests/integration/test_browser_paste.py."""

from django.urls import reverse

from articles.models import Article, PreviewLink
from articles.services.articles import save_article
from articles.services.previews import create_preview_link
from tests.helpers.html import parse, text_of

JSON = {"HTTP_ACCEPT": "application/json"}


def _url(name: str, *args) -> str:
    return reverse(f"admin:articles_article_{name}", args=args)


def _edit(article: Article, **changes) -> None:
    for name, value in changes.items():
        setattr(article, name, value)
    save_article(article, new_version=True)


def test_new_preview_link_answers_the_field_without_a_reload(
    editor_client, make_article
):
    """Asked for JSON, "Nieuwe voorbeeldlink" answers the field's new HTML and the
    message instead of a redirect to the form."""
    article = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/voorbeeldlink/", **JSON
    )
    assert response.status_code == 200
    answer = response.json()
    link = PreviewLink.objects.get(article=article)
    assert "/voorbeeld/" in answer["html"] and "Intrekken" in answer["html"]
    assert answer["message"].startswith("Voorbeeldlink gemaakt, geldig tot")
    assert f"/voorbeeldlink/{link.pk}/intrekken/" in answer["html"]


def test_revoke_answers_the_field_without_a_reload(editor_client, make_article, editor):
    """ "Intrekken" with JSON: the link is revoked and the field no longer lists it."""
    article = make_article(status=Article.Status.DRAFT)
    link = create_preview_link(article, user=editor)
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/voorbeeldlink/{link.pk}/intrekken/",
        **JSON,
    )
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Geen actieve links." in response.json()["html"]


def test_preview_buttons_without_script_still_redirect(editor_client, make_article):
    """Without the script (no JSON asked) the button posts and returns to the form."""
    article = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/voorbeeldlink/"
    )
    assert response.status_code == 302
    assert response["Location"] == _url("change", article.pk)


def test_preview_json_is_refused_to_who_may_not_change(client, make_article, make_user):
    """A reporter on a colleague's article gets the Dutch 403, no link is made."""
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user("andere", "reporter"))
    response = client.post(
        f"/admin/articles/article/{article.pk}/voorbeeldlink/", **JSON
    )
    assert response.status_code == 403
    assert "Er is niets gewijzigd." in response.content.decode()
    assert not PreviewLink.objects.exists()


def test_restore_confirmation_lists_what_changes_on_the_live_page(
    editor_client, make_article, django_assert_max_num_queries
):
    """The confirmation names the changed fields, summarises the body, warns that
    the article is live, and posts only on its button."""
    article = make_article(headline="Oud", lede="Intro.", body="<p>Een twee drie.</p>")
    _edit(article, headline="Nieuw", body="<p>Een twee drie vier vijf.</p>")
    with django_assert_max_num_queries(20):
        response = editor_client.get(_url("revision_restore", article.pk, 1))
    page = response.content.decode()
    text = text_of(parse(page))
    assert "Dit artikel staat online" in text
    assert "verandert deze 2 velden" in text
    assert "Tekst (woorden: 1 erbij, 3 weg)" in text
    assert "<del>Nieuw</del>" in page and "<ins>Oud</ins>" in page
    assert 'method="post"' in page and "Ja, herstel versie 1" in text
    article.refresh_from_db()
    assert article.headline == "Nieuw"
    response = editor_client.post(_url("revision_restore", article.pk, 1))
    article.refresh_from_db()
    assert response.status_code == 302 and article.headline == "Oud"


def test_restore_confirmation_of_a_draft_says_it_is_not_live(
    editor_client, make_article
):
    """For a draft the page says readers see nothing until it is published."""
    article = make_article(status=Article.Status.DRAFT, headline="Oud")
    _edit(article, headline="Nieuw")
    text = text_of(
        parse(editor_client.get(_url("revision_restore", article.pk, 1)).content)
    )
    assert "staat niet online" in text and "Dit artikel staat online" not in text


def test_versions_pages_link_to_the_confirmation(editor_client, make_article):
    """The restore buttons on the versions list and the diff are links to the
    confirmation (GET), not forms that restore at once."""
    article = make_article(headline="Oud")
    _edit(article, headline="Nieuw")
    restore = _url("revision_restore", article.pk, 1)
    for page in (
        editor_client.get(_url("revisions", article.pk)).content.decode(),
        editor_client.get(_url("revision_diff", article.pk, 1, 2)).content.decode(),
    ):
        assert f'<a class="button" href="{restore}">' in page
        assert f'action="{restore}"' not in page


def test_the_form_loads_the_keep_work_script_and_the_quote_hint(
    editor_client, make_article
):
    """The change form carries the script that guards unsaved work, and the body's
    help says how to write a quote's source."""
    article = make_article()
    page = editor_client.get(_url("change", article.pk)).content.decode()
    assert "js/admin-keep-work.js" in page and "js/admin-paste.js" in page
    assert "- Tom Middendorp, in Nieuwsuur" in text_of(parse(page))
