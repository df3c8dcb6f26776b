"""python manage.py import_archive archive.json [--dry-run]

Reads what export_archive wrote (articles/archive) into this database, all or
nothing. Importing the same archive again changes nothing. Bad input: a message
naming the record on stderr, a non-zero exit, nothing written.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.archive import ArchiveError, import_archive


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
        data = self._read(file)
        try:
            summary = import_archive(data, dry_run=dry_run)
        except ArchiveError as error:
            raise CommandError(f"{file}: {error} Er is niets geïmporteerd.") from None
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
                f"ontbreken in de mediamap, bijvoorbeeld {summary.missing_files[0]}. "
                "Zet de back-up van MEDIA_ROOT terug "
                "(docs/operations.md: Backups and recovery).",
                style_func=lambda text: text,
            )

    def _read(self, name: str):
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{name}: bestand niet gevonden.") from None
        except IsADirectoryError:
            raise CommandError(f"{name}: dit is een map, geen bestand.") from None
        except OSError as error:
            raise CommandError(f"{name}: kan niet lezen ({error.strerror}).") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{name}: geen UTF-8-tekst (onleesbare byte op positie {error.start}); "
                "een archief van export_archive is altijd UTF-8."
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{name}: geen geldige JSON (regel {error.lineno}, kolom "
                f"{error.colno}: {error.msg}). Is het bestand compleet? Er is niets "
                "geïmporteerd."
            ) from None
