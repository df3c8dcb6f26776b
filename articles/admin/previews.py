"""Preview links in the article admin: make one, see the active ones, revoke one.

``ArticleAdmin`` lists the two POST-only views in its ``get_urls`` and shows the
read-only field ``preview_links`` in its change form; the buttons use ``formaction``
so they need no form of their own inside the admin's. Views take the model admin as
first argument.

The form's script (static/js/admin-keep-work.js) sends these buttons with fetch and
``Accept: application/json``: the answer is the field's new HTML and the message,
so the form is not reloaded and nothing typed in it is lost. Without the script the
button posts the form and the page reloads, as before.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles.models import Article, PreviewLink
from articles.policy import require
from articles.services.previews import (
    DEFAULT_HOURS,
    create_preview_link,
    preview_url,
    revoke_preview_link,
)

__all__ = ["create_view", "preview_links", "revoke_view"]


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


def _url(model_admin, action: str, *args) -> str:
    opts = model_admin.model._meta
    name = f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{action}"
    return reverse(name, args=args)


def _article_for_change(model_admin, request: HttpRequest, object_id: str) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("Dit artikel bestaat niet."))
    require(request.user, "articles.change_article", article)
    return article


def _answer(model_admin, request: HttpRequest, article: Article, message):
    """The field's new HTML and the message for the script; else the message and a
    redirect back to the form."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "html": str(preview_links(model_admin, article)),
                "message": str(message),
            }
        )
    messages.success(request, message)
    return HttpResponseRedirect(_url(model_admin, "change", article.pk))


def create_view(model_admin, request: HttpRequest, object_id: str):
    article = _article_for_change(model_admin, request, object_id)
    link = create_preview_link(article, user=request.user)
    url = settings.SITE_URL + preview_url(link)
    model_admin.log_change(request, article, _("Voorbeeldlink gemaakt."))
    message = format_html(
        _("Voorbeeldlink gemaakt, geldig tot {time}: {link}"),
        time=_when(link.expires_at),
        link=format_html('<a href="{}">{}</a>', url, url),
    )
    return _answer(model_admin, request, article, message)


def revoke_view(model_admin, request: HttpRequest, object_id: str, link_pk: int):
    article = _article_for_change(model_admin, request, object_id)
    link = get_object_or_404(PreviewLink, pk=link_pk, article=article)
    revoke_preview_link(link, user=request.user)
    model_admin.log_change(request, article, _("Voorbeeldlink ingetrokken."))
    message = _("Voorbeeldlink ingetrokken. Wie hem opent, ziet nu niets meer.")
    return _answer(model_admin, request, article, message)


def _button(url: str, label: str):
    return format_html(
        '<button type="submit" class="button" formaction="{}" formmethod="post" '
        'formnovalidate data-failed="{}">{}</button>',
        url,
        _("Dat lukte niet; er is niets veranderd. Probeer het zo opnieuw."),
        label,
    )


def _link_row(model_admin, link: PreviewLink) -> tuple:
    url = settings.SITE_URL + preview_url(link)
    revoke = _url(model_admin, "preview_revoke", link.article_id, link.pk)
    return (
        url,
        url,
        _("geldig tot %(time)s") % {"time": _when(link.expires_at)},
        _button(revoke, _("Intrekken")),
    )


@admin.display(description=_lazy("voorbeeldlinks"))
def preview_links(model_admin, article: Article):
    if article is None or article.pk is None:
        return _("Sla het artikel eerst op; daarna kun je een voorbeeldlink maken.")
    active = article.preview_links.filter(
        revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    rows = format_html_join(
        "",
        '<li><a href="{}" target="_blank" rel="noopener">{}</a> ({}) {}</li>',
        (_link_row(model_admin, link) for link in active),
    )
    create = _button(
        _url(model_admin, "preview_create", article.pk),
        _("Nieuwe voorbeeldlink (%(hours)d uur geldig)") % {"hours": DEFAULT_HOURS},
    )
    listing = (
        format_html('<ul class="preview-links">{}</ul>', rows)
        if rows
        else format_html("<p>{}</p>", _("Geen actieve links."))
    )
    # Pressing Enter in a text field submits the form through its first submit
    # button; these buttons come before the admin's own, so a hidden Save button
    # goes first and Enter keeps saving instead of making or revoking a link.
    keep_enter_saving = format_html(
        '<button type="submit" name="_save" class="visually-hidden" tabindex="-1" '
        'aria-hidden="true">{}</button>',
        _("Opslaan"),
    )
    hint = _(
        "Een voorbeeldlink toont de laatst opgeslagen versie, voor iedereen die de "
        "link heeft. Deze knoppen slaan je wijzigingen niet op, maar laten ze in het "
        "formulier staan: sla op om ze in de voorbeeldlink te zien."
    )
    return format_html(
        '{}{}<p>{}</p><p class="help">{}</p>',
        keep_enter_saving,
        listing,
        create,
        hint,
    )
