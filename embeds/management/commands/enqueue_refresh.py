"""python manage.py enqueue_refresh [refresh_embeds' options]: queue the re-check.

For cron or a systemd timer (docs/operations.md): the line returns at once, and a
worker runs ``refresh_embeds`` with the same options
(``embeds.enrichment.tasks.refresh_posts``), retried later if it fails. The options
are checked by refresh_embeds' own parser now, so a typo in a crontab fails here,
where cron mails it, not in the worker.
"""

from django.core.management.base import BaseCommand

from embeds.enrichment.tasks import refresh_posts
from embeds.management.commands.refresh_embeds import Command as Refresh


class Command(BaseCommand):
    help = (
        "Zet de controle van ingesloten berichten (refresh_embeds) in de wachtrij, "
        "met dezelfde opties; een worker voert haar uit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "options", nargs="*", help="Opties voor refresh_embeds, na --."
        )

    def handle(self, *args, options, **rest):
        Refresh().create_parser("manage.py", "refresh_embeds").parse_args(options)
        result = refresh_posts.enqueue(options)
        self.stdout.write(
            f"In de wachtrij: refresh_embeds {' '.join(options)} ({result.id})"
        )
