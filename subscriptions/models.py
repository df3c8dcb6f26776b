"""What we keep about a reader who follows us by e-mail, and no more.

A **Subscriber** is an address (lowercased), when it first confirmed (the consent),
whether mail to it bounced or was reported as spam, and the secret of its manage
page. A **Following** is one thing it follows (a topic, an author, a live article or
the daily update of the front page) and how (at once or in the morning digest),
with the time of its consent. A **PendingConfirmation** holds the hash of the link in
a confirmation mail until it is used or expires. **SendLog** and **DigestRun** count
what was sent; they hold no addresses. docs/subscriptions.md says this in words, and
so does the privacy page.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleNote, Author, LiveEntry, Topic

__all__ = ["DigestRun", "Following", "PendingConfirmation", "SendLog", "Subscriber"]


def new_token() -> str:
    """A secret for a reader's manage and unsubscribe links (256 bits)."""
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def reachable(self):
        """Addresses we may mail: confirmed and not suppressed."""
        return self.filter(confirmed_at__isnull=False, suppressed_at__isnull=True)


class Subscriber(models.Model):
    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("onbestelbaar")
        COMPLAINT = "complaint", _("als spam gemeld")

    email = models.EmailField(_("e-mailadres"), max_length=254, unique=True)
    created_at = models.DateTimeField(_("aangemeld"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bevestigd"), null=True, blank=True)
    suppressed_at = models.DateTimeField(_("geblokkeerd sinds"), null=True, blank=True)
    suppressed_reason = models.CharField(
        _("reden blokkade"), max_length=20, choices=Reason, blank=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        permissions = [
            ("export_subscriber", _("Mag de lijst van abonnees exporteren")),
            ("count_subscriber", _("Mag het aantal volgers per onderwerp zien")),
        ]

    def __str__(self):
        return self.email


class Following(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", _("onderwerp")
        AUTHOR = "author", _("auteur")
        LIVE = "live", _("live-verslag")
        DAILY = "daily", _("dagelijkse update")

    class Mode(models.TextChoices):
        INSTANT = "instant", _("meteen")
        DAILY = "daily", _("één keer per dag")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="followings"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind)
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(
        _("wanneer"), max_length=10, choices=Mode, default="instant"
    )
    consented_at = models.DateTimeField(_("toestemming"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("gevolgd")
        verbose_name_plural = _("gevolgd")
        constraints = [
            # One row per thing followed (NULLs never clash, hence one each).
            *(
                models.UniqueConstraint(
                    fields=["subscriber", field],
                    condition=Q(kind=kind),
                    name=f"following_{kind}_once",
                )
                for kind, field in (
                    ("topic", "topic"),
                    ("author", "author"),
                    ("live", "article"),
                )
            ),
            models.UniqueConstraint(
                fields=["subscriber"],
                condition=Q(kind="daily"),
                name="following_daily_once",
            ),
        ]

    def __str__(self):
        return str(self.target or self.get_kind_display())

    @property
    def target(self):
        return self.topic or self.author or self.article


class PendingConfirmation(models.Model):
    """A confirmation mail's link, until used or expired: only its hash is kept."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="pending"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Following.Kind)
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, related_name="+"
    )
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, null=True, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.subscriber_id}: {self.kind}"

    @property
    def target(self):
        return self.topic or self.author or self.article


class SendLog(models.Model):
    """One alert: an article, or one key moment of a live article. Counts only."""

    article = models.ForeignKey(
        Article, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(
        LiveEntry,
        verbose_name=_("kernmoment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    sent = models.PositiveIntegerField(_("verstuurd"), default=0)
    failed = models.PositiveIntegerField(_("mislukt"), default=0)
    suppressed = models.PositiveIntegerField(_("geblokkeerd"), default=0)
    skipped = models.BooleanField(
        _("niet verstuurd"),
        default=False,
        help_text=_("Het artikel was niet meer zichtbaar toen het versturen begon."),
    )
    # A round sent again for an update or correction ("Stuur opnieuw een alert"):
    # its mail says so and gives the note's text.
    note = models.ForeignKey(
        ArticleNote,
        verbose_name=_("update of correctie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The last subscriber (by id) handled: a retried or next batch starts after it,
    # so nobody gets the alert twice.
    cursor = models.BigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verzendlog")
        verbose_name_plural = _("verzendlog")
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(entry=None), name="sendlog_article_once"
            ),
            models.UniqueConstraint(
                fields=["entry"], condition=~Q(entry=None), name="sendlog_entry_once"
            ),
        ]

    def __str__(self):
        return str(self.entry or self.article)


class DigestRun(models.Model):
    """The morning digest of one day: made once, so nobody gets two that day."""

    day = models.DateField(unique=True)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    suppressed = models.PositiveIntegerField(default=0)
    cursor = models.BigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)
