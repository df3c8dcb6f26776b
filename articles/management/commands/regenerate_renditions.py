"""python manage.py regenerate_renditions [--id ID ...]: remake images' renditions.

For a new rendition ladder or format; one image at a time, with progress. An image
whose original cannot be read is reported and skipped; the run goes on.
"""

from django.core.management.base import BaseCommand

from articles.images.services import regenerate
from articles.models import Image


class Command(BaseCommand):
    help = "Maak de varianten (breedtes, formaten, uitsneden) van afbeeldingen opnieuw."

    def add_arguments(self, parser):
        parser.add_argument(
            "--id", type=int, action="append", help="Alleen deze afbeelding; mag vaker."
        )

    def handle(self, *args, id=None, **options):  # noqa: A002 (the option's name)
        images = Image.objects.order_by("pk")
        if id:
            images = images.filter(pk__in=id)
        total = images.count()
        failed = 0
        for done, image in enumerate(images.iterator(), start=1):
            try:
                regenerate(image)
                outcome = f"{len(image.renditions)} varianten"
            except Exception as error:  # noqa: BLE001 (report and go on)
                failed += 1
                outcome = f"mislukt: {error}"
                self.stderr.write(f"afbeelding {image.pk}: {error}")
            self.stdout.write(f"[{done}/{total}] {image.pk} {image}: {outcome}")
        self.stdout.write(f"Klaar: {total - failed} gelukt, {failed} mislukt.")
