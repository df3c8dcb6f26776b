"""Topics and aliases a Verslaggever proposes stay private until a Redacteur
approves them (or publishes an article using them). Every existing topic and alias
is approved (the field's default); Redacteuren get "approve_topic", Verslaggevers
may change their own proposals (articles/policy.py decides which)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from articles.roles import ensure_roles


def update_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def proposer():
    return models.ForeignKey(
        blank=True,
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        verbose_name="voorgesteld door",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_roles_front_page"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="topic",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "approve_topic",
                        "Mag voorgestelde onderwerpen en aliassen goedkeuren",
                    )
                ],
                "verbose_name": "onderwerp",
                "verbose_name_plural": "onderwerpen",
            },
        ),
        migrations.AddField(
            model_name="topic",
            name="approved",
            field=models.BooleanField(
                default=True,
                help_text="Pas goedgekeurd zijn naam, beschrijving en pagina openbaar.",
                verbose_name="goedgekeurd",
            ),
        ),
        migrations.AddField(
            model_name="topic", name="proposed_by", field=proposer()
        ),
        migrations.AddField(
            model_name="topicalias",
            name="approved",
            field=models.BooleanField(
                default=True,
                help_text="Pas goedgekeurd leidt de alias naar het onderwerp.",
                verbose_name="goedgekeurd",
            ),
        ),
        migrations.AddField(
            model_name="topicalias", name="proposed_by", field=proposer()
        ),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
