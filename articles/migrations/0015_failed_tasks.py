"""Failed tasks in the admin: a proxy of the queue's rows, and the Hoofdredactie's
permissions on it (every articles permission is the chief's: articles.roles)."""

from importlib import import_module

from django.db import migrations

# The same step as when the front page came: create the new permissions, then set
# the roles again.
update_roles = import_module("articles.migrations.0012_roles_front_page").update_roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_date_precision"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.CreateModel(
            name="FailedTask",
            fields=[],
            options={
                "verbose_name": "mislukte taak",
                "verbose_name_plural": "mislukte taken",
                "ordering": ["-finished_at"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("django_tasks_database.dbtaskresult",),
        ),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
