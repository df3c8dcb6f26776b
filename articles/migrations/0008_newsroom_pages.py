"""The newsroom's own pages as flatpages on site 1, with a first text the editors
then keep up to date in the admin; site 1 takes its domain from SITE_URL. The
Hoofdredactie role gets the flatpages permissions (roles.CHIEF_APPS)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles


def _pages(name: str, host: str) -> list[tuple[str, str, str]]:
    mail = f"redactie@{host}"
    corrections = f"correcties@{host}"
    return [
        (
            "/over-ons/",
            "Over ons",
            f"<p>{name} is een kleine, onafhankelijke redactie. We brengen nieuws en "
            "leggen het uit: wat er is gebeurd, wat we zeker weten, wat nog niet, en "
            "waarom het ertoe doet.</p>"
            "<p>Geen uitgever, partij of adverteerder bepaalt wat we schrijven. Daarbij "
            "houden we ons aan een paar vaste afspraken:</p>"
            "<ul>"
            "<li>We houden feiten en meningen uit elkaar. Een opiniestuk staat altijd "
            "als opinie aangekondigd.</li>"
            "<li>We zeggen waar onze informatie vandaan komt. Laten we een bron "
            "anoniem, dan leggen we uit waarom.</li>"
            "<li>Wie in een artikel ergens van wordt beschuldigd, krijgt vooraf de "
            "kans om te reageren.</li>"
            "<li>Maken we een fout, dan herstellen we die zichtbaar; zie ons "
            '<a href="/correctiebeleid/">correctiebeleid</a>.</li>'
            "</ul>"
            '<p>Wie de site maakt, staat in het <a href="/colofon/">colofon</a>.</p>',
        ),
        (
            "/colofon/",
            "Colofon",
            f"<p>{name} is een zelfstandige uitgave. De hoofdredactie is "
            "eindverantwoordelijk voor alles wat op deze site verschijnt.</p>"
            "<h2>Redactie</h2>"
            "<p>Onder elk artikel staat wie het schreef. Op de pagina van een auteur "
            "lees je wie dat is en waarover hij of zij schrijft.</p>"
            "<h2>Beeld</h2>"
            "<p>Bij elke foto en illustratie staat wie hem maakte of waar hij "
            "vandaan komt.</p>"
            "<h2>Techniek</h2>"
            "<p>De site draait zonder advertentienetwerken en zonder trackers van "
            "andere partijen.</p>"
            "<h2>Contact</h2>"
            f'<p>Schrijf naar <a href="mailto:{mail}">{mail}</a> of kijk op de '
            '<a href="/contact/">contactpagina</a>.</p>',
        ),
        (
            "/correctiebeleid/",
            "Correctiebeleid",
            "<p>Ook wij maken fouten. We herstellen ze zo snel mogelijk en zo dat "
            "iedereen het kan zien.</p>"
            "<ul>"
            "<li>Een feitelijke fout verbeteren we in het artikel zelf. Bovenaan het "
            "artikel staat dan een correctie: wat er niet klopte, wat er nu staat en "
            "wanneer we het aanpasten.</li>"
            "<li>Verandert een verhaal door nieuwe informatie, dan melden we dat als "
            "update met datum en tijd. Onder het artikel staat die geschiedenis.</li>"
            "<li>Een tikfout of een zin die we alleen duidelijker maken zonder de "
            "betekenis te veranderen, melden we niet apart.</li>"
            "<li>We halen een artikel alleen bij hoge uitzondering offline, "
            "bijvoorbeeld als het iemand in gevaar brengt of een rechter dat beslist. "
            "Op het adres van het artikel staat dan dat het is ingetrokken.</li>"
            "</ul>"
            "<p>Zie je een fout? Mail naar "
            f'<a href="mailto:{corrections}">{corrections}</a> met de link naar het '
            "artikel en wat er volgens jou niet klopt. We bekijken elke melding en "
            "laten je weten wat we ermee doen.</p>",
        ),
        (
            "/privacy/",
            "Privacy",
            "<p>We willen weten wat gelezen wordt, niet wie het leest. Daarom:</p>"
            "<ul>"
            "<li>Deze site gebruikt geen advertentienetwerken, trackers of "
            "analysediensten van andere partijen.</li>"
            "<li>Onze pagina's laden niets van andere websites. Berichten van sociale "
            "media tonen we als tekst uit ons eigen archief. Pas als je zelf op laden "
            "klikt, haalt je browser het origineel op bij het platform; dan gelden de "
            "regels van dat platform.</li>"
            "<li>Kies je ervoor om berichten van een platform voortaan meteen te "
            "laden, dan onthoudt je eigen browser die keuze. Wij krijgen die niet te "
            "zien.</li>"
            "<li>Onze servers houden technische logbestanden bij (IP-adres, pagina, "
            "tijdstip) om storingen en misbruik op te sporen. We bewaren ze kort en "
            "delen ze met niemand.</li>"
            "<li>Mail je ons, dan gebruiken we je adres alleen om je te antwoorden. "
            "De naam van een tipgever noemen we nooit zonder toestemming.</li>"
            "</ul>"
            "<p>Je hebt recht op inzage in en verwijdering van wat we over je "
            'bewaren. Vraag het via de <a href="/contact/">contactpagina</a>.</p>',
        ),
        (
            "/contact/",
            "Contact",
            "<p>Tips, vragen en reacties zijn welkom.</p>"
            "<ul>"
            f'<li>Redactie en tips: <a href="mailto:{mail}">{mail}</a></li>'
            f'<li>Fouten melden: <a href="mailto:{corrections}">{corrections}</a> '
            '(zie ook ons <a href="/correctiebeleid/">correctiebeleid</a>)</li>'
            "</ul>"
            "<p>Heb je een gevoelige tip? Zet in je eerste bericht nog geen details "
            "die je niet kwijt wilt. We spreken dan samen af hoe we verder "
            "praten.</p>"
            "<p>We lezen alles, maar kunnen niet op elk bericht uitgebreid "
            "antwoorden.</p>",
        ),
    ]


def create_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")  # noqa: N806 (model class)
    FlatPage = apps.get_model("flatpages", "FlatPage")  # noqa: N806
    address = urlsplit(settings.SITE_URL)
    site, _ = Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": address.netloc, "name": settings.SITE_NAME},
    )
    for url, title, content in _pages(settings.SITE_NAME, address.hostname):
        page, _created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        page.sites.add(site)
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")  # noqa: N806 (model class)
    FlatPage.objects.filter(url__in=[url for url, *_ in _pages("", "")]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_image_roles"),
        ("sites", "0002_alter_domain_unique"),
        ("flatpages", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_pages, remove_pages)]
