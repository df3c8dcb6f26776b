"""Articles, and the sections and authors that organise them (topics:
``topics.py``).

``Article.objects.published()`` is the one definition of what a reader may see.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.dates import Precision
from articles.sanitize import EDITOR_EXTENSIONS, sanitize_body

__all__ = [
    "Article",
    "Author",
    "AuthorQuerySet",
    "Section",
    "TaggedArticle",
    "keep_claim",
]

USER = settings.AUTH_USER_MODEL


def keep_claim(instance: models.Model, kwargs: dict) -> None:
    """An update by ``save()`` leaves ``alerted_at`` alone: only the alert claim
    (``articles/alerts``) writes it, with a conditional UPDATE. A form loaded before
    the claim would otherwise write its stale NULL back, and the alert go twice."""
    if instance._state.adding or kwargs.get("force_insert"):
        return
    if kwargs.get("update_fields") is None:
        deferred = instance.get_deferred_fields()  # as save() leaves them out
        kwargs["update_fields"] = [
            field.name
            for field in instance._meta.concrete_fields
            if not field.primary_key
            and field.name != "alerted_at"
            and field.attname not in deferred
        ]


class Section(models.Model):
    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("Deel van het webadres, bijvoorbeeld: buitenland"),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("volgorde"),
        default=0,
        help_text=_("Lagere getallen staan eerder in de navigatie."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sectie")
        verbose_name_plural = _("secties")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class AuthorQuerySet(models.QuerySet):
    def public(self):
        """Authors readers may see (page, feeds, sitemap): with at least one
        published article. One EXISTS in the same query."""
        visible = Article.objects.published().filter(authors=OuterRef("pk"))
        return self.filter(Exists(visible))


class Author(models.Model):
    """A byline: a person, or the newsroom itself ("Redactie")."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    bio = models.TextField(_("biografie"), blank=True)
    photo = models.ImageField(_("foto"), upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("Het account waarmee deze auteur inlogt, als die er een heeft."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    tag = models.ForeignKey(
        "Topic", on_delete=models.CASCADE, related_name="tagged_articles"
    )

    class Meta:
        verbose_name = _("onderwerp van artikel")
        verbose_name_plural = _("onderwerpen van artikelen")
        # A topic's articles from the index alone: topic pages, feeds, "Lees ook".
        indexes = [
            models.Index(fields=["tag", "content_object"], name="topic_articles")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_topic_per_article"
            )
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Articles a reader may see: published, and their publish time has come.

        The only gate for every public surface. ``at`` defaults to now.
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=at or timezone.now(),
        )

    def for_listing(self):
        """What a list of article cards needs, in a fixed number of queries (not
        the stored search vector, a few kilobytes a row)."""
        return (
            self.defer("search_vector")
            .select_related("section", "hero")
            .prefetch_related("authors", "topics")
            .order_by("-publish_at", "-pk")
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        REVIEW = "review", _("ter beoordeling")
        PUBLISHED = "published", _("gepubliceerd")
        UNPUBLISHED = "unpublished", _("teruggetrokken")

    class Kind(models.TextChoices):
        NEWS = "news", _("Nieuws")
        EXPLAINER = "explainer", _("Uitleg")
        ANALYSIS = "analysis", _("Analyse")
        OPINION = "opinion", _("Opinie")
        REPORTAGE = "reportage", _("Reportage")
        INTERVIEW = "interview", _("Interview")
        LIVE = "live", _("Live")

    Precision = Precision  # how much of publish_at is known (articles/dates.py)

    headline = models.CharField(_("kop"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "Het laatste deel van het webadres (/artikel/…/). Wordt uit de kop gemaakt."
        ),
    )
    kicker = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Kort woord boven de kop, bijvoorbeeld: Afghanistan"),
    )
    kind = models.CharField(
        _("soort artikel"), max_length=20, choices=Kind, default=Kind.NEWS
    )
    lede = models.TextField(
        _("intro"),
        help_text=_("De eerste alinea: wat er gebeurde en waarom het ertoe doet."),
    )
    body = ProseEditorField(
        _("tekst"), blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_body
    )
    hero = models.ForeignKey(
        "articles.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of",
        verbose_name=_("hoofdafbeelding"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("sectie"),
    )
    authors = models.ManyToManyField(
        Author, related_name="articles", verbose_name=_("auteurs")
    )
    topics = TaggableManager(
        to="articles.Topic",  # articles/models/topics.py, which imports this module
        through=TaggedArticle,
        verbose_name=_("onderwerpen"),
        blank=True,
        related_name="articles",
        help_text=_("Zoek op naam of alias, bijvoorbeeld ISK voor ISKP."),
        # By name wherever they are shown, loaded one article's or prefetched for
        # a list (without it taggit orders neither way alike, a prefetch not at all).
        ordering=["name"],
    )
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="related_from",
        verbose_name=_("gerelateerde artikelen"),
    )
    embeds = models.ManyToManyField(
        "embeds.Embed",
        blank=True,
        editable=False,
        related_name="articles",
        verbose_name=_("ingesloten berichten"),
        help_text=_(
            "Bijgehouden uit de tekst: elk bericht waarnaar de tekst verwijst."
        ),
    )
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default="nl"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publicatietijd"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Een tijd in de toekomst betekent: ingepland."),
    )
    publish_precision = models.CharField(
        _("nauwkeurigheid"),
        max_length=10,
        choices=Precision,
        default=Precision.MINUTE,
        help_text=_(
            "Is alleen de dag of de maand bekend (uit een archief), dan zien lezers "
            "alleen die, en geldt het begin ervan als publicatietijd."
        ),
    )
    first_published_at = models.DateTimeField(
        _("eerst gepubliceerd"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(
        _("laatst bijgewerkt"),
        null=True,
        blank=True,
        help_text=_("Tijd van de laatste inhoudelijke wijziging die lezers zien."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    live_closed_at = models.DateTimeField(
        _("live afgelopen"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Alleen bij live: ingevuld zodra de verslaggeving is afgelopen."),
    )
    live_oldest_first = models.BooleanField(
        _("oudste bericht eerst"),
        default=False,
        help_text=_("Alleen bij afgelopen live-verslaggeving: lezers zien de "
                    "berichten van begin tot eind."),
    )  # fmt: skip
    send_alert = models.BooleanField(
        _("alert versturen"),
        default=True,
        help_text=_("Volgers van de onderwerpen krijgen een e-mail zodra het artikel "
                    "voor lezers verschijnt."),
    )  # fmt: skip
    # The once-only claim (articles/alerts): when the article's first becoming
    # visible was handled, its alert sent or (send_alert off) deliberately not.
    alerted_at = models.DateTimeField(
        _("alert afgehandeld"), null=True, blank=True, editable=False
    )
    seo_title = models.CharField(_("SEO-titel"), max_length=70, blank=True)
    seo_description = models.CharField(
        _("SEO-omschrijving"), max_length=160, blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    modified_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Kept by a PostgreSQL trigger from headline, lede and body (migration
    # 0009_scale), also for bulk_create and update(); always empty on SQLite.
    search_vector = SearchVectorField(_("zoekindex"), null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        # The public lists' order, for visible articles only: home, feeds and
        # sitemaps, and a section's list; the newest update for the sitemap index.
        # (GIN on search_vector: PostgreSQL only, in migration 0009_scale.)
        indexes = [
            models.Index(
                fields=["-publish_at", "-id"],
                name="article_published",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["section", "-publish_at", "-id"],
                name="article_section_published",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["-updated_at"],
                name="article_updated",
                condition=Q(status="published"),
            ),
        ]
        permissions = [
            (
                "publish_article",
                _("Mag artikelen publiceren, inplannen en terugtrekken"),
            ),
            ("edit_any_article", _("Mag artikelen van anderen bewerken")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_has_publish_time",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        keep_claim(self, kwargs)
        super().save(*args, **kwargs)
        self.__dict__.pop("_stored_row", None)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_stored_row", None)
        super().refresh_from_db(*args, **kwargs)

    # What a save compares with the row it replaces (see ``stored``).
    STORED = ("status", "slug", "version", "updated_at")

    def stored(self) -> dict | None:
        """This article's row as the database holds it before this save: ``STORED``
        values, or None for a new article. Read once per save, however many ask
        (the edit form's conflict check, the save service's old-URL redirect, the
        cache signals); ``save()`` forgets it, so the next save reads afresh."""
        if self.pk is None:
            return None
        if "_stored_row" not in self.__dict__:
            self._stored_row = (
                type(self)
                .objects.filter(pk=self.pk)
                .order_by()
                .values(*self.STORED)
                .first()
            )
        return self._stored_row

    def is_visible(self, *, at=None) -> bool:
        """The same rule as ``Article.objects.published()``, for one loaded article."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (at or timezone.now())
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def shown_update_time(self):
        """The "bijgewerkt" time readers see: only when later than publication."""
        if self.updated_at and self.publish_at and self.updated_at > self.publish_at:
            return self.updated_at
        return None
