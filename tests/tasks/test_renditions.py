"""Renditions are made by a worker, not while the upload waits; the page shows a
preview meanwhile and the renditions once they exist, cached or not."""

import pytest
from django_tasks_db.models import DBTaskResult

from articles.images.services import store_upload
from articles.models import Image
from tests.helpers.samples.images import encode, scene

pytestmark = pytest.mark.django_db(transaction=True)


def upload(size=(2400, 1600)):
    return store_upload(encode(scene(size), "JPEG"), filename="foto.jpg", alt="Foto")


def test_the_upload_stores_a_preview_and_enqueues_the_renditions(queue):
    """Right after the upload: one 640-wide JPEG preview, one task in the queue."""
    image = upload()
    assert [(r["kind"], r["format"], r["width"]) for r in image.renditions] == [
        ("w", "jpeg", 640)
    ]
    (row,) = DBTaskResult.objects.filter(task_path__endswith="make_image_renditions")
    assert row.args_kwargs == {"args": [image.pk], "kwargs": {}}
    assert row.status == "READY"


def test_a_worker_makes_the_renditions_and_the_cached_page_shows_them(
    queue, purged, settings, client, make_article, django_assert_max_num_queries
):
    """The article page (cached) shows the preview; once the worker has run, the
    same URL shows AVIF and WebP sources, and the CDN was told about the image."""
    settings.PAGE_CACHE = True
    image = upload()
    article = make_article(hero=image)
    url = article.get_absolute_url()
    before = client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    assert ".avif" not in before and image.renditions[0]["name"] in before
    purged.clear()
    # The renditions come first (enqueued first): claim, read, save, the version,
    # the articles showing the image (prefetched: a constant count), the purge.
    with django_assert_max_num_queries(22):
        assert queue(max_tasks=1) == 1
    image.refresh_from_db()
    assert {r["format"] for r in image.renditions} == {"avif", "webp", "jpeg"}
    after = client.get(url)
    assert after.get("X-Cache") != "hit"
    page = after.content.decode()
    assert ".avif" in page and ".webp" in page
    assert not purged  # not by the rendition task itself: by a purge task
    queue()
    assert any(f"image-{image.pk}" in keys for _urls, keys in purged)
    assert any(url in urls for urls, _keys in purged)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_the_preview_file_goes_when_the_renditions_replace_it(queue, settings):
    """Once committed, exactly the original and the renditions are in storage."""
    image = upload()
    preview = image.renditions[0]["name"]
    queue()
    image.refresh_from_db()
    media = settings.MEDIA_ROOT
    stored = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    assert preview not in stored
    assert stored == sorted([image.file.name, *(r["name"] for r in image.renditions)])


def test_a_deleted_image_leaves_its_task_nothing_to_do(queue):
    """The image went before the worker came: the task succeeds and makes nothing."""
    image = upload()
    Image.objects.filter(pk=image.pk).delete()
    queue()
    (row,) = DBTaskResult.objects.filter(
        task_path="articles.images.tasks.make_image_renditions"
    )
    assert (row.status, row.return_value) == ("SUCCESSFUL", 0)
