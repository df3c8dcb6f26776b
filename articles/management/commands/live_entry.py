"""python manage.py live_entry SLUG (FILE|-) [--title T] [--pin] [--key]
[--author SLUG] [--draft | --at ISO8601]

Posts one entry to the live article SLUG from a text file or standard input ("-"),
by the rules of import_article (paragraphs, subheadings, posts pasted as a URL, as
embed code or as text), without a date line. Placed at once unless --draft or --at
says otherwise; no --author: the house byline. The last line printed is the entry's
public URL with its anchor. Bad input: a message, exit status 1, nothing written.
"""

import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.live.services import post_entry
from articles.management.reading import (
    article_by_slug,
    authors_by_slug,
    moment,
    read_text,
)
from articles.models import LiveEntry
from articles.text_import import ArticleTextError, parse_entry_text
from embeds.services import archive_post


class Command(BaseCommand):
    help = "Plaats één bericht in een live-verslag, uit een tekstbestand of stdin."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug van het live-artikel.")
        parser.add_argument("file", help="Pad naar een UTF-8-tekstbestand, of -.")
        parser.add_argument("--title", default="", help="Korte titel (optioneel).")
        parser.add_argument("--pin", action="store_true", help="Bovenaan vastzetten.")
        parser.add_argument("--key", action="store_true", help="Een belangrijk moment.")
        parser.add_argument(
            "--author",
            metavar="SLUG",
            action="append",
            default=[],
            help="Slug van een bestaande auteur; mag vaker. Zonder: „Redactie”.",
        )
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--draft", action="store_true", help="Als concept bewaren.")
        when.add_argument(
            "--at",
            metavar="ISO8601",
            help="Inplannen op deze tijd (Europe/Amsterdam als er geen zone bij "
            "staat).",
        )

    def handle(self, *args, **options):
        # argparse enforces this; call_command(draft=True, at=...) bypasses it.
        if options["draft"] and options["at"] is not None:
            raise CommandError("Gebruik --draft of --at, niet allebei.")
        article = article_by_slug(options["slug"], live=True)
        at = moment(options["at"], option="--at") if options["at"] else None
        authors = authors_by_slug(options["author"])
        title = options["title"].strip()
        if len(title) > 200:
            raise CommandError("--title is langer dan 200 tekens; maak hem korter.")
        text = read_text(options["file"], stdin=options.get("stdin") or sys.stdin)
        try:
            parsed = parse_entry_text(text)
        except ArticleTextError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        notices: list[str] = []
        try:
            with transaction.atomic():
                urls = {
                    id(post): archive_post(post, notices=notices).url
                    for post in parsed.posts
                }
                entry = post_entry(
                    article,
                    user=None,
                    body=parsed.body_html(lambda post: urls[id(post)]),
                    title=title,
                    pinned=options["pin"],
                    key_moment=options["key"],
                    authors=authors,
                    status=LiveEntry.Status.DRAFT
                    if options["draft"]
                    else LiveEntry.Status.PUBLISHED,
                    published_at=at,
                    notices=notices,
                )
        except ValidationError as error:
            raise CommandError(
                f"{options['file']}: {' '.join(error.messages)}"
            ) from None
        for notice in notices:
            self.stderr.write(f"let op: {notice}")
        if parsed.posts:
            self.stdout.write(f"Ingesloten berichten: {len(parsed.posts)}")
        if entry.status == LiveEntry.Status.DRAFT:
            state = "als concept bewaard"
        else:
            state = "ingepland" if entry.is_scheduled else "geplaatst"
        self.stdout.write(f"Bericht {state} in: {article.headline}")
        self.stdout.write(settings.SITE_URL + entry.get_absolute_url())
