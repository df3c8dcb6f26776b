"""The front page in the admin: one page to edit, saved as versions, restorable."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article, FrontPage, FrontPageSlot
from articles.services.frontpage import (
    restore_front_page,
    safe_banner_url,
    save_front_page,
)

__all__ = ["FrontPageAdmin"]


class FrontPageForm(forms.ModelForm):
    # The version the editor opened; a save on top of someone else's is refused.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FrontPage
        fields = ["lead", "banner_text", "banner_url", "banner_until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean_banner_url(self):
        url = self.cleaned_data["banner_url"].strip()
        if url and not safe_banner_url(url):
            raise ValidationError(
                _(
                    "Gebruik een pad op deze site, zoals /artikel/…, of een volledig "
                    "adres dat met https:// begint."
                )
            )
        return url

    def clean(self):
        seen = self.cleaned_data.get("seen_version")
        if self.instance.pk and seen is not None and seen != self.instance.version:
            raise ValidationError(
                _(
                    "Iemand anders heeft de voorpagina intussen opgeslagen (versie "
                    "%(current)s; je begon bij versie %(seen)s). Open de voorpagina "
                    "opnieuw en breng je wijziging daarin aan."
                ),
                params={"current": self.instance.version, "seen": seen},
            )
        return super().clean()


class FrontPageSlotInline(admin.TabularInline):
    model = FrontPageSlot
    fields = ["position", "article"]
    autocomplete_fields = ["article"]
    extra = 3


@admin.register(FrontPage)
class FrontPageAdmin(admin.ModelAdmin):
    form = FrontPageForm
    autocomplete_fields = ["lead"]
    inlines = [FrontPageSlotInline]
    readonly_fields = ["history_list"]
    # The first submit button is the default one: Enter saves, never restores.
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["lead", "seen_version"]}),
        (
            _("Breaking-newsbalk"),
            {"fields": ["banner_text", "banner_url", "banner_until"]},
        ),
        (_("Eerdere versies"), {"fields": ["history_list"], "classes": ["collapse"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not FrontPage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one front page: open it, or (on a fresh install) start it."""
        front = FrontPage.objects.first()
        if front is not None and self.has_view_or_change_permission(request, front):
            return redirect("admin:articles_frontpage_change", front.pk)
        if front is None and self.has_add_permission(request):
            return redirect("admin:articles_frontpage_add")
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        save_front_page(obj, user=request.user)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/herstel/<int:version>/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_frontpage_restore",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _restore_url(front, version):
        return reverse("admin:articles_frontpage_restore", args=[front.pk, version])

    @admin.display(description=_("geschiedenis"))
    def history_list(self, front):
        if not front.history:
            return _("Nog geen eerdere versies.")
        users = get_user_model().objects.in_bulk(
            {state["updated_by"] for state in front.history} - {None}
        )
        articles = Article.objects.in_bulk(
            {pk for state in front.history for pk in [state["lead"], *state["slots"]]}
            - {None}
        )
        return format_html(
            '<ul class="frontpage-history">{}</ul>',
            format_html_join(
                "",
                "<li>{}: {} ({}). {}: {}. {}: {}. {}: {}. "
                '<button type="submit" class="button" formaction="{}">{}</button></li>',
                (
                    self._history_row(front, state, users, articles)
                    for state in reversed(front.history)
                ),
            ),
        )

    def _history_row(self, front, state, users, articles):
        user = users.get(state["updated_by"])
        saved_at = parse_datetime(state["updated_at"] or "")
        lead = articles.get(state["lead"])
        slots = [str(articles[pk]) for pk in state["slots"] if pk in articles]
        return (
            gettext("Versie %(version)s") % {"version": state["version"]},
            date_format(localtime(saved_at), "j F Y, H:i") if saved_at else "?",
            user.get_username() if user else "?",
            gettext("hoofdverhaal"),
            lead or gettext("het nieuwste artikel"),
            gettext("topverhalen"),
            "; ".join(slots) or "–",
            gettext("balk"),
            state["banner_text"] or "–",
            self._restore_url(front, state["version"]),
            gettext("Deze versie terugzetten"),
        )

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, version):
        front = get_object_or_404(FrontPage, pk=object_id)
        if not self.has_change_permission(request, front):
            raise PermissionDenied
        versions = [state["version"] for state in front.history]
        if version not in versions:
            messages.error(
                request,
                gettext("Versie %(version)s staat niet (meer) in de geschiedenis.")
                % {"version": version},
            )
        else:
            restore_front_page(front, versions.index(version), user=request.user)
            message = gettext("Versie %(old)s is teruggezet als versie %(new)s.") % {
                "old": version,
                "new": front.version,
            }
            self.log_change(request, front, message)
            messages.success(request, message)
        return redirect("admin:articles_frontpage_change", front.pk)
