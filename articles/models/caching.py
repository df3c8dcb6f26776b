"""The version of everything readers can see (articles/caching.py, the page cache)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row (pk 1). ``number`` goes up in the same transaction as every change a
    reader could see, so a page cached under an older number is never served again,
    by any process. ``next_change_at`` is the next scheduled publication: when it
    passes, the first request after it moves the number on.
    """

    number = models.BigIntegerField(_("nummer"), default=1)
    # Moves on with changes to what many articles show (authors, topics, sections,
    # images, embedded posts, notes): part of every article fragment's key.
    shared_number = models.BigIntegerField(_("gedeeld nummer"), default=1)
    changed_at = models.DateTimeField(_("gewijzigd"))
    next_change_at = models.DateTimeField(_("volgende geplande wijziging"), null=True)

    class Meta:
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversie")

    def __str__(self):
        return str(self.number)
