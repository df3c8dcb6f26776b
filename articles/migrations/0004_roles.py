"""The three newsroom roles as groups, with their permissions.

Verslaggever: write and submit own articles. Redacteur: edit any article, publish,
schedule, withdraw, add updates and corrections, curate the front page.
Hoofdredactie: everything, including people and sections.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles

def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


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
