"""Live coverage: the short timestamped entries of a live article, with their own
updates, corrections and revisions (the desk and services: ``articles/live/``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.models.core import Article, Author, keep_claim
from articles.models.notes import ArticleNote
from articles.sanitize import EDITOR_EXTENSIONS, sanitize_body

__all__ = ["LiveEntry", "LiveEntryNote", "LiveEntryQuerySet", "LiveEntryRevision"]

USER = settings.AUTH_USER_MODEL


class LiveEntryQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Entries a reader may see: published, their time has come, and their
        article passes ``Article.objects.published()`` (the one gate)."""
        at = at or timezone.now()
        return self.filter(
            status=LiveEntry.Status.PUBLISHED,
            published_at__lte=at,
            article__in=Article.objects.published(at=at),
        )

    def for_readers(self, article):
        """One article's visible entries in reader order: pinned first, then the
        newest. What a page shows of each comes in a fixed number of queries."""
        return (
            self.published()
            .filter(article=article)
            .select_related("image")
            .prefetch_related("authors", "notes")
            .order_by("-pinned", "-published_at", "-pk")
        )


class LiveEntry(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        REVIEW = "review", _("ter beoordeling")
        PUBLISHED = "published", _("gepubliceerd")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="live_entries",
        limit_choices_to={"kind": Article.Kind.LIVE},
        verbose_name=_("live-artikel"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("tijd"),
        null=True,
        blank=True,
        help_text=_("Leeg tot het bericht geplaatst is; een tijd in de toekomst "
                    "betekent: ingepland."),
    )  # fmt: skip
    title = models.CharField(
        _("titel"),
        max_length=200,
        blank=True,
        help_text=_("Optioneel en kort, bijvoorbeeld: Explosie bij Abbey Gate"),
    )
    body = ProseEditorField(
        _("tekst"), blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_body
    )
    image = models.ForeignKey(
        "articles.Image",
        on_delete=models.PROTECT,  # as an article's hero: a used image stays
        null=True,
        blank=True,
        related_name="live_entries",
        verbose_name=_("afbeelding"),
    )
    authors = models.ManyToManyField(
        Author,
        blank=True,
        related_name="live_entries",
        verbose_name=_("auteurs"),
        help_text=_("Leeg: de naamregel van de redactie („Redactie”)."),
    )
    pinned = models.BooleanField(
        _("vastgezet"),
        default=False,
        help_text=_("Blijft bovenaan staan, bijvoorbeeld een samenvatting."),
    )
    key_moment = models.BooleanField(
        _("belangrijk moment"),
        default=False,
        help_text=_("Staat in „Belangrijkste momenten” bovenaan de pagina."),
    )
    # The once-only claim of a key moment's alert (articles/alerts).
    alerted_at = models.DateTimeField(
        _("alert afgehandeld"), null=True, blank=True, editable=False
    )
    embeds = models.ManyToManyField(
        "embeds.Embed",
        blank=True,
        editable=False,
        related_name="live_entries",
        verbose_name=_("ingesloten berichten"),
        help_text=_(
            "Bijgehouden uit de tekst: elk bericht waarnaar de tekst verwijst."
        ),
    )
    created_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-published_at", "-pk"]
        verbose_name = _("live-bericht")
        verbose_name_plural = _("live-berichten")
        # A live page's entries, and "what is newer than" for the poll.
        indexes = [
            models.Index(
                fields=["article", "-published_at", "-id"],
                name="live_entry_published",
                condition=Q(status="published"),
            )
        ]
        permissions = [
            (
                "publish_liveentry",
                _("Mag live-berichten plaatsen, inplannen en die van anderen "
                  "bewerken"),
            ),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_entry_has_time",
            )
        ]

    def __str__(self):
        return self.title or f"{self.article} #{self.pk}"

    def save(self, *args, **kwargs):
        keep_claim(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"bericht-{self.pk}"

    def is_visible(self, *, at=None) -> bool:
        """``LiveEntry.objects.published()`` for one loaded entry and its article."""
        at = at or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= at
            and self.article.is_visible(at=at)
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class LiveEntryNote(models.Model):
    """An update or correction to one entry, shown on the entry."""

    Kind = ArticleNote.Kind

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind, default=Kind.UPDATE
    )
    text = models.TextField(
        _("tekst"),
        help_text=_("Bijvoorbeeld: Eerder stond hier dat er twee explosies waren. "
                    "Het was er één."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("door")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("update of correctie bij live-bericht")
        verbose_name_plural = _("updates en correcties bij live-berichten")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class LiveEntryRevision(models.Model):
    """A full snapshot of an entry, stored at every save."""

    entry = models.ForeignKey(
        LiveEntry, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("momentopname"))
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versie van live-bericht")
        verbose_name_plural = _("versies van live-berichten")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "number"], name="one_live_revision_per_number"
            )
        ]

    def __str__(self):
        return f"{self.entry} v{self.number}"
