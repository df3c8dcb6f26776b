"""Failed tasks in the admin: what gave up after its retries, for the Hoofdredactie.

The library's own admin of the queue (English, every row) is unregistered; this one
lists only the tasks that gave up (``background.failures``), says in Dutch what each
was and why it failed, and tries again on request. Seeing them and trying again are
the Hoofdredactie's (``articles.roles``: the proxy's permissions), a Dutch 403 for
everyone else; nobody adds, edits or deletes a row here.
"""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from articles.models import FailedTask
from articles.policy import may
from background import failures

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "about", "attempts", "error", "when"]
    list_display_links = ["task"]
    actions = ["try_again"]
    fields = ["task", "about", "attempts", "error", "when", "details"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return may(request.user, "articles.change_failedtask", obj)

    @admin.display(description=_("taak"))
    def task(self, row):
        return failures.label(row)

    @admin.display(description=_("waarover"))
    def about(self, row):
        return failures.about(row)

    @admin.display(description=_("pogingen"))
    def attempts(self, row):
        return failures.attempts(row)

    @admin.display(description=_("laatste fout"))
    def error(self, row):
        return failures.last_error_line(row)

    @admin.display(description=_("wanneer"), ordering="finished_at")
    def when(self, row):
        return row.finished_at

    @admin.display(description=_("verloop (voor de beheerder)"))
    def details(self, row):
        return format_html("<pre>{}</pre>", row.traceback)

    @admin.action(description=_("Opnieuw proberen"), permissions=["change"])
    def try_again(self, request, queryset):
        count = failures.try_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d taak staat weer in de wachtrij.",
                "%(count)d taken staan weer in de wachtrij.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
