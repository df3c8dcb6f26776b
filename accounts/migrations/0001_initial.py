"""The account models move here from the articles app, which created them (its
migration 0010). Only Django's record of them moves: the tables keep their names
(``db_table``), and the content types are relabelled in place, so every permission,
every role's and user's grant of it and every admin log entry stays as it was."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("auditevent", "failedlogin", "securitypolicy")


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    Permission = apps.get_model("auth", "Permission")  # noqa: N806
    for model in MODELS:
        moving = ContentType.objects.filter(app_label=old, model=model).first()
        if moving is None:
            continue
        there = ContentType.objects.filter(app_label=new, model=model).first()
        if there is None:
            moving.app_label = new
            moving.save(update_fields=["app_label"])
            continue
        # Both exist (permissions were made for the new label already): keep the
        # new type, carry every grant of the old permissions over, drop the old.
        for permission in Permission.objects.filter(content_type=moving):
            twin = Permission.objects.filter(
                content_type=there, codename=permission.codename
            ).first()
            if twin is None:
                permission.content_type = there
                permission.save(update_fields=["content_type"])
                continue
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
            permission.delete()
        apps.get_model("admin", "LogEntry").objects.filter(
            content_type=moving
        ).update(content_type=there)
        moving.delete()


def forwards(apps, schema_editor):
    _relabel(apps, "articles", "accounts")


def backwards(apps, schema_editor):
    _relabel(apps, "accounts", "articles")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0010_accounts"),
        ("axes", "0010_accessattemptexpiration"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SecurityPolicy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('two_factor_required', models.BooleanField(default=False, help_text='Iedereen met toegang tot het beheer vult bij het inloggen ook een code uit een app in (bijvoorbeeld Google Authenticator, Microsoft Authenticator of FreeOTP). Wie nog geen app heeft gekoppeld, doet dat direct na het inloggen en kan tot dan niets anders.', verbose_name='tweestapsverificatie verplicht')),
                    ],
                    options={
                        'db_table': 'articles_securitypolicy',
                        'verbose_name': 'beveiliging',
                        'verbose_name_plural': 'beveiliging',
                        'default_permissions': ['view', 'change'],
                    },
                ),
                migrations.CreateModel(
                    name='FailedLogin',
                    fields=[
                    ],
                    options={
                        'verbose_name': 'mislukte inlogpoging',
                        'verbose_name_plural': 'mislukte inlogpogingen',
                        'ordering': ['-attempt_time'],
                        'permissions': [('unlock_failedlogin', 'Kan accounts en adressen ontgrendelen')],
                        'proxy': True,
                        'default_permissions': ['view'],
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('axes.accessattempt',),
                ),
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='tijd')),
                        ('kind', models.CharField(choices=[('role_added', 'rol toegekend'), ('role_removed', 'rol ingetrokken'), ('account', 'account gewijzigd'), ('role_permissions', 'rechten van een rol gewijzigd'), ('unlocked', 'ontgrendeld'), ('two_factor_on', 'tweestapsverificatie aangezet'), ('two_factor_off', 'tweestapsverificatie uitgezet'), ('policy', 'beveiligingsbeleid gewijzigd'), ('note_deleted', 'update of correctie verwijderd'), ('article_deleted', 'artikel verwijderd')], db_index=True, max_length=20, verbose_name='soort')),
                        ('actor_name', models.CharField(blank=True, max_length=150, verbose_name='door (naam)')),
                        ('subject', models.CharField(blank=True, help_text='Bijvoorbeeld: het account “piet” of het adres 192.0.2.1.', max_length=300, verbose_name='betreft')),
                        ('detail', models.TextField(blank=True, verbose_name='toelichting')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
                    ],
                    options={
                        'db_table': 'articles_auditevent',
                        'verbose_name': 'logboek',
                        'verbose_name_plural': 'logboek',
                        'ordering': ['-at', '-pk'],
                        'default_permissions': ['view'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
