"""On the real PostgreSQL: the same schema, constraints and lookups as on SQLite."""

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import Article, Topic, TopicAlias

pytestmark = pytest.mark.postgres


def test_runs_on_postgresql(db):
    """This pass really talks to PostgreSQL (CI's second run)."""
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13


def test_database_refuses_a_published_article_without_a_publish_time(make_article):
    """The check constraint holds in the database itself, not only in forms."""
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(publish_at=None)


def test_alias_lookup_ignores_case_in_any_script(db):
    """Case-insensitive alias matching works for non-Latin letters too."""
    topic = Topic.objects.create(name="Ислам", slug="ислам")
    TopicAlias.objects.create(topic=topic, name="ИГИЛ-К", slug="игил-к")
    assert list(Topic.objects.matching("игил-к")) == [topic]
    assert list(Topic.objects.matching("ИСЛАМ")) == [topic]


def test_unicode_slugs_round_trip(client, make_article):
    """An article with a Pashto slug is stored and served from PostgreSQL."""
    article = make_article(headline="د کابل هوايي ډګر")
    assert Article.objects.get(slug="د-کابل-هوايي-ډګر") == article
    assert client.get(article.get_absolute_url()).status_code == 200
