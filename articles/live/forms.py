"""The desk's forms: the composer (also the edit form) and an entry's note.

Cleaning only; ``articles.live.services`` saves. What the editor typed stays in
the form when anything is refused.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Author, LiveEntry, LiveEntryNote

__all__ = ["ACTIONS", "EntryForm", "NoteForm"]

S = LiveEntry.Status

# The composer's buttons: name="actie", value -> the status the entry gets.
ACTIONS = {"plaatsen": S.PUBLISHED, "beoordeling": S.REVIEW, "concept": S.DRAFT}


class EntryForm(forms.ModelForm):
    published_at = forms.DateTimeField(
        label=_("Inplannen op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=_("Leeg: meteen. Een tijd in de toekomst plant het bericht in."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LiveEntry
        fields = ["body", "title", "pinned", "key_moment", "authors", "image"]
        widgets = {
            "authors": forms.SelectMultiple(attrs={"size": 4}),
            # Found by alt text, caption or credit, as an article's hero.
            "image": AutocompleteSelect(LiveEntry._meta.get_field("image"), admin.site),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = Author.objects.order_by("name")
        self.fields["authors"].required = False
        self.fields["body"].required = False  # the service says what is missing
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            if self.instance.published_at:
                self.fields["published_at"].initial = timezone.localtime(
                    self.instance.published_at
                ).strftime("%Y-%m-%dT%H:%M")

    def status_for(self, action: str | None) -> str:
        """The status the pressed button asks for (placing when none is named)."""
        return ACTIONS.get(action or "", S.PUBLISHED)


class NoteForm(forms.ModelForm):
    class Meta:
        model = LiveEntryNote
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
