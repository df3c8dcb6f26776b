"""The archive of embedded posts: one record per post, keyed by its canonical URL.

A card renders from this archive alone; the original is only loaded in the reader's
browser when they ask for it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from embeds.providers import PROVIDERS

__all__ = ["Embed", "EmbedMedia"]


class EmbedQuerySet(models.QuerySet):
    def missing(self):
        """Posts that are no longer to be seen at their provider."""
        return self.filter(state__in=[Embed.State.DELETED, Embed.State.UNAVAILABLE])


class Embed(models.Model):
    class State(models.TextChoices):
        LIVE = "live", _("online")
        UNAVAILABLE = "unavailable", _("onbereikbaar")
        DELETED = "deleted", _("verwijderd")

    class Source(models.TextChoices):
        URL = "url", _("link")
        CODE = "code", _("ingesloten code")
        TEXT = "text", _("gekopieerde tekst")
        OEMBED = "oembed", _("oEmbed")
        MANUAL = "manual", _("handmatig")

    url = models.URLField(
        _("adres"),
        max_length=500,
        unique=True,
        help_text=_("Het vaste adres van het bericht, bijvoorbeeld https://x.com/…"),
    )
    provider = models.CharField(
        _("platform"),
        max_length=20,
        choices=[(key, data["name"]) for key, data in PROVIDERS.items()],
        db_index=True,
    )
    post_id = models.CharField(_("bericht-id"), max_length=200, blank=True)
    author_name = models.CharField(_("auteur"), max_length=200, blank=True)
    author_handle = models.CharField(_("account"), max_length=200, blank=True)
    author_url = models.URLField(_("profiel"), max_length=500, blank=True)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    text_html = models.TextField(_("tekst (HTML)"), blank=True)
    text = models.TextField(_("tekst"), blank=True)
    language = models.CharField(_("taal"), max_length=20, blank=True)
    published_at = models.DateTimeField(_("geplaatst"), null=True, blank=True)
    published_has_time = models.BooleanField(
        _("tijd bekend"), default=False, help_text=_("Uit: alleen de datum is bekend.")
    )
    platform_ref = models.CharField(
        _("platformverwijzing"),
        max_length=300,
        blank=True,
        help_text=_("Wat het platform nodig heeft om het origineel te tonen."),
    )
    source = models.CharField(
        _("verkregen via"), max_length=10, choices=Source, default=Source.URL
    )
    state = models.CharField(
        _("status"), max_length=12, choices=State, default=State.LIVE, db_index=True
    )
    last_checked_at = models.DateTimeField(_("laatst gecontroleerd"), null=True)
    last_seen_at = models.DateTimeField(_("laatst gezien"), null=True)
    check_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gearchiveerd"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = EmbedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingesloten bericht")
        verbose_name_plural = _("ingesloten berichten")

    def __str__(self):
        who = self.author_handle or self.author_name or self.get_provider_display()
        return f"{who}: {self.text[:60] or self.title[:60] or self.url}"

    @property
    def provider_name(self) -> str:
        return PROVIDERS[self.provider]["name"]

    @property
    def is_missing(self) -> bool:
        return self.state != self.State.LIVE


class EmbedMedia(models.Model):
    """An image or video of a post; images (and video stills) copied to our storage."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("afbeelding")
        VIDEO = "video", _("video")

    embed = models.ForeignKey(Embed, on_delete=models.CASCADE, related_name="media")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.IMAGE)
    source_url = models.URLField(
        _("origineel adres"),
        max_length=1000,
        blank=True,
        help_text=_("Waar het stond."),
    )
    image = models.ImageField(
        _("kopie"),
        upload_to="embeds/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    alt = models.CharField(_("alt-tekst"), max_length=1000, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("media van bericht")
        verbose_name_plural = _("media van berichten")

    def __str__(self):
        return self.alt or self.source_url
