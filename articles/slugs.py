"""Unique, readable slugs that keep non-Latin letters."""

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.utils.text import slugify

__all__ = ["unique_slug"]


def unique_slug(
    model: type[Model],
    text: str,
    *,
    exclude_pk=None,
    fallback: str = "artikel",
    reserved: Callable[[str], QuerySet] | None = None,
) -> str:
    """A slug for ``text`` not yet used by ``model``: ``kop``, ``kop-2``, ``kop-3``...

    Letters of any script survive (``slugify(allow_unicode=True)``); the result fits
    the model's slug field, suffix included. ``reserved(prefix)``, when given, is a
    flat ``values_list`` of other slugs starting with ``prefix`` that count as used
    too (an article's: old addresses that redirect to other articles); read in the
    same query.
    """
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or fallback
    # Suffixes may shorten a long base, so look for everything sharing its start.
    prefix = base[: max_length - 8]
    taken = model._default_manager.filter(slug__startswith=prefix)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = taken.order_by().values_list("slug", flat=True)
    if reserved is not None:
        taken = taken.union(reserved(prefix).order_by(), all=True)
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in used:
            return candidate
        number += 1
