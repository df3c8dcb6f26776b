"""Admin forms: clean and sanitize what editors send, keep what they typed."""

from django import forms
from django.contrib.admin.widgets import (
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles import fields as article_fields
from articles.conflicts import conflict_message, merge_into, overlap_message
from articles.models import Article, Topic, TopicAlias
from articles.sanitize import sanitize_body
from articles.services.articles import (
    article_slug,
    redirected_elsewhere,
    slug_redirect_message,
)
from articles.services.workflow import check_transition, missing_for_publication
from embeds.parsing import find_posts

__all__ = ["ArticleAdminForm", "TopicAliasForm", "topic_choice_field"]


def topic_choice_field(db_field, admin_site, *, can_add: bool):
    """Topics as a curated vocabulary: an autocomplete that also finds aliases
    (TopicAdmin.search_fields), with "+" to create a topic when allowed."""
    field = forms.ModelMultipleChoiceField(
        label=_("Onderwerpen"),
        queryset=Topic.objects.all(),
        required=False,
        help_text=_("Zoek op naam of alias, bijvoorbeeld ISK voor ISKP."),
        widget=AutocompleteSelectMultiple(db_field, admin_site),
    )
    field.widget = RelatedFieldWidgetWrapper(
        field.widget, db_field.remote_field, admin_site, can_add_related=can_add
    )
    return field


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = list(article_fields.FORM)

    # Set by ArticleAdmin.get_form: the person saving (permissions, conflicts).
    user = None
    # Set by ArticleAdmin.get_form when the editor asked for their autosaved work back.
    recovered: dict | None = None

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    transition_reason = forms.CharField(
        label=_("Toelichting bij de statuswijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Verplicht bij terugsturen naar de auteur; komt in de geschiedenis."
        ),
    )

    # The alert switch, worded as what ticking it does (Article.send_alert inverted).
    # ArticleAdmin leaves it out for those who may not publish.
    no_alert = forms.BooleanField(
        label=_("Geen alert versturen"),
        required=False,
        help_text=_(
            "Aangevinkt krijgen volgers van de onderwerpen geen e-mail als dit artikel "
            "verschijnt. Het alert gaat één keer, op het moment dat lezers het "
            "artikel kunnen zien; later aan- of uitvinken verandert dan niets meer. "
            "Opnieuw sturen kan bij een update of correctie."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("no_alert", not self.instance.send_alert)
        if "slug" in self.fields:  # not on a read-only form
            self.fields["slug"].required = False
        if "publish_precision" in self.fields:  # left out: as it was (or a minute)
            self.fields["publish_precision"].required = False
        self.initial.setdefault("base_version", self.instance.version)
        if self.recovered and not self.is_bound:
            for name, value in self.recovered.items():
                if name in self.fields and name != "base_version":
                    self.initial[name] = value

    add_post = forms.CharField(
        label=_("Bericht toevoegen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Plak hier de link van een bericht (X, Bluesky, Mastodon, YouTube, "
            "Instagram, TikTok, Vimeo), de insluitcode van het platform, of de tekst "
            "zoals die op een webpagina stond (eindigend op — Naam (@account) datum). "
            "Het bericht komt onderaan de tekst; verplaats de regel met de link waar "
            "je hem wilt hebben."
        ),
    )

    def clean_add_post(self):
        """The posts pasted into "Bericht toevoegen" (none when it is empty)."""
        text = self.cleaned_data.get("add_post", "").strip()
        if not text:
            return []
        posts = [s.post for s in find_posts(text.replace("\r\n", "\n")) if s.post]
        if not posts:
            raise forms.ValidationError(
                _(
                    "Hierin staat geen bericht dat we herkennen. Plak de link van één "
                    "bericht, de volledige insluitcode (van <blockquote> of <iframe> "
                    "tot en met het einde), of de tekst met de regel "
                    "“— Naam (@account) Maand D, JJJJ”."
                )
            )
        return posts

    def apply_alert_switch(self, article: Article) -> None:
        """Set ``article.send_alert`` from the checkbox when the editor changed it
        (an untouched box leaves a colleague's choice made meanwhile alone)."""
        if "no_alert" in self.fields and "no_alert" in self.changed_data:
            article.send_alert = not self.cleaned_data.get("no_alert", False)

    def clean_publish_precision(self):
        return self.cleaned_data.get("publish_precision") or Article.Precision.MINUTE

    def clean_body(self):
        return sanitize_body(self.cleaned_data.get("body") or "")

    def clean(self):
        cleaned = super().clean()
        headline = cleaned.get("headline")
        given = cleaned.get("slug")
        if headline or given:
            cleaned["slug"] = article_slug(self.instance, given, headline=headline)
            # A typed address that redirects to another article: refused, kept.
            held = given and redirected_elsewhere(cleaned["slug"], self.instance)
            if held:
                self.add_error("slug", slug_redirect_message(held))
        self._merge_with_saves_since_opened(cleaned)
        stored = self.instance.stored()
        if (
            stored
            and stored["updated_at"]
            and (
                not cleaned.get("updated_at")
                or cleaned["updated_at"] < stored["updated_at"]
            )
        ):
            # An update or correction added meanwhile moved it on; a form opened
            # earlier must not set it back.
            cleaned["updated_at"] = stored["updated_at"]
        status = cleaned.get("status")
        if status == Article.Status.PUBLISHED and not cleaned.get("publish_at"):
            # Publishing without a time means: now.
            cleaned["publish_at"] = timezone.now()
        if (
            status == Article.Status.UNPUBLISHED
            and not self.instance.first_published_at
        ):
            self.add_error(
                "status",
                _(
                    "Alleen een artikel dat gepubliceerd is geweest kan worden "
                    "teruggetrokken."
                ),
            )
        elif status:
            self._check_workflow(cleaned, status)
        return cleaned

    def _check_workflow(self, cleaned, status):
        old = self.instance.status if self.instance.pk else Article.Status.DRAFT
        if self.user is not None:
            try:
                check_transition(
                    self.user, self.instance, old, status,
                    reason=cleaned.get("transition_reason", ""),
                )  # fmt: skip
            except ValidationError as error:
                self.add_error("status", error)
                return
        if status == Article.Status.PUBLISHED and old != status:
            missing = missing_for_publication(
                Article(
                    hero=cleaned.get("hero"),
                    headline=cleaned.get("headline") or "",
                    lede=cleaned.get("lede") or "",
                    section=cleaned.get("section"),
                ),
                authors=list(cleaned.get("authors") or []),
            )
            if missing:
                self.add_error(
                    None,
                    _("Publiceren kan nog niet; dit ontbreekt: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                )

    # Set by clean() when someone saved after this form was opened (conflicts.Merged).
    merged = None

    def _merge_with_saves_since_opened(self, cleaned):
        """Someone saved since this form was opened: merge what does not overlap
        (their changes come into ``cleaned``); where both changed the same thing,
        refuse until the editor chose, per overlap, which text stays."""
        if not self.instance.pk:
            return
        base = cleaned.get("base_version")
        stored = self.instance.stored()
        current = stored["version"] if stored else None
        if base is None or current is None or base == current:
            return
        self.merged = merge_into(self.instance, cleaned, base, current, self.data)
        if self.merged is None:  # the version opened is not on record: as before
            self.add_error(None, conflict_message(self.instance, base, current))
            self.data = self.data.copy()
            self.data[self.add_prefix("base_version")] = str(current)
        elif self.merged.overlaps:
            self.add_error(None, overlap_message(self.merged))
        else:
            cleaned["base_version"] = current


class TopicAliasForm(forms.ModelForm):
    class Meta:
        model = TopicAlias
        fields = ["name"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Topic.objects.filter(name__iexact=name)
        if self.instance.topic_id:
            clash = clash.exclude(pk=self.instance.topic_id)
        if clash.exists():
            raise forms.ValidationError(
                _("%(name)s is al de naam van een ander onderwerp."),
                params={"name": name},
            )
        slug = slugify(name, allow_unicode=True)
        if not slug:
            raise forms.ValidationError(
                _("Een alias moet letters of cijfers bevatten.")
            )
        taken = TopicAlias.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("De alias %(name)s bestaat al (bij %(topic)s)."),
                params={"name": name, "topic": taken.first().topic},
            )
        self.instance.slug = slug
        return name
