"""Storing rows exactly as the archive has them, with Django's checks in Dutch.

Rows are saved as ``loaddata`` saves them (``save_base(raw=True)``): times Django
would set itself (``auto_now``) keep the archive's values, and the cache signals,
which ignore raw saves, leave the caches to the import's one ``content_changed()``.
"""

from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DatabaseError

from articles.archive.keys import ArchiveError
from articles.models import SlugRedirect

__all__ = ["build", "check", "merge", "save", "set_links"]


def build(model, where: str, files: dict[str, str], **fields):
    """``model(**fields)`` with the file fields in ``files`` set to those names.

    Set past the field's descriptor, and left out of ``check``: an image field given
    a file has Django measure it (``width_field``), reading a file that may not be
    restored yet and replacing the sizes the archive holds.
    """
    instance = model(**fields)
    for name, value in files.items():
        limit = model._meta.get_field(name).max_length
        if len(value) > limit:
            raise ArchiveError(
                f"{where}: het pad “{value}” is langer dan {limit} tekens."
            )
        instance.__dict__[name] = value
    return instance


def check(instance, where: str, *, exclude=(), unique: bool = True) -> None:
    """Django's own checks of ``instance``, as an ArchiveError naming the record.

    An empty value the database takes (``null=True``) passes: a form may require one
    (a post's "laatst gecontroleerd"), but what was stored was stored like that.
    ``unique=False`` skips the checks that ask the database (uniqueness and other
    constraints), for rows whose key was just looked up or that the database
    checks anyway.
    """
    nulls = [
        field.name
        for field in instance._meta.concrete_fields
        if field.null and getattr(instance, field.attname) is None
    ]
    if instance.pk is not None:
        instance._state.adding = False  # the unique checks skip the row itself
    try:
        instance.full_clean(
            exclude=[*exclude, *nulls],
            validate_unique=unique,
            validate_constraints=unique,
        )
    except ValidationError as error:
        problems = "; ".join(
            f"{_label(instance, name)}{' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise ArchiveError(f"{where}: {problems.rstrip('.')}.") from None


def save(instance, where: str, *, exclude=(), unique: bool = True) -> int:
    """Check and store ``instance`` as it is; its id."""
    check(instance, where, exclude=exclude, unique=unique)
    try:
        instance.save_base(raw=True)
    except DatabaseError as error:  # the import's transaction is rolled back
        raise ArchiveError(f"{where}: kan niet worden opgeslagen ({error}).") from None
    return instance.pk


def set_links(through, owner: str, target: str, pk: int, targets: list[int]) -> None:
    """The many-to-many rows of ``pk`` in ``through``: exactly ``targets``."""
    links = through.objects.filter(**{owner: pk})
    links.exclude(**{f"{target}__in": targets}).delete()
    present = set(links.values_list(target, flat=True))
    through.objects.bulk_create(
        [through(**{owner: pk, target: t}) for t in targets if t not in present]
    )


def merge(model, pk: int, rows: list, key: tuple, rest: tuple) -> bool:
    """Add the ``rows`` of article ``pk`` not stored yet (matched on the fields in
    ``key``) and give stored ones the values of ``rest`` where they differ. Rows
    stored only here stay. Old slugs are unique site-wide, so matched site-wide.
    Returns whether anything was written."""
    if not rows:
        return False
    if model is SlugRedirect:
        stored = model.objects.filter(old_slug__in=[row.old_slug for row in rows])
    else:
        stored = model.objects.filter(article_id=pk)
    by_key = defaultdict(list)
    for row in stored:
        by_key[tuple(getattr(row, name) for name in key)].append(row)
    new, changed = [], []
    for row in rows:
        matches = by_key.get(tuple(getattr(row, name) for name in key))
        if not matches:
            new.append(row)
            continue
        match = matches.pop(0)  # the same note twice is two notes
        if any(getattr(match, name) != getattr(row, name) for name in rest):
            for name in rest:
                setattr(match, name, getattr(row, name))
            changed.append(match)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, list(rest))
    return bool(new or changed)


def _label(instance, name: str) -> str:
    """``"kop: "``: the field's Dutch name for its messages; nothing for the rest."""
    if name == NON_FIELD_ERRORS:
        return ""
    try:
        return f"{instance._meta.get_field(name).verbose_name}: "
    except FieldDoesNotExist:
        return f"{name}: "
