"""python manage.py close_live SLUG

Ends the coverage of the live article SLUG: readers see "Afgelopen" from now.
Closing a closed one changes nothing; an unknown or non-live article: a message,
exit status 1.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.live.services import close_coverage
from articles.management.reading import article_by_slug


class Command(BaseCommand):
    help = "Sluit een live-verslag af („Afgelopen”)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug van het live-artikel.")

    def handle(self, *args, **options):
        article = article_by_slug(options["slug"], live=True)
        if article.live_closed_at is not None:
            when = timezone.localtime(article.live_closed_at)
            self.stdout.write(f"Al afgesloten sinds {when:%Y-%m-%d %H:%M}.")
            return
        close_coverage(article, user=None)
        self.stdout.write(f"Live-verslag afgesloten: {article.headline}")
