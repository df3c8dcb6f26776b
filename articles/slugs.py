"""Unique, readable slugs that keep non-Latin letters."""

from django.db.models import Model
from django.utils.text import slugify

__all__ = ["unique_slug"]


def unique_slug(
    model: type[Model], text: str, *, exclude_pk=None, fallback: str = "artikel"
) -> str:
    """A slug for ``text`` not yet used by ``model``: ``kop``, ``kop-2``, ``kop-3``...

    Letters of any script survive (``slugify(allow_unicode=True)``); the result fits
    the model's slug field, suffix included.
    """
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or fallback
    # Suffixes may shorten a long base, so look for everything sharing its start.
    taken = model._default_manager.filter(slug__startswith=base[: max_length - 8])
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    used = set(taken.values_list("slug", flat=True))
    if base not in used:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in used:
            return candidate
        number += 1
