"""A real SMTP server on loopback (aiosmtpd) that keeps the mails as received."""

import email
import re
from email import policy

import pytest
from aiosmtpd.controller import Controller

PORTS = iter(range(8261, 8270))


class Inbox:
    """The server's handler: refuses the addresses in ``refuse`` at RCPT with a 550
    (a hard bounce), keeps every mail it accepts as a parsed message."""

    def __init__(self):
        self.messages = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 Dit postvak bestaat niet"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def parts(message):
    """(text, html) of a received mail."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


@pytest.fixture(scope="session")
def _smtp_server():
    inbox = Inbox()
    for port in PORTS:
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except Exception:  # noqa: S112 (port taken: the next one)
            continue
        break
    yield inbox, port
    controller.stop()


@pytest.fixture
def smtp(_smtp_server, settings):
    """The inbox of a loopback SMTP server Django sends to, empty at the start."""
    inbox, port = _smtp_server
    inbox.messages.clear()
    inbox.refuse.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.DEFAULT_FROM_EMAIL = "De Verklaring <alerts@verklaring.test>"
    settings.SITE_URL = "https://verklaring.test"
    settings.ALLOWED_HOSTS = ["testserver", "verklaring.test"]
    return inbox


def post_form(client, path, data=None, **extra):
    """A POST as a browser sends a form (urlencoded: multipart is refused outside
    the admin, newsroom/guards.py)."""
    from urllib.parse import urlencode

    return client.post(
        path,
        urlencode(data or {}),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )
