"""python manage.py import_article FILE [--kind CODE] [--publish | --publish-at T]
[--topic NAAM ...] [--no-alert] ...

The last line of output is the article's public path when it is published or
scheduled, its admin change path when it is a draft. Bad input: a message on stderr,
a non-zero exit, nothing written.
"""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from articles.images.processing import MAX_UPLOAD_BYTES, ImageRefused, clean_upload
from articles.images.services import delete_image_files, store_upload
from articles.management.reading import (
    MAX_FILE_BYTES,
    authors_by_slug,
    moment,
    read_text,
    topics_by_name,
)
from articles.models import Article, Section
from articles.services.articles import create_article
from articles.text_import import ArticleTextError, parse_article_text
from embeds.services import archive_post

__all__ = ["MAX_FILE_BYTES", "Command"]


class Command(BaseCommand):
    help = "Maak één nieuw artikel van een tekstbestand (zie articles/importing.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar een UTF-8-tekstbestand.")
        when = parser.add_mutually_exclusive_group()
        when.add_argument(
            "--publish",
            action="store_true",
            help=(
                "Publiceer met de datum van de datumregel als publicatietijd, zo "
                "nauwkeurig als die is (maand, dag of minuut)."
            ),
        )
        when.add_argument(
            "--publish-at",
            metavar="ISO8601",
            help="Plan in op deze tijd (Europe/Amsterdam als er geen zone bij staat).",
        )
        parser.add_argument(
            "--section", metavar="SLUG", help="Slug van een bestaande sectie."
        )
        parser.add_argument(
            "--kind",
            metavar="CODE",
            default=Article.Kind.NEWS,
            help="Soort artikel: " + ", ".join(Article.Kind.values) + " (standaard "
            "news). Met live komen er berichten bij met live_entry.",
        )
        parser.add_argument(
            "--author",
            metavar="SLUG",
            action="append",
            default=[],
            help="Slug van een bestaande auteur; mag vaker.",
        )
        parser.add_argument(
            "--topic",
            metavar="NAAM",
            action="extend",
            nargs="+",
            default=[],
            help="Onderwerp: naam, slug of alias, zoals het beheer ze kent; mag "
            "vaker, of meerdere na één --topic.",
        )
        parser.add_argument(
            "--no-alert",
            action="store_true",
            help="Geen alert versturen: volgers krijgen geen e-mail over dit artikel.",
        )
        parser.add_argument(
            "--hero",
            metavar="PATH",
            help="Hoofdafbeelding (JPEG, PNG, WebP, GIF, AVIF).",
        )
        parser.add_argument("--hero-alt", metavar="TEXT", help="Alt-tekst (verplicht).")
        parser.add_argument("--hero-caption", metavar="TEXT", default="")
        parser.add_argument("--hero-credit", metavar="TEXT", default="")

    def handle(self, *args, **options):
        # argparse enforces this on the command line; call_command(publish=True,
        # publish_at=...) bypasses the group, so check again before anything is read.
        if options["publish"] and options["publish_at"] is not None:
            raise CommandError("Gebruik --publish of --publish-at, niet allebei.")
        kind = _kind(options["kind"])
        text = read_text(options["file"])
        try:
            parsed = parse_article_text(text)
        except ArticleTextError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        publish_at = self._publish_at(options, parsed)
        section = self._section(options["section"])
        authors = authors_by_slug(options["author"])
        topics = topics_by_name(options["topic"])
        hero_data = self._hero(options)
        notices: list[str] = []
        hero = None
        try:
            with transaction.atomic():
                if hero_data is not None:
                    hero = store_upload(
                        hero_data,
                        filename=options["hero"],
                        alt=options["hero_alt"].strip(),
                        caption=options["hero_caption"],
                        credit=options["hero_credit"],
                    )
                urls = {
                    id(post): archive_post(post, notices=notices).url
                    for post in parsed.posts
                }
                article = create_article(
                    notices=notices,
                    headline=parsed.headline,
                    lede=parsed.lede,
                    body=parsed.body_html(lambda post: urls[id(post)]),
                    section=section,
                    authors=authors,
                    kind=kind,
                    status=Article.Status.PUBLISHED
                    if publish_at
                    else Article.Status.DRAFT,
                    publish_at=publish_at,
                    # The date line's precision when it gives the time; an explicit
                    # --publish-at is a time to the minute.
                    publish_precision=parsed.precision
                    if options["publish"]
                    else Article.Precision.MINUTE,
                    hero=hero,
                    topics=topics,
                    send_alert=not options["no_alert"],
                )
        except (ValidationError, ImageRefused) as error:
            if hero is not None:
                delete_image_files(hero)
            if isinstance(error, ImageRefused):
                raise CommandError(f"{options['hero']}: {error}") from None
            problems = "; ".join(
                f"{_field_label(field)}{' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"{options['file']}: {problems}") from None
        for notice in notices:
            self.stderr.write(f"let op: {notice}")
        if parsed.posts:
            self.stdout.write(f"Ingesloten berichten: {len(parsed.posts)}")
        if article.status == Article.Status.PUBLISHED:
            state = "ingepland" if article.is_scheduled else "gepubliceerd"
            self.stdout.write(f"Artikel {state}: {article.headline}")
            self.stdout.write(article.get_absolute_url())
        else:
            self.stdout.write(f"Concept opgeslagen: {article.headline}")
            self.stdout.write(
                reverse("admin:articles_article_change", args=[article.pk])
            )

    def _hero(self, options) -> bytes | None:
        """The hero file's bytes, checked before anything is written."""
        if not options["hero"]:
            if options["hero_alt"]:
                raise CommandError("--hero-alt hoort bij --hero; geef ook het bestand.")
            return None
        if not (options["hero_alt"] or "").strip():
            raise CommandError(
                "--hero-alt is verplicht bij --hero: beschrijf wat er op het beeld te "
                "zien is, voor wie het niet ziet."
            )
        path = Path(options["hero"])
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_UPLOAD_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{path}: kan niet lezen ({error.strerror}).") from None
        try:
            clean_upload(data, filename=path.name)
        except ImageRefused as error:
            raise CommandError(f"{path}: {error}") from None
        return data

    def _publish_at(self, options, parsed) -> datetime | None:
        tz = ZoneInfo(settings.TIME_ZONE)
        if options["publish_at"] is not None:
            return moment(options["publish_at"], option="--publish-at")
        if options["publish"]:
            return parsed.publish_time(tz)
        return None

    def _section(self, slug: str | None) -> Section | None:
        if slug is None:
            return None
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "geen"
            raise CommandError(
                f"Sectie {slug!r} bestaat niet. Bestaande secties: {known}."
            ) from None


def _kind(code: str) -> str:
    """A stored kind code (``Article.Kind``), or a message naming them all."""
    if code not in Article.Kind.values:
        raise CommandError(
            f"Onbekende soort {code!r}. Kies een van: {', '.join(Article.Kind.values)}."
        )
    return code


def _field_label(field: str) -> str:
    """``"kop: "`` for a model field's errors (its Dutch name), ``""`` for the rest."""
    if field == NON_FIELD_ERRORS:
        return ""
    return f"{Article._meta.get_field(field).verbose_name}: "
