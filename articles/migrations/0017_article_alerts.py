"""Alerts: an article's switch (send_alert) and the once-only claim (alerted_at) on
articles and live entries. What readers could already see is marked as handled, so
deploying this sends no alert for the archive."""

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


def mark_what_readers_saw(apps, schema_editor):
    """Articles visible now or visible once (withdrawn since), and visible key
    moments: claimed at the time of the migration, without a signal."""
    Article = apps.get_model("articles", "Article")
    LiveEntry = apps.get_model("articles", "LiveEntry")
    now = timezone.now().replace(microsecond=0)
    Article.objects.filter(
        Q(status="published", publish_at__lte=now) | Q(first_published_at__lte=now)
    ).update(alerted_at=now)
    visible = Article.objects.filter(status="published", publish_at__lte=now)
    LiveEntry.objects.filter(
        status="published",
        published_at__lte=now,
        key_moment=True,
        article__in=visible,
    ).update(alerted_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_live_entries"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="alerted_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="alert afgehandeld",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="send_alert",
            field=models.BooleanField(
                default=True,
                help_text="Volgers van de onderwerpen krijgen een e-mail zodra het "
                "artikel voor lezers verschijnt.",
                verbose_name="alert versturen",
            ),
        ),
        migrations.AddField(
            model_name="liveentry",
            name="alerted_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="alert afgehandeld",
            ),
        ),
        migrations.RunPython(mark_what_readers_saw, migrations.RunPython.noop),
    ]
