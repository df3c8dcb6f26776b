"""python manage.py send_digests: start today's morning digest when it is due.

Run it every few minutes (cron or a systemd timer, docs/subscriptions.md); before
DIGEST_TIME, or once today's digest has started, it does nothing, so each reader
gets at most one digest a day. A worker sends it, in batches.
"""

from django.core.management.base import BaseCommand

from subscriptions.tasks import enqueue_due_digest


class Command(BaseCommand):
    help = "Zet de dagelijkse update in de wachtrij als het tijd is (één keer per dag)."

    def handle(self, *args, **options):
        run = enqueue_due_digest()
        if run is None:
            self.stdout.write("Niets te doen: nog niet de tijd, of vandaag al gedaan.")
        else:
            self.stdout.write(f"Dagelijkse update van {run.day} in de wachtrij.")
