"""Audit events for what no other record keeps: roles given or taken, accounts
changed, unlocks, two-factor set up or removed, the policy; other apps record their
own events with ``record()`` (the articles app: deleted notes and articles).

Role and account changes are caught by model signals (``connect_signals``, called
from the app config), so a change made anywhere (the admin, a command, the shell) is
recorded. Who did it comes from the request being served (``ActingUserMiddleware``
sets it); outside a request (commands, migrations) the event has no actor.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext as _

from accounts.models import AuditEvent

__all__ = ["acting_as", "connect_signals", "current_actor", "record"]

_request = ContextVar("accounts_request", default=None)
FLAGS = ("is_staff", "is_superuser", "is_active")


@contextmanager
def acting_as(request):
    """Attribute events recorded inside the block to ``request.user``."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def current_actor():
    """The logged-in user of the request being served, or ``None``."""
    request = _request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


_CURRENT = object()


def record(kind: str, *, subject: str, detail: str = "", actor=_CURRENT) -> AuditEvent:
    """Write one audit event; ``actor`` defaults to the current request's user."""
    if actor is _CURRENT:
        actor = current_actor()
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        subject=subject[:300],
        detail=detail,
    )


def _yes_no(value: bool) -> str:
    return _("aan") if value else _("uit")


def _flag_labels():
    return {
        "is_staff": _("toegang tot het beheer"),
        "is_superuser": _("alle rechten (superuser)"),
        "is_active": _("actief"),
    }


def _remember_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        return  # e.g. last_login at every login
    instance._audit_old_flags = (
        sender.objects.filter(pk=instance.pk).values(*FLAGS).first()
    )


def _account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    labels = _flag_labels()
    if created:
        detail = "; ".join(
            f"{labels[flag]}: {_yes_no(getattr(instance, flag))}" for flag in FLAGS
        )
        record(
            AuditEvent.Kind.ACCOUNT,
            subject=instance.get_username(),
            detail=_("Account aangemaakt (%(flags)s).") % {"flags": detail},
        )
        return
    old = getattr(instance, "_audit_old_flags", None)
    instance._audit_old_flags = None
    if not old:
        return
    changes = [
        f"{labels[flag]}: {_yes_no(old[flag])} → {_yes_no(getattr(instance, flag))}"
        for flag in FLAGS
        if old[flag] != getattr(instance, flag)
    ]
    if changes:
        record(
            AuditEvent.Kind.ACCOUNT,
            subject=instance.get_username(),
            detail="; ".join(changes),
        )


def _account_deleted(sender, instance, **kwargs):
    actor = current_actor()
    record(
        AuditEvent.Kind.ACCOUNT,
        subject=instance.get_username(),
        detail=_("Account verwijderd."),
        # The row is gone: an event may not point at it.
        actor=None if actor is not None and actor.pk == instance.pk else actor,
    )


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A user given or relieved of a role, from either side of the relation."""
    if action == "pre_clear":
        related = instance.groups.all() if not reverse else instance.user_set.all()
        pk_set = set(related.values_list("pk", flat=True))
        action = "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    kind = (
        AuditEvent.Kind.ROLE_ADDED
        if action == "post_add"
        else AuditEvent.Kind.ROLE_REMOVED
    )
    others = model.objects.filter(pk__in=pk_set)
    pairs = (
        [(instance, group) for group in others]
        if not reverse
        else [(user, instance) for user in others]
    )
    for user, group in pairs:
        record(kind, subject=user.get_username(), detail=group.name)


def _role_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        pk_set = set(instance.permissions.values_list("pk", flat=True))
    if not pk_set:
        return
    from django.contrib.auth.models import Permission

    names = sorted(
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
    )
    label = _("erbij") if action == "post_add" else _("eraf")
    record(
        AuditEvent.Kind.ROLE_PERMISSIONS,
        subject=instance.name,
        detail=f"{label}: {', '.join(names)}",
    )


def connect_signals() -> None:
    User = get_user_model()  # noqa: N806 (a model class)
    uid = "accounts.audit"
    pre_save.connect(_remember_flags, sender=User, dispatch_uid=uid)
    post_save.connect(_account_saved, sender=User, dispatch_uid=uid)
    post_delete.connect(_account_deleted, sender=User, dispatch_uid=uid)
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid=uid)
    m2m_changed.connect(
        _role_permissions_changed, sender=Group.permissions.through, dispatch_uid=uid
    )
