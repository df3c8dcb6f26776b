"""The subscriptions' tasks: confirmation mails, alerts and the morning digest.

An alert goes out in batches of ``MAIL_BATCH_SIZE`` readers over one SMTP
connection, at most one batch a minute: a batch that leaves readers over enqueues
the next to run 60 seconds later. The send log's cursor (the last reader handled)
makes a retried or next batch start after whoever already had the mail.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles.models import Article, LiveEntry
from background.retry import retried_task
from subscriptions import audience
from subscriptions.delivery import deliver
from subscriptions.mail import absolute, build
from subscriptions.models import DigestRun, PendingConfirmation, SendLog
from subscriptions.services import issue_token

__all__ = [
    "digest_moment",
    "enqueue_due_digest",
    "send_alert",
    "send_confirmation",
    "send_digest",
]

NEXT_BATCH = timedelta(seconds=60)


def _later(task, *args) -> None:
    """Enqueue ``task`` a minute from now (at once where the backend cannot wait:
    the immediate backend of development and tests)."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + NEXT_BATCH)
    task.enqueue(*args)


@retried_task(label=_("Bevestigingsmail versturen"), about=_("aanmelding {0}"))
def send_confirmation(pending_id: int) -> int:
    """Mail the link that confirms one wish to follow; 1 if sent."""
    pending = (
        PendingConfirmation.objects.select_related(
            "subscriber", "topic", "author", "article"
        )
        .filter(pk=pending_id, subscriber__suppressed_at__isnull=True)
        .first()
    )
    if pending is None:
        return 0
    raw = issue_token(pending)  # the only place the token exists in the clear
    with translation.override("nl"):
        link = absolute(reverse("subscriptions:confirm", args=[raw]))
    message = build(
        pending.subscriber,
        "confirm",
        f"Bevestig: {_what(pending)} volgen",
        {"what": _what(pending), "link": link, "hours": 48},
    )
    return deliver([(pending.subscriber, message)], lambda *a: None).sent


def _what(pending) -> str:
    if pending.kind == "daily":
        return "de dagelijkse update"
    return {
        "topic": "het onderwerp",
        "author": "de auteur",
        "live": "het live-verslag",
    }[pending.kind] + f" {pending.target}"


@retried_task(label=_("Alert versturen"), about=_("verzendlog {0}"))
def send_alert(log_id: int) -> int:
    """Send one batch of the alert ``log_id``; enqueue the next if readers remain.
    Returns how many were sent in this batch."""
    log = (
        SendLog.objects.filter(pk=log_id, finished_at=None)
        .select_related("note")
        .first()
    )
    if log is None:
        return 0
    article = Article.objects.published().filter(pk=log.article_id).first()
    entry = None
    if log.entry_id:
        entry = LiveEntry.objects.published().filter(pk=log.entry_id).first()
    if article is None or (log.entry_id and entry is None):
        # Withdrawn (or never visible) by the time we send: nobody gets it.
        SendLog.objects.filter(pk=log.pk).update(
            skipped=True, finished_at=timezone.now()
        )
        return 0
    readers = (
        audience.live_followers(entry) if entry else audience.article_followers(article)
    )
    batch, more = _next_batch(readers.filter(pk__gt=log.cursor))
    # A round sent again for an update or correction of this article tells it.
    note = log.note if log.note and log.note.article_id == article.pk else None
    context = {
        "article": article,
        "entry": entry,
        "note": note,
        "url": absolute(
            entry.get_absolute_url() if entry else article.get_absolute_url()
        ),
    }
    subject = (
        f"Kernmoment: {entry.title or article.headline}" if entry else article.headline
    )
    if note:  # "Correctie: <kop>", "Update: <kop>"
        with translation.override("nl"):
            subject = f"{capfirst(note.get_kind_display())}: {article.headline}"
    return _deliver_batch(
        SendLog,
        log.pk,
        batch,
        lambda reader: build(reader, "alert", subject, context),
        then=send_alert if more else None,
    )


def _next_batch(readers) -> tuple[list, bool]:
    """The next ``MAIL_BATCH_SIZE`` of ``readers`` (after the cursor, by pk), and
    whether more remain."""
    batch = list(readers[: settings.MAIL_BATCH_SIZE + 1])
    return batch[: settings.MAIL_BATCH_SIZE], len(batch) > settings.MAIL_BATCH_SIZE


def _deliver_batch(model, pk: int, batch, mail, *, then) -> int:
    """Deliver ``mail(reader)`` to each of ``batch`` over one connection, moving
    the cursor and counts of ``model`` row ``pk`` (a SendLog or DigestRun) after
    each mail, so a retry starts after the last one handled; then the next batch a
    minute later (the task ``then``), or the row finished. How many were sent."""
    row = model.objects.filter(pk=pk)
    outcome = deliver(
        ((reader, mail(reader)) for reader in batch),
        lambda reader, result: row.update(cursor=reader.pk, **_count(result)),
    )
    if then is not None:
        _later(then, pk)
    else:
        row.update(finished_at=timezone.now())
    return outcome.sent


def _count(result: str) -> dict:
    return {result: F(result) + 1} if result != "none" else {}


@retried_task(label=_("Dagelijkse update versturen"), about=_("dag {0}"))
def send_digest(run_id: int) -> int:
    """Send one batch of the morning digest ``run_id``: each reader with daily
    followings gets the articles of the last day they asked for, in one mail."""
    run = DigestRun.objects.filter(pk=run_id, finished_at=None).first()
    if run is None:
        return 0
    end = digest_moment(run.day)
    articles = audience.day_articles(end - timedelta(days=1), end)
    readers, more = _next_batch(
        audience.digest_readers()
        .filter(pk__gt=run.cursor)
        .prefetch_related("followings")
    )

    def mail(reader):
        chosen = audience.digest_for(reader, articles)
        if not chosen:
            return None  # nothing new for this reader: no empty mail
        items = [(a, absolute(a.get_absolute_url())) for a in chosen]
        subject = f"{settings.SITE_NAME}: je update van {_day(run.day)}"
        return build(reader, "digest", subject, {"items": items, "day": _day(run.day)})

    return _deliver_batch(
        DigestRun,
        run.pk,
        readers,
        mail,
        then=send_digest if more else None,
    )


def _day(day) -> str:
    from django.utils.formats import date_format

    with translation.override("nl"):
        return date_format(day, "j F")


def digest_moment(day) -> datetime:
    """When the digest of ``day`` is due: DIGEST_TIME that day, local time."""
    hour, minute = (int(part) for part in settings.DIGEST_TIME.split(":"))
    return timezone.make_aware(
        datetime(day.year, day.month, day.day, hour, minute),
        timezone.get_default_timezone(),
    )


def enqueue_due_digest(*, now: datetime | None = None) -> DigestRun | None:
    """Start today's digest if its time has come and it has not started yet (run
    it every few minutes: from cron, a timer or the demo's worker). Also forgets
    expired confirmation links (``services.prune``)."""
    from subscriptions.services import prune

    now = now or timezone.now()
    today = timezone.localdate(now)
    if now < digest_moment(today):
        return None
    run, created = DigestRun.objects.get_or_create(day=today)
    if not created:
        return None
    prune()
    send_digest.enqueue(run.pk)
    return run
