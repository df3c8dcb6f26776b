"""The editorial workflow's records: who moved an article where, what was said about
it, every saved version, preview links, old slugs, who is editing and unsaved work."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.core import Article

__all__ = [
    "ArticleComment",
    "AutosaveCopy",
    "EditingPresence",
    "PreviewLink",
    "Revision",
    "SlugRedirect",
    "Transition",
]

USER = settings.AUTH_USER_MODEL


class Transition(models.Model):
    """One change of status: the audit trail (who, when, from, to, why)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("van"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("naar"), max_length=20, choices=Article.Status)
    publish_at = models.DateTimeField(_("publicatietijd"), null=True, blank=True)
    actor = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, verbose_name=_("door")
    )
    reason = models.TextField(_("toelichting"), blank=True)
    at = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class ArticleComment(models.Model):
    """A note between reporter and editor; stays with the article, never public."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, verbose_name=_("door")
    )
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")

    def __str__(self):
        return self.text[:60]


class Revision(models.Model):
    """A full snapshot of an article, stored at every save."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("momentopname"))
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)
    comment = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self):
        return f"{self.article} v{self.version}"


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that shows an unpublished article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt"))
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voorbeeldlink")
        verbose_name_plural = _("voorbeeldlinks")

    def __str__(self):
        return f"{self.article} ({self.expires_at:%Y-%m-%d %H:%M})"

    def is_valid(self, *, at=None) -> bool:
        return self.revoked_at is None and (at or timezone.now()) < self.expires_at


class SlugRedirect(models.Model):
    """An article's former slug: its old URL redirects permanently."""

    old_slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("oud webadres")
        verbose_name_plural = _("oude webadressen")

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class EditingPresence(models.Model):
    """Who has an article open in the admin, as last reported by their browser."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_presence")
        ]

    def __str__(self):
        return f"{self.user} @ {self.article_id}"


class AutosaveCopy(models.Model):
    """A per-user recovery copy of an edit form; never the live article.

    ``article`` is empty for a new article not yet saved.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = models.JSONField()
    base_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="one_autosave_per_user_and_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_article_autosave_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.article_id or 'nieuw'} ({self.saved_at})"
