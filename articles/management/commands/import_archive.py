"""python manage.py import_archive archive.json [--dry-run]

Reads what export_archive wrote (articles/archive) into this database, all or
nothing. Importing the same archive again changes nothing. Bad input (a file that is
not UTF-8, not JSON, nested too deep, or a record of the wrong shape): one line on
stderr naming what is wrong and where, exit status 1, nothing written.
"""

import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.archive import ArchiveError, import_archive, scan
from articles.management.reading import open_file


class Command(BaseCommand):
    help = (
        "Zet een archief van export_archive terug: artikelen met hun geschiedenis, "
        "secties, auteurs, onderwerpen, afbeeldingen en ingesloten berichten. Wat er "
        "al precies zo staat, blijft ongemoeid; een artikel met dezelfde slug krijgt "
        "de velden uit het archief. Alles of niets: bij een fout wordt niets "
        "opgeslagen. Bestanden komen uit de back-up van de mediamap, niet uit het "
        "archief."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het archief (JSON); - leest van stdin.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Controleer het archief en toon wat er zou veranderen; sla niets op.",
        )

    def handle(self, *args, file, dry_run=False, **options):
        with _opened(file) as handle:
            self._import(handle, file, dry_run)

    def _import(self, handle, file: str, dry_run: bool) -> None:
        try:
            data = scan(handle)
        except ArchiveError as error:
            raise CommandError(
                one_line(f"{file}: {error} Er is niets geïmporteerd.")
            ) from None
        try:
            summary = import_archive(data, dry_run=dry_run)
        except ArchiveError as error:
            raise CommandError(
                one_line(f"{file}: {error} Er is niets geïmporteerd.")
            ) from None
        heading = "Proefimport, niets opgeslagen" if dry_run else "Archief ingelezen"
        self.stdout.write(f"{heading} ({file}):")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if summary.new_users:
            self.stdout.write(
                "Nieuwe gebruikers, inactief en zonder wachtwoord: "
                + ", ".join(summary.new_users)
                + ". Geef ze in het beheer een wachtwoord en zet ze op actief als ze "
                "weer moeten inloggen."
            )
        if summary.missing_files:
            self.stderr.write(
                f"let op: {len(summary.missing_files)} bestand(en) uit het archief "
                "ontbreken in de media-opslag, bijvoorbeeld "
                f"{summary.missing_files[0]}. "
                "Zet de back-up van de media terug (de map MEDIA_ROOT, of de bucket "
                "bij MEDIA_STORAGE=s3) "
                "(docs/operations.md: Backups and recovery).",
                style_func=lambda text: text,
            )


@contextmanager
def _opened(name: str):
    """The archive's file, to be read again for each pass (``articles.archive.scan``);
    stdin is first copied to a temporary file."""
    if name == "-":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
        try:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        except OSError as error:
            handle.close()
            raise CommandError(f"-: kan niet lezen ({error.strerror}).") from None
    else:
        handle = open_file(Path(name))
    with handle:
        yield handle


def one_line(message: str) -> str:
    """``message`` on one line: values quoted from the file may hold line breaks."""
    return " ".join(message.split())
