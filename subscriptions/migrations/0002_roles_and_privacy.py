"""The roles learn the subscriptions' permissions (a Redacteur: the counts and the
send log; the Hoofdredactie: everything), and the privacy page says what following
by e-mail stores."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles

PRIVACY = (
    "<h2>Volgen per e-mail</h2>"
    "<p>Volg je een onderwerp, een auteur of een live-verslag, of ontvang je de "
    "dagelijkse update, dan bewaren we alleen:</p>"
    "<ul>"
    "<li>je e-mailadres;</li>"
    "<li>wat je volgt en hoe: meteen of één keer per dag;</li>"
    "<li>wanneer je toestemming gaf (je bevestiging);</li>"
    "<li>zolang je nog niet bevestigde: de bevestigingslink, als onleesbare code, "
    "tot je hem gebruikt of tot hij na 48 uur verloopt;</li>"
    "<li>of mail naar je adres onbestelbaar was of als spam werd gemeld, zodat we "
    "je dan niets meer sturen.</li>"
    "</ul>"
    "<p>Per artikel tellen we hoeveel mails we verstuurden; die telling bevat geen "
    "adressen. Onze mails bevatten geen afbeeldingen, pixels of omgeleide links: we "
    "zien niet of en wat je opent. Met de link onder elke mail pas je je aanmelding "
    "aan of meld je je af; afmelden wist je adres en alles wat je volgde.</p>"
)


def update(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
    FlatPage = apps.get_model("flatpages", "FlatPage")  # noqa: N806 (model class)
    for page in FlatPage.objects.filter(url="/privacy/"):
        if "Volgen per e-mail" not in page.content:
            page.content += PRIVACY
            page.save(update_fields=["content"])


def undo(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")  # noqa: N806 (model class)
    for page in FlatPage.objects.filter(url="/privacy/"):
        page.content = page.content.replace(PRIVACY, "")
        page.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("articles", "0016_live_entries"),
        ("flatpages", "0001_initial"),
    ]

    operations = [migrations.RunPython(update, undo)]
