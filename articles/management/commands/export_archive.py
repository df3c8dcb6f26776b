"""python manage.py export_archive [--since DATE] [--output FILE] > archive.json

Every article with its history and what it refers to, as JSON (articles/archive):
UTF-8, keys sorted, so the same data gives the same file. The media files are not in
it; back up MEDIA_ROOT as well (docs/operations.md, "Backups and recovery").
"""

import os
import stat
import tempfile
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.archive import write_archive


class Command(BaseCommand):
    help = (
        "Schrijf alle artikelen met hun geschiedenis (versies, updates en "
        "correcties, statuswijzigingen, oude webadressen) en wat ze gebruiken "
        "(secties, auteurs, onderwerpen, afbeeldingen, ingesloten berichten) als "
        "JSON-archief naar stdout. Bestanden zelf staan er niet in: maak ook een "
        "back-up van de mediamap. Terugzetten: import_archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            metavar="DATUM",
            help="Alleen artikelen die vanaf dit moment zijn gewijzigd (met wat ze "
            "gebruiken), bijvoorbeeld 2026-03-01 of 2026-03-01T09:30; "
            "Europe/Amsterdam als er geen tijdzone bij staat.",
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="BESTAND",
            help="Schrijf naar dit bestand in plaats van naar stdout. Het wordt pas "
            "vervangen als het archief compleet is.",
        )

    def handle(self, *args, since=None, output=None, **options):
        moment = parse_since(since) if since else None
        if output:
            counts = _write_whole(Path(output), moment)
        else:
            # Bytes, so the archive is UTF-8 whatever the terminal's encoding.
            self.stdout.flush()
            buffer = getattr(self.stdout, "buffer", None)
            if buffer is not None:
                counts = write_archive(buffer, since=moment)
                buffer.flush()
            else:
                counts = write_archive(_TextOut(self.stdout), since=moment)
        counts = ", ".join(
            f"{counts[name]} {label}"
            for name, label in (
                ("articles", "artikelen"),
                ("embeds", "ingesloten berichten"),
                ("images", "afbeeldingen"),
            )
        )
        where = f" naar {output}" if output else ""
        self.stderr.write(
            f"Archief geschreven{where}: {counts}.", style_func=lambda text: text
        )


def parse_since(value: str) -> datetime:
    """An ISO date (midnight) or date and time; Europe/Amsterdam unless it says."""
    value = value.strip()
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time())
    if moment is None:
        raise CommandError(
            f"--since {value!r} is geen geldige datum of tijd; gebruik ISO 8601, "
            "bijvoorbeeld 2026-03-01 of 2026-03-01T09:30."
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment


def _mode(path: Path) -> int:
    """The permissions ``>`` would give: the old file's, else what the umask allows
    (mkstemp makes its file private)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_whole(path: Path, since: datetime | None) -> dict[str, int]:
    """Write the archive to a file next to ``path`` as it is read, then rename it:
    a reader never finds half an archive, and a failure leaves the old file as it
    was."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise CommandError(f"{path}: kan niet schrijven ({error.strerror}).") from None
    try:
        with os.fdopen(handle, "wb") as file:
            counts = write_archive(file, since=since)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"{path}: kan niet schrijven ({error.strerror}).") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return counts


class _TextOut:
    """A text stream (a test's StringIO) that takes the archive's UTF-8 bytes."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"), ending="")
