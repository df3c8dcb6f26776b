"""Saving an article reads the row it replaces once (Article.stored), however many
parts of the save path compare with it, and costs a pinned number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.services.articles import save_article
from tests.helpers.forms import change_form

pytestmark = pytest.mark.django_db

SAVE_QUERIES = 20  # savepoints included; measured on SQLite and PostgreSQL
# After the commit, in a statement of its own: the content version's row moved on.
AFTER_COMMIT_QUERIES = 1

# A read of one article's row by its key: what the form, the old-URL redirect and the
# cache signals each did before they shared Article.stored().
ROW_READ = re.compile(
    r'^SELECT .* FROM "articles_article" WHERE \(?"articles_article"\."id" = \S+\)?'
    r"( ORDER BY .*)? LIMIT 1( FOR UPDATE)?$"
)


def row_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if ROW_READ.match(q["sql"])]


def test_the_save_service_reads_the_previous_row_once(make_article):
    article = Article.objects.get(pk=make_article(slug="oud-adres").pk)
    article.headline = "Een nieuwe kop"
    article.slug = "nieuw-adres"
    with CaptureQueriesContext(connection) as queries:
        save_article(article, new_version=True)
    assert len(row_reads(queries.captured_queries)) == 1
    assert article.slug_redirects.get().old_slug == "oud-adres"


def test_the_save_service_costs_a_pinned_number_of_queries(
    make_article, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Published article, new version, slug kept: the whole save and revision, and
    after the commit the cache version. A query added to the save path shows here."""
    article = Article.objects.get(pk=make_article().pk)
    article.lede = "Een andere intro."
    with (
        django_capture_on_commit_callbacks() as after_commit,
        django_assert_num_queries(SAVE_QUERIES),
    ):
        save_article(article, new_version=True)
    with django_assert_num_queries(AFTER_COMMIT_QUERIES):
        for callback in after_commit:
            callback()


def test_the_admin_save_reads_the_previous_row_once(editor_client, make_article):
    """Through the edit form: the conflict check, the update time, the old URL and
    the cache signals all compare with one read of the row, the one that locks it
    (on PostgreSQL, FOR UPDATE) until the save is committed."""
    article = make_article(slug="oud-adres")
    data = change_form(article, headline="Een nieuwe kop", slug="nieuw-adres")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(
            f"/admin/articles/article/{article.pk}/change/", data
        )
    assert response.status_code == 302, response.content[:2000]
    assert len(row_reads(queries.captured_queries)) == 1
    article.refresh_from_db()
    assert (article.slug, article.version) == ("nieuw-adres", 2)
