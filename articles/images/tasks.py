"""The images' task: making the renditions after the upload has answered.

The upload stores the original and one quick preview (``renditions.make_preview``)
and enqueues ``make_image_renditions`` in the same transaction: with the database
backend the task's row commits with the image's, so neither exists without the
other, and a process that dies right after the commit loses nothing.

Saving the new renditions on the row is a change readers see: the caching signals
move the content version on and purge the image's pages (``articles.caching``), so a
cached page that showed the preview picks the renditions up.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles.caching.targets import article_urls
from articles.caching.version import content_changed
from articles.images.remaking import remake
from articles.models import Article, Image
from background.retry import retried_task

__all__ = ["enqueue_renditions", "make_image_renditions"]


@retried_task(label=_("Varianten van een afbeelding maken"), about=_("afbeelding {0}"))
def make_image_renditions(image_id: int) -> int:
    """Remake every rendition of image ``image_id`` from its stored original;
    returns how many were made (0: the image was deleted meanwhile)."""
    with transaction.atomic():
        # Locked, so two tasks for one image (an upload, then a new focal point)
        # do not both replace the list and leave files that no row names.
        image = Image.objects.select_for_update().filter(pk=image_id).first()
        if image is None:
            return 0
        remake(image)
        content_changed(*_pages_showing(image), shared=True)
    return len(image.renditions)


def _pages_showing(image: Image) -> tuple[list[str], list[str]]:
    """The URLs and keys of the published articles with ``image`` as their hero."""
    urls, keys = [], [f"image-{image.pk}"]
    showing = (
        Article.objects.published()
        .filter(hero=image)
        .select_related("section")
        .prefetch_related("topics", "authors")
    )
    for article in showing:
        more_urls, more_keys = article_urls(article)
        urls += more_urls
        keys += more_keys
    return urls, keys


def enqueue_renditions(image: Image) -> None:
    """Enqueue the renditions of ``image`` (saved) in the caller's transaction."""
    result = make_image_renditions.enqueue(image.pk)
    if result.is_finished:  # the immediate backend ran it here and now
        image.refresh_from_db(fields=["renditions"])
