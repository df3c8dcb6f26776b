"""Loading and saving the article form costs a pinned number of queries, whatever
the article's length or number of embedded posts (issue #13: 100 paragraphs, 20
posts, as a Redacteur)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.images.services import store_upload
from embeds.body import reference_paragraph
from embeds.models import Embed
from tests.helpers.forms import change_form
from tests.helpers.samples.images import photo

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL (savepoints included).
LOAD_QUERIES = 29  # constant; the one-screen form's side panel added one
SAVE_QUERIES = 66


def _long_article(make_article, posts: int):
    """100 paragraphs with ``posts`` archived posts among them, and a hero."""
    urls = [f"https://x.com/bron{n}/status/14300000000000{n:05d}" for n in range(posts)]
    for n, url in enumerate(urls):
        Embed.objects.create(
            url=url, provider="x", post_id=url.rsplit("/", 1)[1],
            author_name=f"Bron {n}", author_handle=f"@bron{n}",
            text=f"Bericht {n}", text_html=f"<p>Bericht {n}</p>", source="code",
            published_at=timezone.now(), last_seen_at=timezone.now(),
        )  # fmt: skip
    paragraphs = [f"<p>Alinea {n} van het lange verhaal.</p>" for n in range(100)]
    for n, url in enumerate(urls):
        paragraphs.insert(n * 5 + 1, str(reference_paragraph(url)))
    hero = store_upload(photo(320, 200), filename="a.jpg", alt="De poort")
    article = make_article(body="".join(paragraphs), hero=hero)
    assert article.embeds.count() == posts
    return article


def _measure(client, article) -> tuple[int, int]:
    """The queries of opening the change form, and of saving it with a new intro."""
    url = f"/admin/articles/article/{article.pk}/change/"
    ContentType.objects.clear_cache()  # a process-wide cache: each count from cold
    with CaptureQueriesContext(connection) as load:
        assert client.get(url).status_code == 200
    article.refresh_from_db()
    data = change_form(article, lede="Een andere intro.")
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as save:
        response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    return len(load.captured_queries), len(save.captured_queries)


@pytest.mark.parametrize("posts", [20, 2])
def test_a_long_article_loads_and_saves_in_a_pinned_number_of_queries(
    editor_client, make_article, posts
):
    """100 paragraphs and 20 posts, as a Redacteur: the pinned counts, and the same
    with 2 posts (the save used to cost three queries more per post)."""
    article = _long_article(make_article, posts)
    assert _measure(editor_client, article) == (LOAD_QUERIES, SAVE_QUERIES)
