"""The three newsroom roles as groups, with their permissions.

Verslaggever: write and submit own articles. Redacteur: edit any article, publish,
schedule, withdraw, add updates and corrections, curate the front page.
Hoofdredactie: everything, including people and sections.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = [
    ("articles", "add_article"), ("articles", "change_article"),
    ("articles", "view_article"), ("articles", "view_section"),
    ("articles", "view_author"), ("articles", "view_topic"),
    ("articles", "add_topic"), ("articles", "view_topicalias"),
    ("articles", "add_topicalias"), ("articles", "add_articlecomment"),
    ("articles", "view_articlecomment"), ("articles", "view_revision"),
    ("articles", "view_articlenote"), ("embeds", "view_embed"),
]  # fmt: skip
EDITOR = REPORTER + [
    ("articles", "publish_article"), ("articles", "edit_any_article"),
    ("articles", "change_topic"), ("articles", "change_topicalias"),
    ("articles", "delete_topicalias"), ("articles", "add_author"),
    ("articles", "change_author"), ("articles", "add_articlenote"),
    ("articles", "change_articlenote"), ("articles", "delete_articlenote"),
    ("articles", "add_previewlink"), ("articles", "change_previewlink"),
    ("articles", "view_previewlink"), ("articles", "view_frontpage"),
    ("articles", "change_frontpage"), ("articles", "add_frontpageslot"),
    ("articles", "change_frontpageslot"), ("articles", "delete_frontpageslot"),
    ("articles", "view_frontpageslot"), ("articles", "view_transition"),
    ("embeds", "change_embed"),
]  # fmt: skip
ROLES = {"Verslaggever": REPORTER, "Redacteur": EDITOR}
CHIEF_APPS = ["articles", "embeds", "taggit", "auth"]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    for name, pairs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(pairs))
    chief, _ = Group.objects.get_or_create(name="Hoofdredactie")
    chief.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CHIEF_APPS)
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Verslaggever", "Redacteur", "Hoofdredactie"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("embeds", "0001_archive"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
