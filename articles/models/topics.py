"""Topics and their aliases (ISKP = ISK = IS-K): the one lookup for pages, feeds
and the admin (``Topic.objects.resolve``), and what readers may see of them."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from articles.models.core import Article

__all__ = ["Resolved", "Topic", "TopicAlias", "TopicQuerySet"]

USER = settings.AUTH_USER_MODEL


class Resolved(NamedTuple):
    """What a topic value names: the topic (or None) and whether the value was its
    own slug (serve it) or another name for it (redirect to its URL)."""

    topic: "Topic | None"
    canonical: bool


class TopicQuerySet(models.QuerySet):
    def approved(self):
        """Topics whose name and description may be shown: approved by an editor
        (or by publishing an article that uses them)."""
        return self.filter(approved=True)

    def public(self):
        """Topics readers may see (page, feeds, sitemap): approved, and used by at
        least one published article. One EXISTS in the same query."""
        visible = Article.objects.published().filter(topics=OuterRef("pk"))
        return self.approved().filter(Exists(visible))

    def resolve(self, value: str) -> Resolved:
        """The approved topic ``value`` names, as pages, feeds and the admin look
        it up.

        A topic's own slug answers directly (``canonical``). Its name, any approved
        alias (by name or slug) and any case or spelling variant that slugifies to
        one of those find it too, but are not its address: callers redirect (301).
        Anything else (a proposal not yet approved, an alias only proposed) finds
        nothing. One query for a slug, two otherwise.
        """
        value = (value or "").strip()
        if not value:
            return Resolved(None, False)
        topics = self.approved()
        topic = topics.filter(slug=value).first()
        if topic is not None:
            return Resolved(topic, True)
        return Resolved(topics.filter(_names(value)).distinct().first(), False)

    def matching(self, name: str):
        """Approved topics whose name, slug or an approved alias equals ``name`` (in
        any case)."""
        return self.approved().filter(_names(name, spellings=False)).distinct()


def _names(value: str, *, spellings: bool = True) -> Q:
    """A topic named ``value``: its name or slug, or an approved alias's (in any
    case); with ``spellings``, also what ``value`` slugifies to. The alias's
    conditions sit in one Q per alias, so they hold for the same alias row."""
    names = [value]
    slug = slugify(value, allow_unicode=True)
    if spellings and slug and slug != value:
        names.append(slug)
    found = Q()
    for name in names:
        found |= Q(slug__iexact=name)
        found |= Q(aliases__slug__iexact=name, aliases__approved=True)
    found |= Q(name__iexact=value)
    found |= Q(aliases__name__iexact=value, aliases__approved=True)
    return found


class Topic(TagBase):
    """A subject that runs through the coverage, e.g. ISKP (also ISK, IS-K).

    A Verslaggever's new topic is a proposal (``approved`` False): it can be
    attached to drafts, but its name, description and page stay private until a
    Redacteur approves it or publishes an article that uses it
    (``articles/services/topics.py``). Editors' topics, and those made by the system
    (commands, imports), are approved from the start.
    """

    description = models.TextField(_("beschrijving"), blank=True)
    approved = models.BooleanField(
        _("goedgekeurd"),
        default=True,
        help_text=_("Pas goedgekeurd zijn naam, beschrijving en pagina openbaar."),
    )
    proposed_by = models.ForeignKey(
        USER,
        verbose_name=_("voorgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        permissions = [
            ("approve_topic", _("Mag voorgestelde onderwerpen en aliassen goedkeuren"))
        ]

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def clean(self):
        """The topic's address and name are not an alias's (any case): the alias
        would stop leading to its topic, or lead here instead."""
        super().clean()
        aliases = TopicAlias.objects.exclude(topic_id=self.pk).select_related("topic")
        held = aliases.filter(slug__iexact=self.slug).first() if self.slug else None
        if held is not None:
            raise ValidationError(
                {
                    "slug": _(
                        "Het webadres “%(slug)s” is al een alias van het onderwerp "
                        "%(topic)s. Kies een ander, of voeg je tekst toe aan dat "
                        "onderwerp."
                    )
                    % {"slug": self.slug, "topic": held.topic.name}
                }
            )
        named = aliases.filter(name__iexact=self.name).first() if self.name else None
        if named is not None:
            raise ValidationError(
                {
                    "name": _(
                        "“%(name)s” is al een alias van het onderwerp %(topic)s. "
                        "Kies een andere naam, of gebruik dat onderwerp."
                    )
                    % {"name": self.name, "topic": named.topic.name}
                }
            )

    def slugify(self, tag, i=None):
        """taggit's slug for a topic made from a name (commands, imports): never an
        alias's slug either; the next free ``_1``, ``_2``... as for topics."""
        slug = super().slugify(tag, i)
        while TopicAlias.objects.filter(slug__iexact=slug).exists():
            i = (i or 0) + 1
            slug = super().slugify(tag, i)
        return slug


class TopicAlias(models.Model):
    """Another name for a topic; its slug redirects to the topic's page."""

    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("onderwerp"),
    )
    name = models.CharField(
        _("naam"), max_length=100, unique=True, help_text=_("Bijvoorbeeld: IS-K")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    approved = models.BooleanField(
        _("goedgekeurd"),
        default=True,
        help_text=_("Pas goedgekeurd leidt de alias naar het onderwerp."),
    )
    proposed_by = models.ForeignKey(
        USER,
        verbose_name=_("voorgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliassen")

    def __str__(self):
        return self.name

    def clean(self):
        """An alias never takes a topic's address, nor another alias's (any case):
        "ISKP!" would otherwise make /onderwerp/ISKP/ point elsewhere."""
        super().clean()
        if not self.slug:
            return
        named = Topic.objects.filter(name__iexact=self.name)
        if self.topic_id:
            named = named.exclude(pk=self.topic_id)
        if named.exists():
            raise ValidationError(
                {"name": _("%(name)s is al de naam van een ander onderwerp.")
                 % {"name": self.name}}
            )  # fmt: skip
        topic = Topic.objects.filter(slug__iexact=self.slug).first()
        if topic is not None:
            raise ValidationError(
                {
                    "name": _(
                        "“%(name)s” krijgt het webadres “%(slug)s”, en dat is al het "
                        "adres van het onderwerp %(topic)s. Kies een andere alias."
                    )
                    % {"name": self.name, "slug": self.slug, "topic": topic.name}
                }
            )
        other = (
            TopicAlias.objects.filter(slug__iexact=self.slug)
            .exclude(pk=self.pk)
            .select_related("topic")
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "name": _(
                        "“%(name)s” krijgt het webadres “%(slug)s”, en dat heeft de "
                        "alias %(other)s (bij %(topic)s) al. Kies een andere alias."
                    )
                    % {
                        "name": self.name,
                        "slug": self.slug,
                        "other": other.name,
                        "topic": other.topic.name,
                    }
                }
            )
