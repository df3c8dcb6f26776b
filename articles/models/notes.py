"""Updates and corrections: timestamped notes readers see on the article."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.core import Article

__all__ = ["ArticleNote"]


class ArticleNote(models.Model):
    class Kind(models.TextChoices):
        UPDATE = "update", _("update")
        CORRECTION = "correction", _("correctie")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind, default=Kind.UPDATE
    )
    text = models.TextField(
        _("tekst"),
        help_text=_("Bijvoorbeeld: In een eerdere versie stond dat de aanslag op "
                    "25 augustus was. Dat was 26 augustus."),
    )  # fmt: skip
    at = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("door"),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("update of correctie")
        verbose_name_plural = _("updates en correcties")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
