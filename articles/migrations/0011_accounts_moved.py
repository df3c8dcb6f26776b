"""The account models now belong to the accounts app (its migration 0001 took them
over); the articles app forgets them without touching their tables. The roles are
brought up to date: the Hoofdredactie keeps every permission it had, now under the
accounts app's label."""

from django.db import migrations

from articles.roles import ensure_roles


def update_roles(apps, schema_editor):
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_accounts"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEvent"),
                migrations.DeleteModel(name="FailedLogin"),
                migrations.DeleteModel(name="SecurityPolicy"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
