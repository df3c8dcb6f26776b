"""Sending a batch of mails over one SMTP connection, and what the server says.

A recipient the server refuses with a 5xx (a hard bounce: the mailbox does not
exist) is suppressed at once and never mailed again; a 4xx is a failure for this
mail only. A connection that breaks raises, so the task is retried: the caller
records each reader handled (its cursor) before the next, and the retry goes on
after the last one, never mailing anyone twice.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection

from subscriptions.models import Subscriber
from subscriptions.services import suppress

__all__ = ["Outcome", "deliver"]

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    suppressed: int = 0


def deliver(
    mails: Iterable[tuple[Subscriber, EmailMessage | None]],
    handled: Callable[[Subscriber, str], None],
) -> Outcome:
    """Send each (reader, mail) over one connection; ``handled(reader, outcome)``
    is called after each (outcome "sent", "failed", "suppressed" or "none" for a
    reader with nothing to send), before the next one goes."""
    outcome = Outcome()
    with get_connection() as connection:
        for subscriber, message in mails:
            if message is None:
                handled(subscriber, "none")
                continue
            message.connection = connection
            result = _send(subscriber, message)
            setattr(outcome, result, getattr(outcome, result) + 1)
            handled(subscriber, result)
    return outcome


def _send(subscriber: Subscriber, message: EmailMessage) -> str:
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as refused:
        code = min((code for code, _ in refused.recipients.values()), default=0)
        if 500 <= code < 600:
            suppress(subscriber.email, Subscriber.Reason.BOUNCE)
            return "suppressed"
        logger.warning(
            "Mail to subscriber %s refused for now (%s)", subscriber.pk, code
        )
        return "failed"
    except smtplib.SMTPDataError as error:
        logger.warning(
            "Mail to subscriber %s refused (%s)", subscriber.pk, error.smtp_code
        )
        return "failed"
    return "sent"
