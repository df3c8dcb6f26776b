"""What the commands that read files (``import_article``, ``live_entry``,
``import_archive``) share: opening a file with a Dutch refusal, reading a UTF-8 file
or standard input within a size limit, a time given as ISO 8601, and authors by
slug, topics by name. Each refuses with a ``CommandError`` in Dutch; nothing is written
before these have answered."""

from datetime import datetime
from difflib import get_close_matches
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, Author, Topic, TopicAlias

__all__ = [
    "MAX_FILE_BYTES",
    "article_by_slug",
    "authors_by_slug",
    "moment",
    "open_file",
    "read_text",
    "topics_by_name",
]

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(name: str, *, stdin=None) -> str:
    """The text of the file ``name``, or of ``stdin`` when ``name`` is "-"."""
    if name == "-" and stdin is not None:
        stream = getattr(stdin, "buffer", stdin)
        data = stream.read(MAX_FILE_BYTES + 1)
        label = "standaardinvoer"
    else:
        path, label = Path(name), name
        # Read one byte past the limit: a pipe or device reports no size.
        with open_file(path) as handle:
            try:
                data = handle.read(MAX_FILE_BYTES + 1)
            except OSError as error:
                raise CommandError(_unreadable(path, error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(
            f"{label}: het bestand is groter dan {MAX_FILE_BYTES // 1024**2} MB."
        )
    if isinstance(data, str):  # a text stream (tests, call_command)
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{label}: geen UTF-8-tekst (onleesbare byte op positie {error.start}). "
            "Sla het bestand op als UTF-8."
        ) from None


def open_file(path: Path):
    """``path`` opened for reading in binary, or a ``CommandError`` saying in Dutch
    why not (missing, a folder, no permission, another error)."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise CommandError(f"{path}: bestand niet gevonden.") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: dit is een map, geen bestand.") from None
    except PermissionError:
        raise CommandError(f"{path}: geen leesrechten voor dit bestand.") from None
    except OSError as error:
        raise CommandError(_unreadable(path, error)) from None


def _unreadable(path: Path, error: OSError) -> str:
    return f"{path}: kan niet lezen ({error.strerror})."


def moment(value: str, *, option: str) -> datetime:
    """``value`` as an aware time (the site's zone when it names none)."""
    value = value.strip()
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise CommandError(
            f"{option} {value!r} is geen geldige tijd; gebruik ISO 8601, "
            "bijvoorbeeld 2026-12-01T09:30 of 2026-12-01T09:30+01:00."
        )
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return parsed


def authors_by_slug(slugs: list[str]) -> list[Author]:
    """The authors in the order given, each once; every slug must exist."""
    unique = list(dict.fromkeys(slugs))
    found = {a.slug: a for a in Author.objects.filter(slug__in=unique)}
    missing = [slug for slug in unique if slug not in found]
    if missing:
        raise CommandError(
            "Onbekende auteur(s): "
            + ", ".join(missing)
            + ". Maak ze eerst aan in de beheeromgeving."
        )
    return [found[slug] for slug in unique]


def article_by_slug(slug: str, *, live: bool = False) -> Article:
    """The article at ``slug``; with ``live``, only one of the live kind."""
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        raise CommandError(f"Er is geen artikel met de slug {slug!r}.")
    if live and article.kind != Article.Kind.LIVE:
        raise CommandError(
            f"{slug}: dit artikel is geen live-verslag (soort: {article.kind}). "
            "Maak er een met import_article --kind live."
        )
    return article


def topics_by_name(names: list[str]) -> list[Topic]:
    """The topics ``names`` name (name, slug or alias in any case, as the admin and
    the topic pages resolve them), each once, in the order given; an unknown name
    is refused, with the known names closest to it."""
    found: dict[int, Topic] = {}
    for name in names:
        topic = Topic.objects.resolve(name).topic
        if topic is None:
            raise CommandError(_unknown_topic(name))
        found.setdefault(topic.pk, topic)
    return list(found.values())


def _unknown_topic(name: str) -> str:
    known = [
        *Topic.objects.approved().values_list("name", flat=True),
        *TopicAlias.objects.filter(approved=True, topic__approved=True).values_list(
            "name", flat=True
        ),
    ]
    lowered = {item.lower(): item for item in known}
    close = get_close_matches(name.lower(), lowered, n=3, cutoff=0.6)
    hint = (
        f" Bedoel je: {', '.join(lowered[c] for c in close)}?"
        if close
        else " Maak het eerst aan in de beheeromgeving (Onderwerpen)."
    )
    return f"Onbekend onderwerp: {name!r}.{hint}"
