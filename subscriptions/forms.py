from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Topic
from subscriptions.models import Following

__all__ = ["FollowForm"]


class FollowForm(forms.Form):
    """Only an address; what to follow travels in hidden fields."""

    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _(
                "Dit is geen geldig e-mailadres, bijvoorbeeld naam@voorbeeld.nl."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.ChoiceField(choices=Following.Kind.choices, widget=forms.HiddenInput)
    target = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        data["object"] = target = _target(kind, data.get("target") or "")
        if kind and kind != "daily" and target is None:
            raise forms.ValidationError(_("Dit kun je niet volgen."))
        return data


def _target(kind, slug):
    """What readers can see, as its page finds it (``public()``): a topic or author
    only drafts use is not followable, and its name never reaches a mail."""
    if kind == "topic":
        return Topic.objects.public().filter(slug=slug).first()
    if kind == "author":
        return Author.objects.public().filter(slug=slug).first()
    if kind == "live":
        return (
            Article.objects.published()
            .filter(kind=Article.Kind.LIVE, slug=slug)
            .first()
        )
    return None
