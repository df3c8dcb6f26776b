"""Pasting plain text into the body editor: the importer's rules, shown at once.

``static/js/admin-paste.js`` posts the clipboard's plain text here; the answer is the
HTML the editor inserts, made by the same code as ``import_article``
(articles.text_import: subheadings, quotes with their source, posts kept together),
with a card for each post as readers will see it. Nothing is stored or fetched: the
save archives the posts and fetches what they lack. ``ArticleAdmin`` lists the view
in its ``get_urls``.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles.text_import import ArticleTextError, parse_pasted_text
from embeds.models import Embed
from embeds.post import Post, text_post_url
from embeds.providers import PROVIDERS
from embeds.rendering import preview_card, render_card

__all__ = ["BODY_HELP", "PASTE_LIMIT", "paste_view"]

BODY_HELP = _lazy(
    "Plak je een tekst, dan worden tussenkoppen, citaten en berichten meteen "
    "herkend, net als bij importeren. Een citaat met bron: het citaat tussen "
    "aanhalingstekens en op een eigen regel eronder - Naam, in Medium (bijvoorbeeld "
    "- Tom Middendorp, in Nieuwsuur)."
)

# Characters: a long explainer is some 30,000; more is pasted in parts.
PASTE_LIMIT = 100_000


def paste_view(model_admin, request: HttpRequest) -> JsonResponse:
    """POST ``text``: ``{"html", "cards", "notices"}``. ``html`` is the text as the
    importer reads it, with each post as the paragraph the save turns into an
    embedded post; ``cards`` the posts' cards (a bare URL's only when the archive
    already holds it); ``notices`` one line per post whose card waits for the save.
    413 with a Dutch ``error`` past ``PASTE_LIMIT``; 403 for who may not write."""
    if not (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
    ):
        raise PermissionDenied(
            _("Alleen wie artikelen schrijft, kan hier tekst plakken.")
        )
    text = request.POST.get("text", "")
    if len(text) > PASTE_LIMIT:
        error = _(
            "Deze tekst is te lang om in één keer te plakken (%(length)d tekens, "
            "hoogstens %(limit)d). Plak hem in delen."
        ) % {"length": len(text), "limit": PASTE_LIMIT}
        return JsonResponse({"error": error}, status=413)
    try:
        parsed = parse_pasted_text(text)
    except ArticleTextError as error:
        return JsonResponse({"error": str(error)}, status=400)
    keys = [post.url or text_post_url(post) for post in parsed.posts]
    archived = {
        embed.url: embed
        for embed in Embed.objects.filter(url__in=keys).prefetch_related("media")
    }
    cards, notices = [], []
    for post, key in zip(parsed.posts, keys, strict=True):
        if key in archived:
            cards.append(render_card(archived[key]))
        elif post.source == "url":
            notices.append(waiting_notice(post))
        else:
            cards.append(preview_card(post))
    heading = _("Zo zien lezers de geplakte berichten (nog niet opgeslagen):")
    return JsonResponse(
        {
            "html": parsed.editor_html(),
            "cards": cards,
            "heading": heading,
            "notices": notices,
        }
    )


def waiting_notice(post: Post) -> str:
    """What the editor is told about a post pasted as a bare URL."""
    return _(
        "%(provider)s-bericht %(url)s: de gegevens worden bij het opslaan opgehaald; "
        "tot dan toont de kaart alleen de link naar het origineel."
    ) % {"provider": PROVIDERS[post.provider]["name"], "url": post.url}
