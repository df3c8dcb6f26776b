"""What happens when the articles app says something became visible: one send log
per article (or key moment), made once, and the alert task for it. A signal sent
again finds the log and sends nothing."""

from subscriptions.models import SendLog
from subscriptions.tasks import send_alert

__all__ = ["alert_article", "alert_key_moment"]


def alert_article(sender, article, **kwargs) -> None:
    log, created = SendLog.objects.get_or_create(article=article, entry=None)
    if created:
        send_alert.enqueue(log.pk)


def alert_key_moment(sender, entry, **kwargs) -> None:
    log, created = SendLog.objects.get_or_create(article=entry.article, entry=entry)
    if created:
        send_alert.enqueue(log.pk)
