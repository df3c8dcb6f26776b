"""Shareable previews: signed, expiring, revocable links to unpublished articles."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from articles.models import Article, PreviewLink
from articles.services.previews import (
    PreviewRefused,
    create_preview_link,
    preview_url,
    resolve_preview,
    revoke_preview_link,
)
from tests.helpers.html import attributes
from tests.helpers.samples.embeds import X_URL

BANNER = "Voorbeeld — niet gepubliceerd"
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'


@pytest.fixture
def draft(make_article):
    return make_article(headline="Geheim concept", status=Article.Status.DRAFT)


@pytest.fixture
def scheduled(make_article):
    return make_article(
        headline="Ingepland verhaal",
        publish_at=timezone.now() + timezone.timedelta(days=1),
    )


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def tamper(signed: str, index: int) -> str:
    """``signed`` with the character at ``index`` replaced by another URL-safe one."""
    replacement = "B" if signed[index] == "A" else "A"
    return signed[:index] + replacement + signed[index + 1 :]


def create_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/voorbeeldlink/"


def revoke_url(link) -> str:
    return (
        f"/admin/articles/article/{link.article_id}/voorbeeldlink/{link.pk}/intrekken/"
    )


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_fresh_link_shows_hidden_article_while_public_url_stays_404(
    client, editor, request, which
):
    """A draft or scheduled article shows through a new link, never at its own URL."""
    article = request.getfixturevalue(which)
    link = create_preview_link(article, user=editor)
    response = client.get(preview_url(link))
    assert response.status_code == 200
    assert article.headline in response.text and article.lede in response.text
    assert BANNER in response.text
    assert ROBOTS_META in response.text
    assert_private(response)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_link_is_signed_path_under_voorbeeld_and_lasts_48_hours(editor, draft):
    """The URL is /voorbeeld/<token:signature>/ and the link expires after 48 hours."""
    link = create_preview_link(draft, user=editor)
    assert re.fullmatch(r"/voorbeeld/[\w-]{43}:[\w-]+/", preview_url(link))
    assert link.expires_at - link.created_at == timezone.timedelta(hours=48)
    assert link.created_by == editor


def test_link_to_an_article_in_review_still_shows_it(client, editor, make_article):
    """An article waiting for review shows through its link, with the banner."""
    article = make_article(headline="Ter beoordeling", status=Article.Status.REVIEW)
    response = client.get(preview_url(create_preview_link(article, user=editor)))
    assert response.status_code == 200
    assert "Ter beoordeling" in response.text and BANNER in response.text
    assert_private(response)


@pytest.mark.parametrize("link_state", ["valid", "revoked", "expired"])
def test_link_to_an_article_published_since_redirects_to_its_page(
    client, editor, draft, time_machine, link_state
):
    """Once readers see the article, its link (in any state) leads to the public page."""
    link = create_preview_link(draft, user=editor)
    draft.status = Article.Status.PUBLISHED
    draft.publish_at = timezone.now()
    draft.save()
    if link_state == "revoked":
        revoke_preview_link(link, user=editor)
    elif link_state == "expired":
        time_machine.move_to(link.expires_at + timezone.timedelta(minutes=1))
    response = client.get(preview_url(link))
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert_private(response)
    assert client.get(response["Location"]).status_code == 200


def test_link_to_a_withdrawn_article_answers_410_without_its_text(
    client, editor, make_article
):
    """A link made before the article was withdrawn ends with it: the Dutch 410."""
    article = make_article(headline="Later teruggetrokken", lede="Geheime inleiding")
    link = create_preview_link(article, user=editor)
    article.status = Article.Status.UNPUBLISHED
    article.save()
    response = client.get(preview_url(link))
    assert response.status_code == 410
    assert "Dit artikel is teruggetrokken" in response.text
    assert "Later teruggetrokken" not in response.text
    assert "Geheime inleiding" not in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert_private(response)
    assert client.get(article.get_absolute_url()).status_code == 410


def test_link_to_a_deleted_article_answers_410(client, editor, draft):
    """Deleting the article deletes its links; the signed URL then answers 410."""
    url = preview_url(create_preview_link(draft, user=editor))
    draft.delete()
    response = client.get(url)
    assert response.status_code == 410
    assert "Geheim concept" not in response.text
    assert_private(response)


def test_public_article_page_has_no_banner_or_noindex(client, make_article):
    """The public page itself stays as it was: no banner, no robots meta."""
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert BANNER not in response.text and ROBOTS_META not in response.text
    assert "X-Robots-Tag" not in response


def test_expired_link_gets_403_saying_verlopen(client, editor, draft, time_machine):
    """48 hours later the link is refused with a plain "verlopen" page."""
    link = create_preview_link(draft, user=editor)
    time_machine.move_to(link.expires_at + timezone.timedelta(minutes=1))
    with pytest.raises(PreviewRefused) as refused:
        resolve_preview(preview_url(link).split("/")[2])
    assert refused.value.reason == PreviewRefused.EXPIRED
    response = client.get(preview_url(link))
    assert response.status_code == 403
    assert "verlopen" in response.text
    assert "nieuwe voorbeeldlink" in response.text
    assert draft.headline not in response.text
    assert_private(response)


def test_revoked_link_gets_403_saying_ingetrokken(client, editor, draft):
    """A revoked link is refused at once with an "ingetrokken" page."""
    link = create_preview_link(draft, user=editor)
    revoke_preview_link(link, user=editor)
    response = client.get(preview_url(link))
    assert response.status_code == 403
    assert "ingetrokken" in response.text
    assert draft.headline not in response.text
    assert_private(response)


@pytest.mark.parametrize("index", [12, -5], ids=["token", "signature"])
def test_tampered_link_is_refused_without_a_query(
    client, editor, draft, django_assert_num_queries, index
):
    """One changed character fails the signature before any database lookup."""
    signed = preview_url(create_preview_link(draft, user=editor)).split("/")[2]
    bad = tamper(signed, index)
    with django_assert_num_queries(0), pytest.raises(PreviewRefused) as refused:
        resolve_preview(bad)
    assert refused.value.reason == PreviewRefused.INVALID
    response = client.get(f"/voorbeeld/{bad}/")
    assert response.status_code == 403
    assert "ongeldig" in response.text
    assert draft.headline not in response.text
    assert_private(response)


def test_validly_signed_unknown_token_is_gone(editor, draft):
    """A correctly signed token with no row (deleted with its article) is gone."""
    link = create_preview_link(draft, user=editor)
    signed = preview_url(link).split("/")[2]
    link.delete()
    with pytest.raises(PreviewRefused) as refused:
        resolve_preview(signed)
    assert refused.value.reason == PreviewRefused.GONE


# Attributes that make the browser fetch something.
RESOURCE_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action"}


def test_preview_page_loads_nothing_from_other_origins(client, editor, make_article):
    """With an embedded post, the preview still loads only from our own origin."""
    article = make_article(
        status=Article.Status.DRAFT, body=f"<p>Voor.</p><p>{X_URL}</p><p>Na.</p>"
    )
    response = client.get(preview_url(create_preview_link(article, user=editor)))
    assert 'class="embed embed-x' in response.text
    found = [
        (tag, name, value)
        for tag, name, value in attributes(response.text)
        if name in RESOURCE_ATTRIBUTES and value
    ]
    own = {"", urlsplit(settings.SITE_URL).netloc}
    foreign = [
        (tag, name, value)
        for tag, name, value in found
        if tag != "a"  # plain links load nothing until followed
        and not value.startswith("data:")
        and urlsplit(value).netloc not in own
    ]
    assert found and foreign == []


def test_admin_creates_link_and_shows_it_in_a_message(editor_client, draft):
    """A POST by an editor makes a link and the message holds its full URL."""
    response = editor_client.post(create_url(draft), follow=True)
    assert (
        response.redirect_chain[-1][0] == f"/admin/articles/article/{draft.pk}/change/"
    )
    link = PreviewLink.objects.get(article=draft)
    full = settings.SITE_URL + preview_url(link)
    messages = [str(message) for message in response.context["messages"]]
    assert any(full in message for message in messages)
    assert LogEntry.objects.filter(object_id=str(draft.pk)).exists()


def test_admin_revokes_link(editor_client, editor, draft, client):
    """A POST to the revoke URL stops the link at once."""
    link = create_preview_link(draft, user=editor)
    response = editor_client.post(revoke_url(link))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(preview_url(link)).status_code == 403


@pytest.mark.parametrize("url", ["create", "revoke"])
def test_get_on_admin_preview_urls_is_405(editor_client, editor, draft, url):
    """Creating and revoking are POST only; a GET changes nothing."""
    link = create_preview_link(draft, user=editor)
    path = create_url(draft) if url == "create" else revoke_url(link)
    assert editor_client.get(path).status_code == 405
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_user_without_change_permission_gets_403(client, editor, draft, make_user):
    """Staff who may only view the article can neither create nor revoke links."""
    viewer = make_user("lezer", None, permissions=["view_article"])
    client.force_login(viewer)
    link = create_preview_link(draft, user=editor)
    assert client.post(create_url(draft)).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_readonly_field_lists_active_links_with_post_buttons(editor, draft):
    """preview_links shows active links with expiry and formaction buttons only."""
    active = create_preview_link(draft, user=editor)
    revoked = revoke_preview_link(create_preview_link(draft, user=editor), user=editor)
    html = admin.site._registry[Article].preview_links(draft)
    assert preview_url(active) in html and preview_url(revoked) not in html
    assert "geldig tot" in html
    assert f'formaction="{revoke_url(active)}" formmethod="post"' in html
    assert f'formaction="{create_url(draft)}" formmethod="post"' in html
    assert "<form" not in html


def test_change_form_renders_preview_links_field(
    editor_client, editor, draft, monkeypatch
):
    """Placed in a fieldset, the field renders on the change form."""
    model_admin = admin.site._registry[Article]
    fieldsets = [*model_admin.fieldsets, ("Voorbeeld", {"fields": ["preview_links"]})]
    monkeypatch.setattr(model_admin, "fieldsets", fieldsets)
    link = create_preview_link(draft, user=editor)
    response = editor_client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert response.status_code == 200
    assert preview_url(link) in response.text
    assert revoke_url(link) in response.text
