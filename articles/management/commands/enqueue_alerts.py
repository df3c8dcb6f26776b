"""python manage.py enqueue_alerts: queue the periodic alert check, every minute.

For cron or a systemd timer (docs/operations.md): the line returns at once, and a
worker claims what became visible since the last run (a scheduled article whose
time has come, a scheduled key moment) and sends each alert once
(``articles.alerts.tasks.send_due_alerts``).
"""

from django.core.management.base import BaseCommand

from articles.alerts.tasks import send_due_alerts


class Command(BaseCommand):
    help = (
        "Zet de controle op alerts in de wachtrij (elke minuut vanuit cron of een "
        "timer); een worker stuurt wat sindsdien voor lezers verscheen."
    )

    def handle(self, *args, **options):
        result = send_due_alerts.enqueue()
        self.stdout.write(f"In de wachtrij: alerts ({result.id})")
