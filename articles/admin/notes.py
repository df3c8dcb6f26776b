"""Updates and corrections in the article admin: an inline, and the rule on save
(``save_notes``, called by ``ArticleAdmin.save_formset``). A note sends no alert
unless the editor ticks "Stuur opnieuw een alert" on it."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.alerts.claims import alert_again
from articles.models import ArticleNote
from articles.services.notes import mark_substantive_change

__all__ = ["ArticleNoteInline", "save_notes"]


class ArticleNoteForm(forms.ModelForm):
    # A correction sends no alert, unless the editor asks for it here.
    alert_again = forms.BooleanField(
        label=gettext_lazy("Stuur opnieuw een alert"),
        required=False,
        help_text=gettext_lazy("Volgers krijgen het artikel nog een keer."),
    )

    class Meta:
        model = ArticleNote
        fields = ["kind", "text", "at"]


class ArticleNoteInline(admin.TabularInline):
    model = ArticleNote
    form = ArticleNoteForm
    fields = ["kind", "text", "at", "alert_again"]
    extra = 0
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}
    }


def save_notes(request, form, formset) -> None:
    """New notes are signed by the editor who saves them, and a saved note counts as
    a substantive change (the same rule as ``articles.services.notes.add_note``)."""
    for note_form in formset.extra_forms:
        if note_form.has_changed():
            note_form.instance.author = request.user
    formset.save()
    saved = [*formset.new_objects, *(note for note, _x in formset.changed_objects)]
    if saved:
        mark_substantive_change(form.instance, at=max(note.at for note in saved))
    asked = [
        f.instance
        for f in formset.forms
        if getattr(f, "cleaned_data", None)
        and f.cleaned_data.get("alert_again")
        and f.instance.pk
    ]
    if asked:  # the newest note ticked is the one the mail tells about
        _send_again(request, form.instance, max(asked, key=lambda n: (n.at, n.pk)))


def _send_again(request, article, note) -> None:
    """The editor ticked "Stuur opnieuw een alert" on a note: once per save."""
    if alert_again(article, note=note):
        messages.success(request, _("Het alert gaat opnieuw naar de volgers."))
    elif not article.send_alert:
        messages.warning(
            request,
            _("Geen alert verstuurd: bij dit artikel staat „Geen alert versturen” "
              "aan. Vink dat uit en vraag het opnieuw."),
        )  # fmt: skip
    else:
        messages.warning(
            request,
            _("Geen alert verstuurd: lezers zien dit artikel nog niet. Het alert "
              "gaat vanzelf wanneer het verschijnt."),
        )  # fmt: skip
