"""The three newsroom roles and their permissions (groups; see docs/workflow.md,
"Roles"). Verslaggever: write and submit own articles and live entries, propose
topics. Redacteur: edit any article, publish, schedule, withdraw, approve topics,
updates and corrections, the front page, post and delete any live entry.
Hoofdredactie: everything, including people and sections, the Logboek, unlocking
logins and the security policy (the accounts app), and the list of e-mail
subscribers (the subscriptions app; a Redacteur sees counts and the send log)."""

from django.db.models import Q

__all__ = ["CHIEF_APPS", "ROLES", "ensure_roles"]

REPORTER = [
    ("articles", "add_article"), ("articles", "change_article"),
    ("articles", "view_article"), ("articles", "view_section"),
    ("articles", "view_author"), ("articles", "view_topic"),
    ("articles", "add_topic"), ("articles", "view_topicalias"),
    ("articles", "add_topicalias"), ("articles", "add_articlecomment"),
    ("articles", "view_articlecomment"), ("articles", "view_revision"),
    ("articles", "view_articlenote"), ("embeds", "view_embed"),
    ("articles", "add_image"), ("articles", "change_image"),
    ("articles", "view_image"),
    # Own proposals only, until approved (articles/policy.py, "topics").
    ("articles", "change_topic"), ("articles", "change_topicalias"),
    ("articles", "delete_topicalias"),
    # Live coverage: own entries as drafts or for review (articles/policy.py, "live").
    ("articles", "add_liveentry"), ("articles", "change_liveentry"),
    ("articles", "view_liveentry"), ("articles", "view_liveentrynote"),
    ("articles", "view_liveentryrevision"),
]  # fmt: skip
EDITOR = REPORTER + [
    ("articles", "publish_article"), ("articles", "edit_any_article"),
    ("articles", "approve_topic"), ("articles", "add_author"),
    ("articles", "change_author"), ("articles", "add_articlenote"),
    ("articles", "change_articlenote"), ("articles", "delete_articlenote"),
    ("articles", "add_previewlink"), ("articles", "change_previewlink"),
    ("articles", "view_previewlink"), ("articles", "view_frontpage"),
    ("articles", "add_frontpage"), ("articles", "change_frontpage"),
    ("articles", "add_frontpageslot"), ("articles", "change_frontpageslot"),
    ("articles", "delete_frontpageslot"), ("articles", "view_frontpageslot"),
    ("articles", "view_transition"),
    ("embeds", "change_embed"),
    ("articles", "publish_liveentry"), ("articles", "delete_liveentry"),
    ("articles", "add_liveentrynote"), ("articles", "change_liveentrynote"),
    ("articles", "delete_liveentrynote"),
    # Following by e-mail: how many follow each topic, and the send log; never
    # the addresses (subscriptions/admin.py).
    ("subscriptions", "count_subscriber"), ("subscriptions", "view_sendlog"),
]  # fmt: skip
ROLES = {"Verslaggever": REPORTER, "Redacteur": EDITOR}
CHIEF_APPS = [
    "articles", "accounts", "embeds", "taggit", "auth", "flatpages", "subscriptions",
]  # fmt: skip


def ensure_roles(Group, Permission) -> None:  # noqa: N803 (model classes)
    """Create or update the role groups. Takes the models as arguments so that data
    migrations can pass their historical ones; permissions of models that do not
    exist yet at that point are added by a later migration calling this again."""
    for name, pairs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Q()
        for app, codename in pairs:
            wanted |= Q(content_type__app_label=app, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
    chief, _ = Group.objects.get_or_create(name="Hoofdredactie")
    chief.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CHIEF_APPS)
    )
