"""The mails: a plain HTML part and a text part from our own templates, in Dutch.

Links are absolute and go straight to our pages: no redirect, no query string added,
no image or pixel, nothing counted. Every mail carries one-click unsubscribe
(RFC 8058): ``List-Unsubscribe`` with the reader's own URL and
``List-Unsubscribe-Post``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from subscriptions.models import Subscriber

__all__ = ["absolute", "build", "manage_url", "unsubscribe_url"]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def manage_url(subscriber: Subscriber) -> str:
    with translation.override("nl"):
        return absolute(reverse("subscriptions:manage", args=[subscriber.token]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    with translation.override("nl"):
        return absolute(reverse("subscriptions:unsubscribe", args=[subscriber.token]))


def build(
    subscriber: Subscriber, template: str, subject: str, context: dict
) -> EmailMultiAlternatives:
    """The mail ``template`` (subscriptions/mail/<template>.txt and .html) for one
    reader; ``context`` gets the site's name and the reader's links."""
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        **context,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "manage_url": manage_url(subscriber),
        "unsubscribe_url": unsubscribe,
    }
    with translation.override("nl"):
        text = render_to_string(f"subscriptions/mail/{template}.txt", context)
        html = render_to_string(f"subscriptions/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
