"""python manage.py copy_media_to_storage [--from DIR] [--dry-run]: local media into
the configured media store (MEDIA_STORAGE=s3), under the same names.

Idempotent (files already there, the same, are skipped), with a line per file. A
store that cannot be reached or refuses (no such bucket, wrong keys) stops the run
with exit status 1 and a message saying what to check; run it again once fixed.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError

from articles.services.media_copy import copy_media

OUTCOMES = {
    "copied": "gekopieerd",
    "present": "al aanwezig",
    "would copy": "zou worden gekopieerd",
}


class Command(BaseCommand):
    help = (
        "Kopieer media van de schijf (MEDIA_ROOT) naar de ingestelde opslag "
        "(MEDIA_STORAGE=s3), onder dezelfde namen. Wat er al staat, wordt overgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="folder",
            default=None,
            help="De map met de media (standaard MEDIA_ROOT).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen laten zien wat er gekopieerd zou worden.",
        )

    def handle(self, *args, folder=None, dry_run=False, verbosity=1, **options):
        folder = Path(folder or settings.MEDIA_ROOT)
        if not folder.is_dir():
            raise CommandError(f"{folder} is geen map: geef de media-map met --from.")
        # The old disk, on purpose: the one place that reads media outside the store.
        source = FileSystemStorage(location=folder)
        target = default_storage
        if isinstance(target, FileSystemStorage):  # the lazy object says its class
            raise CommandError(
                "De media-opslag is de schijf (MEDIA_STORAGE=local): er is geen "
                "bucket om naar te kopiëren. Zet MEDIA_STORAGE=s3 en S3_BUCKET "
                "(docs/configuration.md)."
            )
        try:
            target.listdir("")  # reachable, the bucket exists, the keys are good
        except OSError as error:
            raise CommandError(
                f"De media-opslag is niet bruikbaar ({error}). Controleer "
                "S3_ENDPOINT_URL, S3_BUCKET, S3_REGION en de sleutels "
                "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)."
            ) from error

        def progress(done, total, name, outcome):
            if verbosity >= 1:
                self.stdout.write(f"[{done}/{total}] {name}: {OUTCOMES[outcome]}")

        try:
            result = copy_media(source, target, dry_run=dry_run, progress=progress)
        except OSError as error:
            raise CommandError(
                f"Kopiëren afgebroken: {error}. Wat al gekopieerd is, blijft staan; "
                "draai het commando opnieuw zodra de opslag weer werkt."
            ) from error
        verb = "zou kopiëren" if dry_run else "gekopieerd"
        self.stdout.write(
            f"Klaar: {result.copied} {verb} ({result.bytes_copied / 1024 / 1024:.1f} "
            f"MB), {result.present} al aanwezig."
        )
