"""Failed tasks as the admin shows them: the queue's own rows, named in Dutch.

A proxy of django-tasks-db's ``DBTaskResult`` (no table of its own), so the
Hoofdredactie's permissions to see and retry them live with the newsroom's
(``articles.roles``) and the admin speaks Dutch; its manager holds only the tasks
that gave up (``background.failures``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from background.failures import gave_up

__all__ = ["FailedTask"]


class GaveUpManager(models.Manager):
    def get_queryset(self):
        return gave_up(super().get_queryset())


class FailedTask(DBTaskResult):
    objects = GaveUpManager()

    class Meta:
        proxy = True
        ordering = ["-finished_at"]
        verbose_name = _("mislukte taak")
        verbose_name_plural = _("mislukte taken")

    def __str__(self):
        return str(self.id)
