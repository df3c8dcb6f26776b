"""Checking an archive before anything is written: its format and version, and the
shape of every record (each field present, of the right type, nothing unknown).

``checked_records`` gives each record normalised: times in the export's own
spelling (ISO 8601 in UTC), lists inside it in the export's order, article bodies
and post texts through the same sanitizers as every other way in. What the
database itself checks (lengths, choices, references) is left to the import, which
names the record the same way.
"""

from collections.abc import Iterator
from datetime import datetime
from operator import itemgetter
from pathlib import PurePosixPath

from articles import fields
from articles.archive.keys import FORMAT, READABLE, VERSION, ArchiveError, time_out
from articles.archive.records import child_order
from articles.dates import Precision
from articles.sanitize import sanitize_body
from embeds.sanitize import sanitize_post_html

__all__ = ["checked_records", "validate", "validate_header"]


class Problem(ValueError):
    """What is wrong with one value; the caller adds where it is."""


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {str: "tekst", int: "een getal", float: "een getal", list: "een lijst",
            dict: "een object"}.get(type(value), type(value).__name__)  # fmt: skip


def _expect(value, types, what: str):
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise Problem(f"moet {what} zijn, niet {_type_name(value)}")
    return value


def text(value, where=""):
    return _expect(value, (str,), "tekst")


def integer(value, where=""):
    return _expect(value, (int,), "een geheel getal")


def number(value, where=""):
    return float(_expect(value, (int, float), "een getal"))


def boolean(value, where=""):
    return _expect(value, (bool,), "true of false")


def optional(check):
    def checked(value, where=""):
        return None if value is None else check(value, where)

    return checked


def time(value, where=""):
    _expect(value, (str,), "een tijd (tekst in ISO 8601)")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Problem(
            f"is geen geldige tijd (“{value[:40]}”); gebruik ISO 8601 met tijdzone, "
            "bijvoorbeeld 2024-03-22T09:30:00+00:00"
        )
    return time_out(moment)


def precision(value, where=""):
    text(value)
    if value not in Precision.values:
        raise Problem(
            f"is “{value[:40]}”, maar moet {', '.join(Precision.values)} zijn"
        )
    return value


def _reference(value, where=""):
    """One record a snapshot names: ``{"slug": slug or null, "name": text}``."""
    _expect(value, (dict,), "een object met “slug” en “name”")
    if not isinstance(value.get("slug"), str | None):
        raise Problem(f"heeft als “slug” {_type_name(value['slug'])}, geen tekst")
    if not isinstance(value.get("name", ""), str):
        raise Problem(f"heeft als “name” {_type_name(value['name'])}, geen tekst")
    return value


def _snapshot_field(name: str, value) -> None:
    if name in fields.TEXT:
        text(value)
    elif name in fields.TIMES:
        optional(text)(value)
    elif name == "version":
        integer(value)
    elif name in fields.ONE_OF:
        optional(_reference)(value)
    elif name == "embeds":
        keys(value)
    elif name in fields.LISTS:
        for item in _expect(value, (list,), "een lijst"):
            _reference(item)


def snapshot(value, where=""):
    """A revision's snapshot (``articles.services.revisions.snapshot_of``) as the
    export writes it: each field it holds of its type, records named by slug. A
    field it lacks is left to the diff and the restore, which skip it."""
    _expect(value, (dict,), "een object")
    for name, item in value.items():
        try:
            _snapshot_field(name, item)
        except Problem as problem:
            raise Problem(f"heeft een veld “{name}” dat {problem}") from None
    return value


def path(value, where=""):
    """A file's name in storage: relative, forward slashes, never above the root."""
    _expect(value, (str,), "een pad in de mediamap (tekst)")
    parts = PurePosixPath(value).parts
    if (
        not value
        or value.startswith("/")
        or "\\" in value
        or ".." in parts
        or any(ord(char) < 32 for char in value)
    ):
        raise Problem(f"is geen geldig pad in de mediamap (“{value[:80]}”)")
    return value


def path_or_empty(value, where=""):
    return "" if value == "" else path(value, where)


def body(value, where=""):
    return sanitize_body(text(value))


def post_html(value, where=""):
    return sanitize_post_html(text(value))


