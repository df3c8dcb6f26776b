"""Updates and corrections in the article admin: an inline, and the rule on save
(``save_notes``, called by ``ArticleAdmin.save_formset``)."""

from django import forms
from django.contrib import admin
from django.db import models

from articles.models import ArticleNote
from articles.services.notes import mark_substantive_change

__all__ = ["ArticleNoteInline", "save_notes"]


class ArticleNoteInline(admin.TabularInline):
    model = ArticleNote
    fields = ["kind", "text", "at"]
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
    saved = [*formset.new_objects, *(note for note, _ in formset.changed_objects)]
    if saved:
        mark_substantive_change(form.instance, at=max(note.at for note in saved))
