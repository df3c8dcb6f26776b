"""How precisely an article's publication time is known: to the minute (every
existing article, as before), or only the day or the month (articles/dates.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_topic_approval'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='publish_precision',
            field=models.CharField(choices=[('minute', 'op de minuut'), ('day', 'alleen de dag'), ('month', 'alleen de maand')], default='minute', help_text='Is alleen de dag of de maand bekend (uit een archief), dan zien lezers alleen die, en geldt het begin ervan als publicatietijd.', max_length=10, verbose_name='nauwkeurigheid'),
        ),
    ]
