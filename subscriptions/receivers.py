"""What happens when the articles app says something became visible: one send log
per article (or key moment), made once, and the alert task for it. A signal sent
again finds the log and sends nothing, unless an editor asked for the alert once
more (``again``, "Stuur opnieuw een alert"): then a finished log starts a new round
from the first reader, about the update or correction it was asked for (``note``),
and its counts go on adding up."""

from subscriptions.models import SendLog
from subscriptions.tasks import send_alert

__all__ = ["alert_article", "alert_key_moment"]


def alert_article(sender, article, again=False, note=None, **kwargs) -> None:
    log, created = SendLog.objects.get_or_create(
        article=article, entry=None, defaults={"note": note}
    )
    if created:
        send_alert.enqueue(log.pk)
    elif again:
        # Only a finished round starts again (one that is still sending already
        # reaches everyone); the conditional update makes two asks one round. The
        # new round's mail tells the update or correction it is sent for.
        restarted = SendLog.objects.filter(pk=log.pk).exclude(finished_at=None)
        if restarted.update(cursor=0, finished_at=None, skipped=False, note=note):
            send_alert.enqueue(log.pk)


def alert_key_moment(sender, entry, **kwargs) -> None:
    log, created = SendLog.objects.get_or_create(article=entry.article, entry=entry)
    if created:
        send_alert.enqueue(log.pk)
