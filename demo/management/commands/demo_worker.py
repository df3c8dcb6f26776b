"""python manage.py demo_worker [--refresh-every SECONDS] [--alerts-every SECONDS]:
the demo's worker loop.

``make demo`` runs it beside gunicorn. It runs the queue's tasks as
``manage.py db_worker`` does, and, since django-tasks has no scheduler, enqueues
the re-check of embedded posts (``embeds.enrichment.tasks.refresh_posts``) at the
start and every ``--refresh-every`` seconds after, the alert check
(``articles.alerts.tasks.send_due_alerts``) every ``--alerts-every`` seconds (a
minute), and the morning digest of the subscriptions once DIGEST_TIME has passed:
what cron or a systemd timer does in production (docs/operations.md,
docs/subscriptions.md).
"""

import time

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from articles.alerts.tasks import send_due_alerts
from embeds.enrichment.tasks import refresh_posts
from subscriptions.tasks import enqueue_due_digest

IDLE = 1.0  # seconds between looks at an empty queue


class Command(BaseCommand):
    help = (
        "De worker van de demo: voert taken uit, controleert berichten periodiek en "
        "verstuurt elke minuut de alerts van wat sindsdien verscheen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh-every", type=int, default=3600, metavar="SECONDS"
        )
        parser.add_argument("--alerts-every", type=int, default=60, metavar="SECONDS")

    def handle(self, *args, refresh_every, alerts_every, **options):
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,  # returns when nothing is ready: the loop below decides
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"demo-{get_random_string(8)}",
            excluded_queue_names=[],
        )
        self.stdout.write("Worker draait; Ctrl+C of het stoppen van de demo stopt hem.")
        # SIGTERM (make demo's trap) or Ctrl+C: a running task finishes first, as
        # with db_worker; then the loop ends.
        worker.configure_signals()
        next_refresh = next_alerts = time.monotonic()
        while worker.running:
            if time.monotonic() >= next_refresh:
                refresh_posts.enqueue([])
                next_refresh = time.monotonic() + refresh_every
            if time.monotonic() >= next_alerts:
                send_due_alerts.enqueue()
                next_alerts = time.monotonic() + alerts_every
            # The morning digest once DIGEST_TIME has passed (once a day at most).
            enqueue_due_digest()
            worker.run()
            time.sleep(IDLE)
