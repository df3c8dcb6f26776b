"""``SafeImageField``: the one form field through which an uploaded image is stored.

Every form that takes an image file (the image library, author photos, any field to
come) uses it, so an upload always passes ``processing.clean_upload``: the format
read from the bytes, byte and pixel limits before decoding, metadata stripped, the
pixels encoded afresh. tests/articles/test_upload_fields.py walks every model's file
fields and fails for an admin form that takes one without this field.
"""

import secrets

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from articles.images.processing import (
    MAX_UPLOAD_BYTES,
    CleanImage,
    ImageRefused,
    clean_upload,
)

__all__ = ["CleanUpload", "SafeImageField"]

HELP = _(
    "JPEG, PNG, WebP, GIF of AVIF, hoogstens 25 MB. Locatiegegevens en andere "
    "metadata worden verwijderd."
)


class CleanUpload(ContentFile):
    """The re-encoded image, ready for storage; ``image`` says what it is."""

    def __init__(self, image: CleanImage):
        # A random name: a model's upload_to keeps it (author photos), so no name is
        # ever stored twice and a URL once served keeps its content (media are
        # cached for a year, newsroom/media.py).
        token = secrets.token_urlsafe(18)
        super().__init__(image.content, name=f"{token}.{image.extension}")
        self.image = image


class SafeImageField(forms.FileField):
    """A file field whose cleaned value is a ``CleanUpload``, never the file as
    received. A refused file gets ``ImageRefused``'s Dutch message (why, and what
    to do), not the generic "upload a valid image"; nothing is stored."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", HELP)
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if not isinstance(upload, UploadedFile):
            return upload  # nothing uploaded
        upload.seek(0)
        try:
            clean = clean_upload(
                upload.read(MAX_UPLOAD_BYTES + 1), filename=upload.name or ""
            )
        except ImageRefused as error:
            raise forms.ValidationError(str(error), code="image_refused") from None
        return CleanUpload(clean)
