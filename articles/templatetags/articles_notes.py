"""Filters for the updates and corrections shown on an article."""

from django import template

register = template.Library()


@register.filter
def notes_of_kind(notes, kind: str) -> list:
    """The notes of one kind ("update" or "correction"), in their given order.

    Filters in Python, so a prefetched ``article.notes.all`` costs no query.
    """
    return [note for note in notes if note.kind == kind]
