"""Replacing an image's renditions on its row: shared by the services (the command's
``regenerate``) and the renditions task, which both remake them from the original."""

from django.db import transaction

from articles.images.renditions import delete_files, delete_renditions, make_renditions
from articles.models import Image

__all__ = ["remake"]


def remake(image: Image, *fields: str, then=None) -> None:
    """New renditions on the row; the old files go once that is committed.
    ``then`` runs in the same transaction, after the row is saved.

    make_renditions is handed an image without renditions, so that it deletes
    nothing itself: until the row is saved, the old files are the ones in use.
    """
    previous, image.renditions = image.renditions, []
    try:
        image.renditions = make_renditions(image)
        with transaction.atomic():
            image.save(update_fields=[*fields, "renditions"])
            if then is not None:
                then()
    except BaseException:
        delete_renditions(image)  # the new files, if there are any
        image.renditions = previous
        raise
    transaction.on_commit(lambda: delete_files(previous))
