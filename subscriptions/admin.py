"""Following by e-mail in the admin.

The Hoofdredactie sees the subscribers and exports them as CSV; a Redacteur sees
how many follow each topic, author and live article, and the send log (counts, no
addresses). Everyone else gets the Dutch 403. Permissions come from the roles
(``articles/roles.py``) through the one policy (``articles.policy.may``).
"""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.policy import may
from subscriptions.models import Following, SendLog, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "following_count", "suppressed_reason"]
    list_filter = ["suppressed_reason"]
    search_fields = ["email"]
    fields = [
        "email",
        "created_at",
        "confirmed_at",
        "suppressed_at",
        "suppressed_reason",
    ]
    readonly_fields = fields
    actions = ["export_csv"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(following_total=Count("followings"))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_export_permission(self, request):
        return may(request.user, "subscriptions.export_subscriber")

    @admin.display(description=_("volgt"), ordering="following_total")
    def following_count(self, subscriber):
        return subscriber.following_total

    @admin.action(description=_("Exporteer als CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="abonnees.csv"'
        writer = csv.writer(response)
        writer.writerow(["e-mailadres", "bevestigd", "volgt", "geblokkeerd"])
        for subscriber in queryset.prefetch_related(
            "followings__topic", "followings__author", "followings__article"
        ):
            writer.writerow([
                subscriber.email,
                subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                "; ".join(
                    f"{f.get_kind_display()}: {f.target or ''} ({f.get_mode_display()})"
                    for f in subscriber.followings.all()
                ),
                subscriber.suppressed_reason,
            ])  # fmt: skip
        return response


@admin.register(SendLog)
class SendLogAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "sent", "failed", "suppressed", "skipped"]
    fields = [
        "article", "entry", "note", "created_at", "finished_at", "sent", "failed",
        "suppressed", "skipped",
    ]  # fmt: skip
    readonly_fields = fields
    list_select_related = ["article", "entry"]
    change_list_template = "admin/subscriptions/sendlog/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A log goes with its article: the admin asks this for each log when the
        # Hoofdredactie deletes an article that was sent, and a refusal would forbid
        # deleting the article. No bulk deletion of logs (obj is None there).
        return obj is not None and super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied  # a log is never deleted on its own

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "volgers/",
                self.admin_site.admin_view(self.counts_view),
                name="subscriptions_counts",
            ),
            *super().get_urls(),
        ]

    def counts_view(self, request):
        """admin/subscriptions/counts.html: how many confirmed readers follow each
        topic, author and live article, and the daily update. No addresses."""
        if not may(request.user, "subscriptions.count_subscriber"):
            raise PermissionDenied
        confirmed = Following.objects.filter(subscriber__confirmed_at__isnull=False)
        rows = (
            confirmed.exclude(kind="daily")
            .values("kind", "topic__name", "author__name", "article__headline")
            .annotate(
                total=Count("pk"),
                instant=Count("pk", filter=Q(mode="instant")),
            )
            .order_by("kind", "-total")
        )
        kinds = dict(Following.Kind.choices)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Volgers per onderwerp"),
            "rows": [
                {
                    "kind": kinds[row["kind"]],
                    "name": row["topic__name"]
                    or row["author__name"]
                    or row["article__headline"],
                    "total": row["total"],
                    "instant": row["instant"],
                    "daily": row["total"] - row["instant"],
                }
                for row in rows
            ],
            "daily_update": confirmed.filter(kind="daily").count(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/subscriptions/counts.html", context)
