"""Login throttling with django-axes: which address a login comes from, the page a
locked-out editor sees, clearing an account's failures when it logs in, unlocking.

Axes counts failed logins per username and per address (AXES_LOCKOUT_PARAMETERS);
at AXES_FAILURE_LIMIT either one refuses further logins, even with the right
password, until the Hoofdredactie unlocks or AXES_COOLOFF_TIME passes without tries.
"""

import ipaddress

from axes.helpers import get_cool_off
from axes.utils import reset
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import AuditEvent

__all__ = [
    "client_ip",
    "connect_signals",
    "lockout_response",
    "unlock",
    "valid_address",
]


def valid_address(value: str | None) -> str | None:
    """``value`` as a normalised IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: ``PROXY_COUNT`` entries from the right of
    X-Forwarded-For (each trusted proxy appends the address it saw), or REMOTE_ADDR
    without proxies. A header too short or not an address falls back to
    REMOTE_ADDR, so a client cannot choose its address by sending the header."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [
            part
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count and (address := valid_address(forwarded[-count])):
            return address
    return valid_address(request.META.get("REMOTE_ADDR"))


def lockout_response(request, original_response=None, credentials=None):
    """The Dutch page a locked-out login gets, in the admin's style (status 429)."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Inloggen geblokkeerd"),
        "cool_off_hours": int(cool_off.total_seconds() // 3600) if cool_off else None,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(
        request,
        "admin/accounts/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def unlock(*, username: str | None = None, ip_address: str | None = None, by) -> int:
    """Clear the failed logins of ``username`` (from every address) or of
    ``ip_address`` (for every username), which lifts a lock; record who did it.
    Returns how many counters were cleared."""
    if bool(username) == bool(ip_address):
        raise ValueError("Give a username or an address, not both.")
    if username:
        cleared = reset(username=username)
        subject = _("account “%(name)s”") % {"name": username}
    else:
        cleared = reset(ip=ip_address)
        subject = _("adres %(address)s") % {"address": ip_address}
    record(AuditEvent.Kind.UNLOCKED, subject=subject, actor=by)
    return cleared


def _clear_own_failures(sender, request, user, **kwargs):
    """A successful login ends the account's run of failures ("in a row"); other
    accounts' failures from the same address stay counted."""
    reset(username=user.get_username())


def connect_signals() -> None:
    user_logged_in.connect(_clear_own_failures, dispatch_uid="accounts")
