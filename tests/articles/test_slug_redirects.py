"""Old addresses (SlugRedirect): only a published article's own slug change creates
or ends one; no article, draft or not, takes an address that redirects to another
article (issue #14: a draft given that old slug turned the 301 into a 404 for good).
"""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, SlugRedirect
from articles.services.articles import create_article, save_article
from tests.helpers.forms import article_form, change_form

S = Article.Status


@pytest.fixture
def moved(make_article):
    """A published article renamed from "kabul-valt" to "kabul-is-gevallen"."""
    article = make_article(headline="Kabul valt", slug="kabul-valt")
    article.slug = "kabul-is-gevallen"
    save_article(article, new_version=True)
    assert SlugRedirect.objects.get().old_slug == "kabul-valt"
    return article


def _still_redirects(client, article):
    response = client.get("/artikel/kabul-valt/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert SlugRedirect.objects.get(old_slug="kabul-valt").article == article


def test_a_reporters_new_draft_cannot_take_the_old_address(
    moved, reporter_client, filing, client
):
    """The hostile case: refused with a Dutch message in the form, what was typed
    kept, nothing saved, the old URL still 301."""
    data = article_form(filing, headline="Mijn concept", slug="kabul-valt",
                        status="draft")  # fmt: skip
    response = reporter_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "is het oude adres van het artikel “Kabul valt”" in text
    assert 'value="Mijn concept"' in text
    assert not Article.objects.filter(headline="Mijn concept").exists()
    _still_redirects(client, moved)


def test_a_reporters_own_draft_cannot_be_renamed_to_it(
    moved, reporter, reporter_client, make_article, client
):
    draft = make_article(headline="Eigen concept", status=S.DRAFT)
    draft.created_by = reporter
    draft.save()
    data = change_form(draft, slug="kabul-valt")
    response = reporter_client.post(f"/admin/articles/article/{draft.pk}/change/", data)
    assert response.status_code == 200
    assert "oude adres van het artikel" in response.content.decode()
    draft.refresh_from_db()
    assert draft.slug == "eigen-concept"
    _still_redirects(client, moved)


def test_the_services_refuse_it_too(moved, make_article, client):
    """save_article and create_article (commands, imports) refuse a given slug that
    redirects elsewhere; nothing is written."""
    draft = make_article(headline="Ander concept", status=S.DRAFT)
    draft.slug = "kabul-valt"
    with pytest.raises(ValidationError, match="oude adres"):
        save_article(draft)
    with pytest.raises(ValidationError, match="oude adres"):
        create_article(headline="Nog een", lede="Intro.", slug="kabul-valt")
    assert Article.objects.get(pk=draft.pk).slug == "ander-concept"
    _still_redirects(client, moved)


def test_a_slug_made_from_the_headline_passes_the_old_address_by(
    moved, editor_client, filing, client
):
    """No slug typed: the headline's slug skips another article's old address."""
    data = article_form(filing, headline="Kabul valt", slug="")
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(headline="Kabul valt", pk__gt=moved.pk).slug == (
        "kabul-valt-2"
    )
    _still_redirects(client, moved)


def test_a_drafts_slug_change_leaves_no_redirect(make_article):
    """Only a published article's address is kept; a draft's old slug stays free."""
    draft = make_article(headline="Concept", status=S.DRAFT)
    draft.slug = "ander-adres"
    save_article(draft, new_version=True)
    assert not SlugRedirect.objects.exists()
    make_article(headline="Ander", slug="concept")  # free for anyone


def test_a_published_article_takes_back_its_own_old_address(
    moved, editor_client, client
):
    """Its own redirect ends, the address it leaves redirects instead."""
    data = change_form(moved, slug="kabul-valt")
    response = editor_client.post(f"/admin/articles/article/{moved.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.get("/artikel/kabul-valt/").status_code == 200
    back = client.get("/artikel/kabul-is-gevallen/")
    assert (back.status_code, back["Location"]) == (301, "/artikel/kabul-valt/")
    assert list(SlugRedirect.objects.values_list("old_slug", "article")) == [
        ("kabul-is-gevallen", moved.pk)
    ]
