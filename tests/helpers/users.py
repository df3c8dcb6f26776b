"""The newsroom's roles (articles/roles.py) as the tests make and log in users.

Three roles, each a group: Verslaggever (reporter), Redacteur (editor),
Hoofdredactie (chief). The fixtures ``make_user``, ``reporter``, ``editor``,
``chief`` and their ``*_client`` in tests/conftest.py build on this module.
"""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

__all__ = [
    "FAILURE_LIMIT",
    "GROUPS",
    "LOGIN",
    "PASSWORD",
    "client_for",
    "create_user",
    "log_in",
    "logged_in",
]

# Every test user's password unless a test gives another: long enough for the
# password validators (tests/settings.py hashes with MD5, so it costs nothing).
PASSWORD = "Lang-en-geheim-42"
LOGIN = "/admin/login/"
# Wrong passwords (or codes) in a row that lock an account or an address out
# (AXES_FAILURE_LIMIT).
FAILURE_LIMIT = 10
# A role by its English name in the tests, and the group that is that role.
GROUPS = {
    "reporter": "Verslaggever",
    "editor": "Redacteur",
    "chief": "Hoofdredactie",
}


def _group(role: str) -> Group:
    name = GROUPS.get(role, role)
    if name not in GROUPS.values():
        raise ValueError(f"no such role: {role!r} (one of {sorted(GROUPS)})")
    group = Group.objects.filter(name=name).first()
    if group is None:
        # A transactional test's flush empties the groups the roles migration made
        # (permissions come back, groups do not): make them again the same way.
        from articles.roles import ensure_roles

        ensure_roles(Group, Permission)
        group = Group.objects.get(name=name)
    return group


def create_user(
    username: str,
    role: str | None,
    *,
    password: str | None = PASSWORD,
    permissions=(),
    **fields,
):
    """A user with ``role`` ("reporter"/"editor"/"chief" or the group's Dutch name;
    None for no role), staff unless ``is_staff=False`` is given, with ``password``
    (None: an unusable one) and, on top of the role, the ``permissions`` named by
    codename ("view_article"). Never a superuser unless asked with
    ``is_superuser=True``."""
    fields.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(username, password=password, **fields)
    if role is not None:
        user.groups.add(_group(role))
    if permissions:
        user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
        if len(permissions) != user.user_permissions.count():
            raise ValueError(f"unknown permission in {permissions!r}")
    return user


def client_for(user) -> Client:
    """A new test client logged in as ``user`` (no password, no two-factor code)."""
    client = Client()
    client.force_login(user)
    return client


def log_in(client, username, password=PASSWORD, *, address="192.0.2.1", code=""):
    """Log in through the admin's login form, as a browser at ``address`` does
    (url-encoded: the site refuses uploads from anyone not logged in), with a
    two-factor ``code`` if any; returns the response."""
    return client.post(
        LOGIN,
        urlencode({"username": username, "password": password, "otp_token": code,
                   "next": "/admin/"}),
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR=address,
    )  # fmt: skip


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session