def keys(value, where=""):
    """A list of natural keys (slugs or URLs), each once, in the export's order."""
    _expect(value, (list,), "een lijst")
    for item in value:
        if not isinstance(item, str):
            raise Problem(
                f"moet een lijst van teksten zijn, niet van {_type_name(item)}"
            )
    seen = set()
    for item in value:
        if item in seen:
            raise Problem(f"noemt “{item}” meer dan eens")
        seen.add(item)
    return sorted(value)


def list_of(schema: dict, label: str, name_field: str | None = None, *, order=None):
    """A list of records of ``schema``; each named ``label`` and its ``name_field``
    (or its position) in messages."""

    def checked(value, where=""):
        _expect(value, (list,), "een lijst")
        items = []
        for position, item in enumerate(value, 1):
            name = (
                item.get(name_field) if isinstance(item, dict) and name_field else None
            )
            named = (
                f"{label} {name}"
                if isinstance(name, str | int)
                else f"{label} {position}"
            )
            items.append(record(item, schema, f"{where}, {named}"))
        if name_field:
            seen = set()
            for item in items:
                if item[name_field] in seen:
                    raise Problem(f"noemt {label} {item[name_field]} meer dan eens")
                seen.add(item[name_field])
        if order:  # the export's order: a reordered file is the same archive
            items.sort(key=order)
        return items

    return checked


def record(value, schema: dict, where: str) -> dict:
    """``value`` checked against ``schema`` (field name to check), normalised."""
    if not isinstance(value, dict):
        raise ArchiveError(f"{where}: moet een object zijn, niet {_type_name(value)}.")
    missing = [name for name in schema if name not in value]
    if missing:
        raise ArchiveError(f"{where}: het veld “{missing[0]}” ontbreekt.")
    unknown = sorted(set(value) - set(schema))
    if unknown:
        raise ArchiveError(f"{where}: onbekend veld “{unknown[0]}”.")
    checked = {}
    for name, check in schema.items():
        try:
            checked[name] = check(value[name], where)
        except Problem as problem:
            raise ArchiveError(f"{where}: “{name}” {problem}.") from None
    return checked


def history(kind: str, schema: dict, label: str, name_field: str | None = None):
    """One kind of an article's history, in the export's order."""
    return list_of(schema, label, name_field, order=child_order(kind))


USERNAME = optional(text)
USER = {"username": text, "first_name": text, "last_name": text}
SECTION = {"slug": text, "name": text, "description": text, "position": integer}
AUTHOR = {"slug": text, "name": text, "bio": text, "photo": path_or_empty,
          "user": USERNAME}  # fmt: skip
TOPIC = {
    "slug": text, "name": text, "description": text,
    "aliases": list_of({"name": text, "slug": text}, "alias", "slug",
                       order=itemgetter("slug")),
}  # fmt: skip
RENDITION = {"kind": text, "format": text, "width": integer, "height": integer,
             "name": path}  # fmt: skip
IMAGE = {
    "file": path, "alt": text, "caption": text, "credit": text, "focal_x": number,
    "focal_y": number, "width": optional(integer), "height": optional(integer),
    "original_bytes": optional(integer), "renditions": list_of(RENDITION, "rendition"),
    "uploaded_by": USERNAME, "created_at": time,
}  # fmt: skip
MEDIA = {
    "position": integer, "kind": text, "source_url": text, "image": path_or_empty,
    "width": optional(integer), "height": optional(integer), "alt": text,
}  # fmt: skip
EMBED = {
    "url": text, "provider": text, "post_id": text, "author_name": text,
    "author_handle": text, "author_url": text, "title": text, "text_html": post_html,
    "text": text, "language": text, "published_at": optional(time),
    "published_has_time": boolean, "platform_ref": text, "source": text,
    "state": text, "last_checked_at": optional(time), "last_seen_at": optional(time),
    "check_error": text, "created_at": time, "updated_at": time,
    "media": list_of(MEDIA, "media", "position", order=itemgetter("position")),
}  # fmt: skip
NOTE = {"kind": text, "text": text, "at": time, "author": USERNAME}
COMMENT = {"text": text, "created_at": time, "author": USERNAME}
REVISION = {"version": integer, "snapshot": snapshot, "created_at": time,
            "created_by": USERNAME, "comment": text}  # fmt: skip
