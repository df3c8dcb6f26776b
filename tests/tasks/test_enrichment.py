"""A pasted post is archived while the save waits for nothing; a worker asks the
provider afterwards, and the article's page then shows what it said."""

import pytest
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from embeds.models import Embed
from tests.helpers.forms import article_form
from tests.helpers.samples.embeds import X_URL

pytestmark = pytest.mark.django_db(transaction=True)

BODY = f'<p>Volgens de woordvoerder:</p><p><a href="{X_URL}">{X_URL}</a></p>'


def test_the_save_asks_no_provider_and_the_worker_does(
    queue, provider, purged, settings, editor_client, filing, client
):
    """During the save the loopback provider gets no request; the worker's task
    asks it once, fills the post, and the cached article page changes."""
    settings.PAGE_CACHE = True
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, body=BODY), follow=True
    )
    assert response.status_code == 200
    notices = " ".join(str(m) for m in response.context["messages"])
    assert "op de achtergrond" in notices
    assert provider.log == []
    embed = Embed.objects.get(url=X_URL)
    assert embed.author_name == ""
    article = Article.objects.get(headline="Wat we weten")
    url = article.get_absolute_url()
    assert "Lange rijen" not in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    purged.clear()

    queue()

    assert len(provider.log) == 1
    embed.refresh_from_db()
    assert (embed.author_name, embed.author_handle) == (
        "Jane Reporter",
        "@janereporter",
    )
    assert embed.text.startswith("Lange rijen bij de grensovergang.")
    page = client.get(url)
    assert page.get("X-Cache") != "hit"
    assert "Lange rijen bij de grensovergang." in page.content.decode()
    assert any(url in urls for urls, _keys in purged), purged
    (row,) = DBTaskResult.objects.filter(
        task_path="embeds.enrichment.tasks.enrich_post"
    )
    assert row.status == "SUCCESSFUL"


def test_a_post_already_archived_is_not_fetched_again(queue, provider):
    """Pasting a post we hold enqueues nothing: the record is reused."""
    from embeds.post import Post
    from embeds.services import archive_post

    archive_post(Post(provider="x", url=X_URL))
    queue()
    assert len(provider.log) == 1
    archive_post(Post(provider="x", url=X_URL))
    assert not DBTaskResult.objects.filter(status="READY").exists()
