"""Updates and corrections in the article admin: an inline, and the rule on save."""

from django import forms
from django.contrib import admin
from django.db import models

from articles.models import ArticleNote
from articles.services.notes import mark_substantive_change

__all__ = ["ArticleNoteInline", "NotesAdminMixin"]


class ArticleNoteInline(admin.TabularInline):
    model = ArticleNote
    fields = ["kind", "text", "at"]
    extra = 0
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}
    }


class NotesAdminMixin:
    """For an article admin with ``ArticleNoteInline``: new notes are signed by the
    editor who saves them, and a saved note counts as a substantive change (the same
    rule as ``articles.services.notes.add_note``)."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticleNote:
            return super().save_formset(request, form, formset, change)
        for note_form in formset.extra_forms:
            if note_form.has_changed():
                note_form.instance.author = request.user
        super().save_formset(request, form, formset, change)
        saved = [*formset.new_objects, *(note for note, _ in formset.changed_objects)]
        if saved:
            mark_substantive_change(form.instance, at=max(note.at for note in saved))
