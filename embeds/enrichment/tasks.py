"""The embedded posts' tasks: completing a post from its provider after the save, and
the periodic re-check of every archived post.

``archive_post`` enqueues ``enrich_post`` inside the transaction that saves the
article: with the database backend the task's row commits with the post's, so a post
is never archived without its enrichment queued (nor the other way round).
"""

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from background.retry import retried_task
from embeds.enrichment.completing import enrich_embed

__all__ = ["enrich_post", "refresh_posts"]


@retried_task(label=_("Gegevens van een bericht ophalen"), about=_("bericht {0}"))
def enrich_post(embed_id: int, images: list[str]) -> list[str]:
    """Complete the archived post ``embed_id`` (``embeds.enrichment``); returns the
    notices about what could not be had."""
    return enrich_embed(embed_id, images)


@retried_task(label=_("Ingesloten berichten controleren"), about=_("opties: {0}"))
def refresh_posts(argv: list[str]) -> None:
    """Run ``refresh_embeds`` with the command-line options ``argv`` in the worker:
    the periodic re-check, enqueued by ``enqueue_refresh`` from cron or a timer."""
    call_command("refresh_embeds", *argv)
