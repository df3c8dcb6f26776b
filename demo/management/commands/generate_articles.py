"""python manage.py generate_articles N: N realistic articles, for load testing.

The work is in demo.generating.articles; this reads the options and shows progress.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.generating import articles as generating


class Command(BaseCommand):
    help = (
        "Maak N realistische (verzonnen) artikelen voor belastingtests, met auteurs, "
        "onderwerpen, secties, updates, correcties en ingesloten berichten; wat "
        "ontbreekt aan auteurs, onderwerpen en secties wordt aangemaakt. Elke batch "
        "staat in een eigen transactie: gaat er halverwege iets mis, dan blijven de "
        "batches ervoor bewaard en is van de mislukte batch niets geschreven. "
        f"Elk {generating.RARE_EVERY}e artikel bevat het zoekwoord "
        f"“{generating.RARE_WORD}” (voor zoekbenchmarks). Dezelfde --seed geeft "
        "dezelfde artikelen; een tweede run voegt ze opnieuw toe, met nieuwe slugs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "count",
            metavar="N",
            help="Hoeveel artikelen, bijvoorbeeld 100000 "
            f"(hoogstens {generating.MAX_COUNT}).",
        )
        parser.add_argument(
            "--batch",
            default=generating.DEFAULT_BATCH,
            help="Artikelen per transactie (standaard %(default)s, hoogstens "
            f"{generating.MAX_BATCH}).",
        )
        parser.add_argument(
            "--seed",
            default=generating.DEFAULT_SEED,
            help="Startwaarde van de toevalsgenerator (standaard %(default)s).",
        )

    def handle(self, *args, count, batch, seed, verbosity, **options):
        try:
            count = generating.parse_positive(
                count, what="N", maximum=generating.MAX_COUNT, example="100000"
            )
            batch = generating.parse_positive(
                batch, what="--batch", maximum=generating.MAX_BATCH, example="1000"
            )
            seed = generating.parse_positive(
                seed, what="--seed", maximum=2**63, example="42"
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        progress = _Progress(self.stderr) if verbosity > 0 else None
        try:
            result = generating.generate_articles(
                count, batch_size=batch, seed=seed, progress=progress
            )
        finally:
            if progress is not None:
                progress.close()
        self.stdout.write(
            f"{result.count} artikelen gemaakt in {result.seconds:.1f} s "
            f"({result.per_second:.0f} per seconde)."
        )


class _Progress:
    """A one-line progress bar: done, share, rate and time left, at most 4 a second."""

    def __init__(self, stream):
        self.stream, self.started, self.shown, self.written = (
            stream,
            time.monotonic(),
            0.0,
            False,
        )

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown < 0.25 and done < total:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-6)
        left = (total - done) / rate if rate else 0
        self.stream.write(
            f"\r {done}/{total} artikelen ({100 * done // total}%) · {rate:.0f}/s "
            f"· nog {left:.0f} s ",
            style_func=lambda text: text,  # not the error colour of stderr
            ending="",
        )
        self.stream.flush()
        self.written = True

    def close(self) -> None:
        if self.written:
            self.stream.write("", ending="\n")
