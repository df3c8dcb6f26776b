"""The curated front page: a pinned lead, ordered top stories, a breaking banner."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.core import Article

__all__ = ["FrontPage", "FrontPageSlot"]


class FrontPage(models.Model):
    """One row (pk=1). Unpublished picks are simply skipped on the site."""

    lead = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoofdverhaal"),
        help_text=_("Leeg: het nieuwste gepubliceerde artikel."),
    )
    banner_text = models.CharField(_("breaking-newsbalk"), max_length=200, blank=True)
    banner_url = models.CharField(
        _("link van de balk"), max_length=300, blank=True,
        help_text=_("Een pad op deze site (/artikel/…) of een volledig adres."),
    )  # fmt: skip
    banner_until = models.DateTimeField(_("balk tonen tot"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    history = models.JSONField(
        default=list, editable=False, help_text="Earlier states, newest last."
    )

    class Meta:
        verbose_name = _("voorpagina")
        verbose_name_plural = _("voorpagina")

    def __str__(self):
        return str(_("Voorpagina"))

    def banner_is_active(self, *, at=None) -> bool:
        return bool(self.banner_text) and (
            self.banner_until is None or (at or timezone.now()) < self.banner_until
        )


class FrontPageSlot(models.Model):
    """A top story in the editors' order; the rest of the home page follows by time."""

    front_page = models.ForeignKey(
        FrontPage, on_delete=models.CASCADE, related_name="slots"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("topverhaal")
        verbose_name_plural = _("topverhalen")
        constraints = [
            models.UniqueConstraint(
                fields=["front_page", "article"], name="article_once_on_front_page"
            )
        ]

    def __str__(self):
        return f"{self.position}: {self.article}"
