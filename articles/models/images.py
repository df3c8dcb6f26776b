"""Images: a safe, stripped original and its renditions, made once at upload."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Image", "random_image_path"]


def random_image_path(instance, filename: str) -> str:
    """An unguessable name: an unpublished story's image must not be found by URL."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    token = secrets.token_urlsafe(18)
    return f"images/{token[:2]}/{token}.{extension}"


class Image(models.Model):
    file = models.ImageField(
        _("bestand"),
        upload_to=random_image_path,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP, GIF of AVIF. Locatiegegevens en andere "
                    "metadata worden verwijderd."),
    )  # fmt: skip
    alt = models.CharField(
        _("alt-tekst"),
        max_length=300,
        help_text=_("Wat er te zien is, voor wie het beeld niet ziet. Bijvoorbeeld: "
                    "Mensen wachten met papieren bij de poort van het vliegveld."),
    )  # fmt: skip
    caption = models.TextField(_("bijschrift"), blank=True)
    credit = models.CharField(
        _("fotograaf / bron"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld: ANP / Jan Jansen"),
    )  # fmt: skip
    focal_x = models.FloatField(
        _("focuspunt horizontaal"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 = links, 1 = rechts. Klik op de afbeelding om het te kiezen."),
    )
    focal_y = models.FloatField(
        _("focuspunt verticaal"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 = boven, 1 = onder."),
    )
    width = models.PositiveIntegerField(_("breedte"), null=True, editable=False)
    height = models.PositiveIntegerField(_("hoogte"), null=True, editable=False)
    original_bytes = models.PositiveIntegerField(
        _("grootte van de upload"), null=True, editable=False
    )
    # What articles.images.renditions made: [{"kind", "format", "width", "height",
    # "name"}, ...]. Kept on the row so pages need no query per image.
    renditions = models.JSONField(default=list, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        verbose_name=_("geüpload door"),
    )
    created_at = models.DateTimeField(_("geüpload"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")

    def __str__(self):
        return self.alt[:80]
