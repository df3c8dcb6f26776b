"""Editors paste posts in the admin; the archive shows what exists and what vanished."""

import html

from werkzeug import Response

from articles.models import Article
from embeds.models import Embed
from tests.helpers.forms import article_form
from tests.helpers.samples.embeds import X_CODE, X_URL


def test_code_pasted_into_the_body_is_archived_with_notices(editor_client, filing):
    """Embed code in the body becomes a card; an unknown URL gets a warning message."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in X_CODE.split("\n"))
    body += "<p>https://example.org/x</p>"
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, body=body), follow=True
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert [e.url for e in article.embeds.all()] == [X_URL]
    messages = [str(m) for m in response.context["messages"]]
    assert any("example.org" in m for m in messages)


def test_add_post_field_takes_a_post_copied_as_text(editor_client, filing):
    """A post pasted as text in "Bericht toevoegen" lands at the end of the body."""
    text = "Explosions near the gate. — Sam Field (@samfield) August 26, 2021"
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, add_post=text)
    )
    assert response.status_code == 302
    article = Article.objects.get()
    embed = article.embeds.get()
    assert embed.author_handle.lstrip("@") == "samfield"
    assert article.body.endswith(f'<p><a href="{embed.url}">{embed.url}</a></p>')


def test_add_post_field_refuses_text_without_a_post_and_keeps_it(editor_client, filing):
    """No recognisable post: a Dutch error, nothing saved, the pasted text is kept."""
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form(filing, add_post="zomaar wat tekst zonder bericht"),
    )
    assert response.status_code == 200
    assert Article.objects.count() == 0 and Embed.objects.count() == 0
    page = response.content.decode()
    assert "Hierin staat geen bericht dat we herkennen" in page
    assert "zomaar wat tekst zonder bericht" in page


def test_article_form_previews_its_cards(editor_client, make_article):
    """The change form shows the card of each embedded post."""
    article = make_article(body=f"<p>{X_URL}</p>")
    page = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    assert 'class="embed embed-x' in page
    assert "/static/css/embeds.css" in page


def test_embed_list_searches_and_counts_articles(editor_client, make_article):
    """The embeds list finds posts by handle and says how many articles use each."""
    make_article(body=f"<p>{X_URL}</p>")
    make_article(body=f"<p>{X_URL}</p>")
    Embed.objects.update(author_handle="@janereporter", author_name="Jane")
    response = editor_client.get("/admin/embeds/embed/", {"q": "janereporter"})
    assert response.context["cl"].result_count == 1
    assert "2 artikel(en)" in response.content.decode()
    assert (
        editor_client.get("/admin/embeds/embed/", {"q": "niemand"})
        .context["cl"]
        .result_count
        == 0
    )


def test_embed_page_shows_archive_articles_and_recheck(editor_client, make_article):
    """An embed's page shows its card, the articles using it and a re-check button."""
    article = make_article(body=f"<p>{X_URL}</p>")
    embed = Embed.objects.get()
    page = editor_client.get(f"/admin/embeds/embed/{embed.pk}/change/").content.decode()
    assert 'class="embed embed-x' in page
    assert article.headline in page
    assert f"/admin/embeds/embed/{embed.pk}/controleer/" in page


def test_recheck_button_marks_a_deleted_post(
    editor_client, make_article, httpserver, settings
):
    """The button asks the provider now; a 404 marks the post deleted, with a message."""
    settings.EMBEDS_ALLOW_LOOPBACK = True
    settings.EMBEDS_OEMBED_ENDPOINTS = {"x": httpserver.url_for("/oembed")}
    httpserver.expect_request("/oembed").respond_with_response(
        Response("gone", status=404)
    )
    make_article(body=f"<p>{X_URL}</p>")
    embed = Embed.objects.get()
    response = editor_client.post(
        f"/admin/embeds/embed/{embed.pk}/controleer/", follow=True
    )
    embed.refresh_from_db()
    assert embed.state == Embed.State.DELETED
    assert any("verwijderd" in str(m) for m in response.context["messages"])
    assert (
        editor_client.get(f"/admin/embeds/embed/{embed.pk}/controleer/").status_code
        == 405
    )


def test_article_list_flags_articles_whose_posts_vanished(editor_client, make_article):
    """The filter and the warning column point at articles with deleted posts."""
    affected = make_article(headline="Met verdwenen bericht", body=f"<p>{X_URL}</p>")
    make_article(headline="Zonder berichten")
    Embed.objects.update(state=Embed.State.DELETED)
    response = editor_client.get("/admin/articles/article/", {"berichten": "verdwenen"})
    assert [a.pk for a in response.context["cl"].result_list] == [affected.pk]
    assert "1 bericht verdwenen" in response.content.decode()


def test_the_recheck_button_is_only_offered_to_who_may_use_it(
    reporter_client, editor_client
):
    embed = Embed.objects.create(
        url="https://x.com/iemand/status/7", provider="x", source=Embed.Source.TEXT
    )
    url = f"/admin/embeds/embed/{embed.pk}/change/"
    assert "/controleer/" not in reporter_client.get(url).content.decode()
    assert "/controleer/" in editor_client.get(url).content.decode()
    refused = reporter_client.post(f"/admin/embeds/embed/{embed.pk}/controleer/")
    assert refused.status_code == 403
    assert "Alleen redacteuren" in refused.content.decode()
