"""A Redacteur may start the front page on a fresh install (add_frontpage)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles


def update_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_accounts_moved")]
    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
