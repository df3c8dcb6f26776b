"""Admin forms: clean and sanitize what editors send, keep what they typed."""

from django import forms
from django.contrib.admin.widgets import (
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic, TopicAlias
from articles.sanitize import sanitize_body
from articles.slugs import unique_slug

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
        fields = [
            "kicker", "headline", "slug", "kind", "lede", "body", "section",
            "authors", "topics", "related", "status", "publish_at", "updated_at",
            "language", "seo_title", "seo_description",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

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
        from embeds.parsing import find_posts

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

    def clean_body(self):
        return sanitize_body(self.cleaned_data.get("body") or "")

    def clean(self):
        cleaned = super().clean()
        headline = cleaned.get("headline")
        if headline or cleaned.get("slug"):
            cleaned["slug"] = unique_slug(
                Article, cleaned.get("slug") or headline, exclude_pk=self.instance.pk
            )
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
        return cleaned


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
