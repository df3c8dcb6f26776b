"""The periodic check for alerts: what became visible with time (a scheduled
article, a scheduled key moment) is claimed and signalled within a minute.

Visibility is a function of time, so nothing happens at the moment a scheduled
article goes live; this task, enqueued every minute (``enqueue_alerts`` from cron or
a timer, ``demo_worker`` in the demo), notices it. Not retried: the next minute's
run does the same work.
"""

from django.utils.translation import gettext_lazy as _

from articles.alerts.claims import claim_due
from background.retry import retried_task

__all__ = ["send_due_alerts"]


@retried_task(label=_("Alerts versturen"), delays=())
def send_due_alerts() -> list[int]:
    """Claim what is visible and not alerted yet; [articles, key moments] claimed."""
    return list(claim_due())