TRANSITION = {
    "from_status": text, "to_status": text, "publish_at": optional(time),
    "actor": USERNAME, "reason": text, "at": time,
}  # fmt: skip
REDIRECT = {"old_slug": text, "created_at": time}
# An article's fields as articles.fields declares them, then its histories.
ARTICLE = {
    **dict.fromkeys(fields.TEXT, text), "body": body, "version": integer,
    "publish_precision": precision,
    **dict.fromkeys(fields.TIMES, optional(time)),
    "first_published_at": optional(time), "created_at": time, "modified_at": time,
    "section": text, "hero": optional(path), "created_by": USERNAME,
    **dict.fromkeys(fields.LISTS, keys),
    "notes": history("notes", NOTE, "update of correctie"),
    "comments": history("comments", COMMENT, "interne notitie"),
    "revisions": history("revisions", REVISION, "revisie", "version"),
    "transitions": history("transitions", TRANSITION, "statuswijziging"),
    "slug_redirects": history("slug_redirects", REDIRECT, "oud webadres", "old_slug"),
}  # fmt: skip
# Top-level list: (schema, Dutch name of one record, its natural key).
LISTS = {
    "users": (USER, "gebruiker", "username"),
    "sections": (SECTION, "sectie", "slug"),
    "authors": (AUTHOR, "auteur", "slug"),
    "topics": (TOPIC, "onderwerp", "slug"),
    "images": (IMAGE, "afbeelding", "file"),
    "embeds": (EMBED, "bericht", "url"),
    "articles": (ARTICLE, "artikel", "slug"),
}
HEADER = ("format", "version", "exported_at", "since")


def upgraded(item, version: int):
    """A record of an article of an older version as the current one. Version 1
    knew no precision: every article's publication time was to the minute."""
    if version == 1 and isinstance(item, dict):
        return {"publish_precision": Precision.MINUTE.value, **item}
    return item


def validate_header(source) -> int:
    """The archive's format, version and parts (``source``: ``sources``) checked;
    its version. ArchiveError if it is no archive this version reads."""
    header = getattr(source, "header", None)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ArchiveError(
            f"Dit is geen Redactie-archief: verwacht een JSON-object met "
            f'"format": "{FORMAT}", zoals export_archive het maakt.'
        )
    version = header.get("version")
    if version not in READABLE or isinstance(version, bool):
        newer = isinstance(version, int) and version > VERSION
        raise ArchiveError(
            f"Archiefversie {version!r} kan hier niet worden ingelezen; deze versie "
            f"van Redactie leest versie {' en '.join(map(str, READABLE))}."
            + (" Werk Redactie bij en probeer het opnieuw." if newer else "")
        )
    unknown = sorted({*header, *source.lists} - set(HEADER) - set(LISTS))
    if unknown:
        raise ArchiveError(f"Het archief heeft een onbekend onderdeel “{unknown[0]}”.")
    for name, check in (("exported_at", time), ("since", optional(time))):
        if name not in header:
            raise ArchiveError(f"Het archief mist “{name}”.")
        try:
            check(header[name])
        except Problem as problem:
            raise ArchiveError(f"Het archief: “{name}” {problem}.") from None
    for name in LISTS:
        if name not in source.lists:
            raise ArchiveError(
                f"Het archief mist de lijst “{name}” (of het is geen lijst)."
            )
    return version


def checked_records(source, name: str, version: int) -> Iterator[dict]:
    """Each record of the list ``name``, checked and normalised, in the file's
    order; ArchiveError at the first problem, naming the record and the field."""
    schema, label, key = LISTS[name]
    for position, item in enumerate(source.records(name), 1):
        if name == "articles":
            item = upgraded(item, version)
        value = item.get(key) if isinstance(item, dict) else None
        where = f"{label} “{value}”" if isinstance(value, str) else (
            f"{label} nummer {position} in “{name}”"
        )  # fmt: skip
        yield record(item, schema, where)


def validate(source) -> tuple[int, dict[str, dict]]:
    """Every record of the archive checked (a first pass over it, before anything
    is written), each natural key at most once: its version and its users by
    username. Only the keys seen stay in memory meanwhile."""
    version = validate_header(source)
    users = {}
    for name, (_schema, label, key) in LISTS.items():
        seen = set()
        for checked in checked_records(source, name, version):
            if checked[key] in seen:
                raise ArchiveError(
                    f"{label} “{checked[key]}”: staat meer dan eens in het archief."
                )
            seen.add(checked[key])
            if name == "users":
                users[checked[key]] = checked
    return version, users
