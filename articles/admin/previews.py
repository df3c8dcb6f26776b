"""Preview links in the article admin: make one, see the active ones, revoke one.

``PreviewAdminMixin`` goes before ``admin.ModelAdmin`` in ArticleAdmin's bases. It adds
two POST-only URLs and the read-only field ``preview_links`` for the change form;
its buttons use ``formaction`` so they need no form of their own inside the admin's.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from articles.models import Article, PreviewLink
from articles.services.previews import (
    DEFAULT_HOURS,
    create_preview_link,
    preview_url,
    revoke_preview_link,
)

__all__ = ["PreviewAdminMixin"]


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


class PreviewAdminMixin:
    """Shareable preview links for ArticleAdmin (``preview_links`` in a fieldset)."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/voorbeeldlink/",
                wrap(require_POST(self.create_preview_view)),
                name=f"{name}_preview_create",
            ),
            path(
                "<path:object_id>/voorbeeldlink/<int:link_pk>/intrekken/",
                wrap(require_POST(self.revoke_preview_view)),
                name=f"{name}_preview_revoke",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "preview_links"]

    def _preview_url_name(self, action: str) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{action}"

    def _article_for_change(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("Dit artikel bestaat niet."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back_to_change_form(self, article: Article) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse(self._preview_url_name("change"), args=[article.pk])
        )

    def create_preview_view(self, request: HttpRequest, object_id: str):
        article = self._article_for_change(request, object_id)
        link = create_preview_link(article, user=request.user)
        url = settings.SITE_URL + preview_url(link)
        self.log_change(request, article, _("Voorbeeldlink gemaakt."))
        messages.success(
            request,
            format_html(
                _("Voorbeeldlink gemaakt, geldig tot {time}: {link}"),
                time=_when(link.expires_at),
                link=format_html('<a href="{}">{}</a>', url, url),
            ),
        )
        return self._back_to_change_form(article)

    def revoke_preview_view(self, request: HttpRequest, object_id: str, link_pk: int):
        article = self._article_for_change(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_pk, article=article)
        revoke_preview_link(link, user=request.user)
        self.log_change(request, article, _("Voorbeeldlink ingetrokken."))
        messages.success(
            request, _("Voorbeeldlink ingetrokken. Wie hem opent, ziet nu niets meer.")
        )
        return self._back_to_change_form(article)

    @staticmethod
    def _button(url: str, label: str):
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post" '
            "formnovalidate>{}</button>",
            url,
            label,
        )

    def _link_row(self, link: PreviewLink) -> tuple:
        url = settings.SITE_URL + preview_url(link)
        revoke = reverse(
            self._preview_url_name("preview_revoke"), args=[link.article_id, link.pk]
        )
        return (
            url,
            url,
            _("geldig tot %(time)s") % {"time": _when(link.expires_at)},
            self._button(revoke, _("Intrekken")),
        )

    @admin.display(description=_lazy("voorbeeldlinks"))
    def preview_links(self, article: Article):
        if article is None or article.pk is None:
            return _("Sla het artikel eerst op; daarna kun je een voorbeeldlink maken.")
        active = article.preview_links.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        rows = format_html_join(
            "",
            '<li><a href="{}" target="_blank" rel="noopener">{}</a> ({}) {}</li>',
            (self._link_row(link) for link in active),
        )
        create = self._button(
            reverse(self._preview_url_name("preview_create"), args=[article.pk]),
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
            "link heeft. Deze knoppen slaan niets op: sla je wijzigingen eerst op."
        )
        return format_html(
            '{}{}<p>{}</p><p class="help">{}</p>',
            keep_enter_saving,
            listing,
            create,
            hint,
        )
