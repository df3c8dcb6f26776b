"""JSON-LD on article pages: the right type, fields and escaping (read with extruct)."""

import extruct
import pytest
from django.utils import timezone

from articles.models import Article
from articles.services.notes import add_note

KINDS = [
    ("news", "NewsArticle"),
    ("explainer", "BackgroundNewsArticle"),
    ("analysis", "AnalysisNewsArticle"),
    ("opinion", "OpinionNewsArticle"),
    ("reportage", "ReportageNewsArticle"),
    ("live", "LiveBlogPosting"),
]


def json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"], html


@pytest.mark.parametrize(("kind", "schema_type"), KINDS)
def test_schema_type_follows_the_kind_of_work(client, make_article, kind, schema_type):
    """Explainers are BackgroundNewsArticle, analyses AnalysisNewsArticle, and so on."""
    article = make_article(kind=kind)
    items, _ = json_ld(client, article)
    types = [item["@type"] for item in items]
    assert schema_type in types and "BreadcrumbList" in types


def test_article_fields_dates_authors_publisher_and_corrections(
    client, make_article, editor
):
    """Headline, dates with offset, author URLs, publisher logo and corrections."""
    article = make_article(
        headline="Wat we weten", publish_at=timezone.now() - timezone.timedelta(days=1)
    )
    add_note(article, kind="correction", text="Het was 26 augustus.", user=editor)
    article = Article.objects.get(pk=article.pk)
    items, _ = json_ld(client, article)
    data = next(item for item in items if item["@type"] == "NewsArticle")
    assert data["headline"] == "Wat we weten"
    assert data["datePublished"].endswith(("+01:00", "+02:00"))
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"][0]["url"].endswith("/auteur/eva-mulder/")
    assert data["publisher"]["logo"]["url"].endswith(".png")
    assert data["correction"][0]["text"] == "Het was 26 augustus."


def test_json_ld_cannot_be_closed_by_a_headline(client, make_article):
    """A headline with </script> stays inside the JSON-LD, which still parses."""
    article = make_article(headline='Kop </script><script>alert("x")</script>')
    items, html = json_ld(client, article)
    assert '</script><script>alert("x")' not in html
    data = next(item for item in items if item["@type"] == "NewsArticle")
    assert data["headline"] == 'Kop </script><script>alert("x")</script>'
