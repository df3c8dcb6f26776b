"""python manage.py suppress_address ADDRESS... --reason bounce|complaint

For bounces and complaints that arrive later than the SMTP conversation (a
bounce message, a provider's feedback loop): the address gets no more mail.
"""

from django.core.management.base import BaseCommand

from subscriptions.models import Subscriber
from subscriptions.services import suppress


class Command(BaseCommand):
    help = "Stuur geen mail meer naar deze adressen (onbestelbaar of als spam gemeld)."

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="+", metavar="ADRES")
        parser.add_argument(
            "--reason", choices=list(Subscriber.Reason.values), default="bounce"
        )

    def handle(self, *args, addresses, reason, **options):
        for address in addresses:
            known = suppress(address, reason)
            self.stdout.write(
                f"{address}: geblokkeerd" if known else f"{address}: niet bekend"
            )
