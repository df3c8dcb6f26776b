"""python manage.py demo_editor USERNAME: (re)set an editor account, print a password.

For the demo: the account may edit articles, sections, authors and topics in the
admin. It is not a superuser. Every run sets a fresh random password.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import transaction

EDITOR_APPS = ["articles", "embeds", "taggit"]


class Command(BaseCommand):
    help = "Maak of herstel een redacteursaccount en toon een nieuw wachtwoord."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="redactie")

    @transaction.atomic
    def handle(self, *args, username, **options):
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
        )
        self.stdout.write(f"gebruikersnaam: {username}")
        self.stdout.write(f"wachtwoord: {password}")
