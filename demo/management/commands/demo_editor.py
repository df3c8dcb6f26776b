"""python manage.py demo_editor USERNAME: (re)set an editor account, print a password.

For the demo: by default a Redacteur (editor: edit any article, publish, schedule,
withdraw, corrections, front page). Never a superuser. Every run sets a fresh random
password.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Maak of herstel een redacteursaccount en toon een nieuw wachtwoord."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="redactie")
        parser.add_argument(
            "--role",
            default="Redacteur",
            choices=["Verslaggever", "Redacteur", "Hoofdredactie"],
            help="De rol (groep) van het account; standaard Redacteur.",
        )

    @transaction.atomic
    def handle(self, *args, username, role, **options):
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.user_permissions.clear()
        user.groups.set([Group.objects.get(name=role)])
        self.stdout.write(f"gebruikersnaam: {username}")
        self.stdout.write(f"wachtwoord: {password}")
