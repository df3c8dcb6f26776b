"""python manage.py unlock_login (--username NAME | --address IP): lift a lock-out.

For when nobody can unlock in the admin, e.g. the Hoofdredactie shares the locked
address. Recorded in the Logboek like an unlock in the admin (without a person).
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.lockout import unlock, valid_address


class Command(BaseCommand):
    help = "Ontgrendel een account of een adres na te veel mislukte inlogpogingen."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--username", help="Het account (gebruikersnaam).")
        which.add_argument("--address", help="Het IP-adres.")

    def handle(self, *args, username=None, address=None, **options):
        if address is not None and valid_address(address) is None:
            raise CommandError(f"“{address}” is geen IP-adres.")
        cleared = unlock(username=username, ip_address=address, by=None)
        what = f"account {username}" if username else f"adres {address}"
        self.stdout.write(f"Ontgrendeld: {what} ({cleared} tellers gewist).")
