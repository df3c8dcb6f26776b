"""python manage.py refresh_embeds [--older-than DAYS] [--provider NAME] ...

Re-checks archived posts through oEmbed. A 404 or 410 marks a post deleted (its
archive stays); other failures leave it as it was (last_checked_at too) and are
listed. Exits with status 1 when every check failed. The network runs in
a few worker threads; the database is written by this thread alone.
"""

from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from embeds.models import Embed
from embeds.providers import PROVIDERS
from embeds.services import can_check, check_remote, record_check

LABELS = {
    "unchanged": "ongewijzigd",
    "updated": "aangevuld",
    "restored": "weer online",
    "deleted": "verwijderd",
    "failed": "mislukt",
}


class Command(BaseCommand):
    help = "Controleer gearchiveerde berichten opnieuw bij hun platform (oEmbed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=0,
            help="Alleen berichten die langer dan DAYS dagen niet zijn gecontroleerd.",
        )
        parser.add_argument(
            "--provider",
            action="append",
            choices=sorted(PROVIDERS),
            help="Alleen dit platform; mag vaker.",
        )
        parser.add_argument(
            "--include-deleted",
            action="store_true",
            help="Ook berichten die al als verwijderd gemarkeerd zijn.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=4,
            help="Aantal gelijktijdige verzoeken (1-8, standaard 4).",
        )

    def handle(self, *args, older_than, provider, include_deleted, workers, **options):
        if older_than < 0:
            raise CommandError("--older-than moet 0 of meer dagen zijn.")
        if not 1 <= workers <= 8:
            raise CommandError("--workers moet tussen 1 en 8 liggen.")
        embeds = Embed.objects.order_by("last_checked_at", "pk")
        if older_than:
            cutoff = timezone.now() - timedelta(days=older_than)
            embeds = embeds.filter(
                Q(last_checked_at__lt=cutoff) | Q(last_checked_at=None)
            )
        if provider:
            embeds = embeds.filter(provider__in=provider)
        if not include_deleted:
            embeds = embeds.exclude(state=Embed.State.DELETED)
        embeds = list(embeds)
        checkable = [embed for embed in embeds if can_check(embed)]
        skipped = len(embeds) - len(checkable)
        total = len(checkable)
        self.stdout.write(f"{total} bericht(en) te controleren" + (
            f"; {skipped} overgeslagen (platform zonder oEmbed of als tekst geplakt)."
            if skipped else "."
        ))  # fmt: skip
        counts = dict.fromkeys(LABELS, 0)
        failures = []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(check_remote, embed): embed for embed in checkable}
            for done, future in enumerate(as_completed(futures), start=1):
                embed = futures[future]
                outcome = record_check(embed, **future.result())
                counts[outcome] += 1
                if outcome == "failed":
                    failures.append((embed, embed.check_error))
                width = len(str(total))
                self.stdout.write(
                    f"[{done:>{width}}/{total}] {LABELS[outcome]:<11} {embed.url}"
                )
        summary = ", ".join(f"{LABELS[k]} {v}" for k, v in counts.items() if v)
        self.stdout.write(f"Klaar: {summary or 'niets te doen'}.")
        for embed, error in failures:
            self.stderr.write(f"mislukt: {embed.url}: {error}")
        self.check_outcome(total, len(failures))

    @staticmethod
    def check_outcome(total: int, failed: int) -> None:
        """Exit non-zero when there was something to check and every check failed:
        then the providers, the network or DNS are down, not the posts, and cron or
        the timer should say so. Failed posts keep their last_checked_at, so the
        next run tries them again."""
        if total and failed == total:
            raise CommandError(
                f"Alle {total} controle(s) zijn mislukt; er is niets gecontroleerd. "
                "Ligt het netwerk, DNS of het platform eruit? De fouten staan "
                "hierboven."
            )
