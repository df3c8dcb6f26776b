"""Writes with side effects for images: the admin, commands and tests all call these.

Each one completes or leaves nothing behind: no row without its files, and no files
without a row (written files are deleted again when a later step fails).

The renditions are a task (``articles.images.tasks``), enqueued in the transaction
that saves the image: an upload answers once the original and a quick preview are
stored, and pages show that preview until the worker has made the renditions.
"""

import logging
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from articles.images.changes import record_image_change
from articles.images.processing import clean_upload
from articles.images.remaking import remake
from articles.images.renditions import delete_files, delete_renditions, make_preview
from articles.images.tasks import enqueue_renditions
from articles.models import Image
from articles.policy import image_refusal, require

__all__ = [
    "delete_image",
    "delete_image_files",
    "regenerate",
    "save_image",
    "set_focal_point",
    "store_upload",
]

logger = logging.getLogger(__name__)


def store_upload(
    data: bytes,
    *,
    filename: str,
    alt: str,
    caption: str = "",
    credit: str = "",
    focal: Sequence[float] = (0.5, 0.5),
    user=None,
) -> Image:
    """A new Image from uploaded bytes: cleaned original, a preview and the row; the
    renditions are enqueued with it.

    Raises ImageRefused (from clean_upload) for a file we do not take, and
    ValidationError for bad text or a focal point outside 0..1; nothing is written
    in either case.
    """
    focal_x, focal_y = _checked_focal(*focal)
    image = Image(
        alt=alt.strip(),
        caption=caption.strip(),
        credit=credit.strip(),
        focal_x=focal_x,
        focal_y=focal_y,
        uploaded_by=user,
    )
    # The fields a person typed (Django's own Dutch messages, e.g. for a missing alt).
    typed = {"alt", "caption", "credit"}
    image.clean_fields(
        exclude=[f.name for f in Image._meta.fields if f.name not in typed]
    )
    clean = clean_upload(data, filename=filename)
    image.original_bytes = clean.original_bytes
    try:
        with transaction.atomic():
            # The name comes from the model's upload_to (random); only the extension
            # of this one counts, and it is the real format's.
            image.file.save(
                f"upload.{clean.extension}", ContentFile(clean.content), save=False
            )
            # After the file: Django measures the ContentFile it was given, which
            # storage has closed by then, and would leave width and height empty.
            image.width, image.height = clean.width, clean.height
            image.renditions = make_preview(image)
            image.save()
            enqueue_renditions(image)
    except BaseException:
        try:
            delete_image_files(image)
        except OSError:  # the store failed again: the first error is the one to tell
            logger.warning(
                "Could not delete the files of a failed upload", exc_info=True
            )
        raise
    return image


def save_image(image: Image, changed: Iterable[str] = (), *, user=None) -> Image:
    """Save ``image`` as a form edited it (``changed``: the names of the fields it
    changed), as ``user`` (None: the system; a new image is theirs).

    The policy is asked first (PermissionDenied, nothing saved). Renditions are
    enqueued for a new file or focal point (a new file shows a preview until they are
    made), a replaced original is deleted once this is committed, and a change
    readers would see is recorded (``changes``).
    """
    changed = set(changed)
    if image.pk is None:
        image.uploaded_by = user
        replaced = None
    else:
        require(user, "articles.change_image", image, reason=_refusal(user, image))
        replaced = Image.objects.filter(pk=image.pk).values_list("file", flat=True)[0]
    uploading = bool(image.file) and not image.file._committed
    outdated = []
    new_file = replaced is None or "file" in changed
    try:
        with transaction.atomic():
            image.save()
            if new_file:
                # The old renditions show the old picture: the preview replaces them.
                outdated, image.renditions = image.renditions, make_preview(image)
                try:
                    image.save(update_fields=["renditions"])
                except BaseException:
                    for rendition in image.renditions:
                        _delete_quietly(image.file.storage, rendition["name"])
                    raise
            if new_file or {"focal_x", "focal_y"} & changed:
                enqueue_renditions(image)
            if replaced is not None:
                record_image_change(image, changed, user=user)
    except BaseException:
        # The row is rolled back; an original stored by this save must go too (a
        # store that took the original may still fail on the preview).
        if uploading and image.file._committed:
            _delete_quietly(image.file.storage, image.file.name)
        raise
    if outdated:
        transaction.on_commit(lambda: delete_files(outdated))
    if replaced and replaced != image.file.name:
        storage = image.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return image


def set_focal_point(image: Image, x: float, y: float, *, user=None) -> Image:
    """Move the focal point (0..1 each way) and enqueue new renditions, as ``user``
    (None: the system). PermissionDenied when the policy does not allow it; the
    change is recorded where readers have seen the image (``changes``). The crops
    keep the old point until the task has made the new ones."""
    require(user, "articles.change_image", image, reason=_refusal(user, image))
    focal_x, focal_y = _checked_focal(x, y)
    previous = image.focal_x, image.focal_y
    image.focal_x, image.focal_y = focal_x, focal_y
    try:
        with transaction.atomic():
            image.save(update_fields=["focal_x", "focal_y"])
            record_image_change(image, ["focal_x", "focal_y"], user=user)
            enqueue_renditions(image)
    except BaseException:
        image.focal_x, image.focal_y = previous
        raise
    return image


def regenerate(image: Image) -> Image:
    """Remake all renditions from the stored original now, in this process (the
    regenerate_renditions command; e.g. after WIDTHS changed)."""
    remake(image)
    return image


def delete_image(image: Image, *, user=None) -> None:
    """Delete the row; its original and renditions go once that is committed.
    PermissionDenied when the policy does not allow ``user`` (None: the system)."""
    require(user, "articles.delete_image", image)
    with transaction.atomic():
        image.delete()
        transaction.on_commit(lambda: delete_image_files(image))


def delete_image_files(image: Image) -> None:
    """Delete the original and rendition files of ``image``; the row is not touched.

    For a caller whose transaction rolled back after store_upload: the row is gone,
    the files are not.
    """
    if image.file.name:
        image.file.storage.delete(image.file.name)
    delete_renditions(image)


def _delete_quietly(storage, name: str) -> None:
    """Delete ``name``, while another error is on its way to the caller: a store
    that just failed may fail again, and that second error must not hide the first.
    """
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s after a failed save", name, exc_info=True)


def _refusal(user, image: Image) -> str | None:
    return image_refusal(user, image) if user is not None else None


def _checked_focal(x: float, y: float) -> tuple[float, float]:
    try:
        x, y = float(x), float(y)
    except (TypeError, ValueError):
        x = y = float("nan")
    if not (0 <= x <= 1 and 0 <= y <= 1):  # also refuses NaN
        raise ValidationError(
            "Het focuspunt moet binnen de afbeelding liggen: twee getallen van 0 tot "
            "en met 1 (0 = links of boven, 1 = rechts of onder).",
            code="focal_point",
        )
    return x, y
