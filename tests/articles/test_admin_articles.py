"""Editors write, file and publish articles in the Dutch admin."""

import pytest
from django.utils import timezone

from articles.models import Article, Topic
from tests.helpers.forms import ARTICLE_INLINES


@pytest.fixture
def filing_with_topic(filing):
    """The shared ``filing`` (section, author) and the topic ISKP."""
    return (*filing, Topic.objects.create(name="ISKP", slug="iskp"))


def form_data(section, author, topic, **overrides):
    now = timezone.localtime()
    data = {
        "kicker": "Afghanistan",
        "headline": "Wat we weten over ISKP",
        "slug": "",
        "kind": "explainer",
        "lede": "De groep eiste de aanslag op.",
        "body": "<h2>Wie</h2><p>Tekst <script>alert(1)</script>"
        '<a href="javascript:alert(1)" onclick="x()">link</a></p>',
        "section": section.pk,
        "authors": [author.pk],
        "topics": [topic.pk],
        "status": "published",
        "publish_at_0": now.strftime("%d-%m-%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "updated_at_0": "",
        "updated_at_1": "",
        "language": "nl",
        "seo_title": "",
        "seo_description": "",
    }
    data.update(ARTICLE_INLINES)
    data.update(overrides)
    return data


def test_editor_publishes_an_article_from_the_admin(
    editor_client, filing_with_topic, client
):
    """A valid form creates a published article with a sanitized body and topics."""
    response = editor_client.post(
        "/admin/articles/article/add/", form_data(*filing_with_topic)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "wat-we-weten-over-iskp"
    assert article.status == "published"
    assert article.first_published_at == article.publish_at
    assert "<script>" not in article.body and "javascript:" not in article.body
    assert "onclick" not in article.body
    assert list(article.topics.all()) == [filing_with_topic[2]]
    assert client.get("/artikel/wat-we-weten-over-iskp/").status_code == 200


def test_publishing_without_a_time_publishes_now(
    editor_client, filing_with_topic, client
):
    """Status published with an empty publish time goes live at once."""
    data = form_data(*filing_with_topic, publish_at_0="", publish_at_1="")
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.publish_at <= timezone.now()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_slug_collision_gets_a_numeric_suffix(editor_client, filing_with_topic):
    """A second article with the same headline gets slug -2, not an error."""
    for _ in range(2):
        response = editor_client.post(
            "/admin/articles/article/add/", form_data(*filing_with_topic)
        )
        assert response.status_code == 302
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "wat-we-weten-over-iskp",
        "wat-we-weten-over-iskp-2",
    ]


def test_non_latin_headline_keeps_its_letters_in_the_slug(
    editor_client, filing_with_topic
):
    """A Pashto headline gives a Pashto slug, reachable on the site."""
    data = form_data(*filing_with_topic, headline="د کابل هوايي ډګر برید")
    assert editor_client.post("/admin/articles/article/add/", data).status_code == 302
    article = Article.objects.get()
    assert article.slug == "د-کابل-هوايي-ډګر-برید"
    assert editor_client.get(article.get_absolute_url()).status_code == 200


def test_invalid_form_keeps_what_the_editor_typed(editor_client, filing_with_topic):
    """Missing fields give Dutch errors, nothing is saved, the typed text returns."""
    data = form_data(*filing_with_topic, headline="")
    data["section"] = ""
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert Article.objects.count() == 0
    text = response.content.decode()
    assert "Dit veld is verplicht." in text
    assert "De groep eiste de aanslag op." in text


def test_withdrawing_a_never_published_article_is_refused(
    editor_client, filing_with_topic
):
    """Status "teruggetrokken" needs a prior publication; the error says so."""
    data = form_data(*filing_with_topic, status="unpublished")
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "gepubliceerd is geweest" in response.content.decode()
    assert Article.objects.count() == 0


def test_view_on_site_only_for_visible_articles(editor_client, make_article):
    """The "Bekijk op site" link appears for published articles only."""
    public = make_article(headline="Openbaar")
    draft = make_article(headline="Concept", status=Article.Status.DRAFT)
    page = editor_client.get(f"/admin/articles/article/{public.pk}/change/")
    assert public.get_absolute_url() in page.content.decode()
    page = editor_client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert "Bekijk op site" not in page.content.decode()


def test_admin_change_list_searches_headline_lede_and_body(editor_client, make_article):
    """Search finds words in the headline, the lede and the body."""
    make_article(headline="Kop met vliegveld", lede="x", body="<p>y</p>")
    make_article(headline="Tweede", lede="Intro over Nangarhar", body="<p>y</p>")
    make_article(headline="Derde", lede="x", body="<p>Body noemt Khorasan</p>")
    for term, expected in [("vliegveld", 1), ("Nangarhar", 1), ("Khorasan", 1)]:
        response = editor_client.get("/admin/articles/article/", {"q": term})
        assert response.status_code == 200
        assert response.context["cl"].result_count == expected


@pytest.mark.parametrize(
    "filter_query",
    ["status__exact=draft", "kind__exact=news", "section__id__exact=1", "topics=1"],
)
def test_admin_change_list_filters_answer(editor_client, make_article, filter_query):
    """Every list filter renders without error."""
    make_article()
    response = editor_client.get(f"/admin/articles/article/?{filter_query}")
    assert response.status_code == 200


def test_admin_is_in_dutch(editor_client, db):
    """The admin speaks Dutch even to a browser asking for English."""
    response = editor_client.get(
        "/admin/articles/article/add/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert "Kop" in text and "Opslaan" in text


def test_body_field_uses_the_rich_text_editor(editor_client, db):
    """The body is edited with django-prose-editor from our own static files."""
    text = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "data-django-prose-editor-configurable" in text
    assert "/static/django_prose_editor/editor.js" in text
