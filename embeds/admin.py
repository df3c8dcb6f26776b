"""The archive in the admin: what was embedded, where, and whether it still exists."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from embeds.models import Embed
from embeds.rendering import render_card
from embeds.services import refresh_embed

OUTCOMES = {
    "unchanged": _("Gecontroleerd: het bericht staat nog online, niets veranderd."),
    "updated": _(
        "Gecontroleerd: het bericht staat online; ontbrekende gegevens zijn aangevuld."
    ),
    "restored": _("Gecontroleerd: het bericht is weer online."),
    "deleted": _(
        "Gecontroleerd: het bericht is verwijderd. Het archief blijft zichtbaar, met "
        "een notitie."
    ),
}


def report_outcome(request, embed: Embed, outcome: str) -> None:
    if outcome == "failed":
        messages.warning(
            request,
            gettext("Controle van %(embed)s mislukt: %(error)s")
            % {"embed": embed, "error": embed.check_error},
        )
    else:
        messages.success(request, f"{embed}: {OUTCOMES[outcome]}")


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "provider",
        "author_name",
        "author_handle",
        "state",
        "last_checked_at",
        "used_in",
    ]
    list_filter = ["provider", "state", "source"]
    search_fields = ["author_name", "author_handle", "text", "title", "url"]
    actions = ["recheck"]
    archive_fields = [
        "url", "provider", "post_id", "author_name", "author_handle", "author_url",
        "title", "text", "language", "published_at",
    ]  # fmt: skip
    check_fields = [
        "source", "state", "created_at", "last_checked_at", "last_seen_at",
        "check_error",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["card", "used_by", "recheck_button"]}),
        (_("Archief"), {"fields": archive_fields}),
        (_("Herkomst en controle"), {"fields": check_fields}),
    ]
    # The archive is a record of what was published: nothing here is edited by hand.
    readonly_fields = [
        "card",
        "used_by",
        "recheck_button",
        *archive_fields,
        *check_fields,
    ]

    class Media:
        css = {"all": ["css/embeds.css"]}

    def get_fieldsets(self, request, obj=None):
        """No re-check button for whoever may not re-check (a Verslaggever)."""
        if self.has_change_permission(request, obj):
            return self.fieldsets
        first, *rest = self.fieldsets
        fields = [f for f in first[1]["fields"] if f != "recheck_button"]
        return [(first[0], {**first[1], "fields": fields}), *rest]

    def has_add_permission(self, request):
        # Posts enter the archive through an article (body or "Bericht toevoegen").
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("gebruikt in"), ordering="article_count")
    def used_in(self, embed):
        return gettext("%(count)d artikel(en)") % {"count": embed.article_count}

    @admin.display(description=_("kaart"))
    def card(self, embed):
        return render_card(embed)

    @admin.display(description=_("artikelen"))
    def used_by(self, embed):
        articles = embed.articles.all()
        if not articles:
            return gettext("Nog in geen enkel artikel.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:articles_article_change", args=[a.pk]),
                        a.headline,
                        a.get_status_display(),
                    )
                    for a in articles
                ),
            ),
        )

    @admin.display(description=_("controle"))
    def recheck_button(self, embed):
        return format_html(
            '<button type="submit" formaction="{}" formmethod="post" class="button">'
            "{}</button>",
            reverse("admin:embeds_embed_recheck", args=[embed.pk]),
            gettext("Nu opnieuw controleren bij %(provider)s")
            % {"provider": embed.provider_name},
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/controleer/",
                self.admin_site.admin_view(self.recheck_view),
                name="embeds_embed_recheck",
            ),
            *super().get_urls(),
        ]

    def recheck_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        embed = get_object_or_404(Embed, pk=pk)
        if not self.has_change_permission(request, embed):
            raise PermissionDenied(
                gettext("Alleen redacteuren laten berichten opnieuw controleren.")
            )
        report_outcome(request, embed, refresh_embed(embed))
        return redirect("admin:embeds_embed_change", pk)

    @admin.action(
        description=_("Geselecteerde berichten opnieuw controleren"),
        permissions=["change"],
    )
    def recheck(self, request, queryset):
        for embed in queryset:
            report_outcome(request, embed, refresh_embed(embed))
