"""Accounts in the admin: the login form with the app's code, the Logboek, failed
logins with "Ontgrendelen", the security policy, and two-factor on the user list.

The Logboek, the failed logins and the policy are for the Hoofdredactie (they hold
every permission of the newsroom's apps; see articles/roles.py).
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import logbook
from accounts.audit import record
from accounts.lockout import unlock
from accounts.models import AuditEvent, FailedLogin, SecurityPolicy
from accounts.twofactor import LoginForm, remove_devices

admin.site.login_form = LoginForm
admin.site.login_template = "admin/accounts/login.html"
# Secrets stay out of the admin: people set up their own app, the Hoofdredactie
# only resets it (an action on the user list).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(AuditEvent)
class LogbookAdmin(admin.ModelAdmin):
    """The Logboek (accounts/logbook.py): read-only, filterable by kind and
    user. Nobody adds, changes or deletes its entries."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An entry has no page of its own: the Logboek shows it whole. Nobody
        changes one."""
        if request.method == "POST" or not self.has_view_permission(request):
            raise PermissionDenied(_("Het Logboek is alleen voor de hoofdredactie, "
                                     "en niemand wijzigt het."))  # fmt: skip
        return redirect("admin:accounts_auditevent_changelist")

    def changelist_view(self, request, extra_context=None):
        """Template ``admin/accounts/logbook.html``: ``page`` (entries, number,
        pages), ``kinds``, ``usernames`` and the chosen ``kind`` and ``username``."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        kind = request.GET.get("soort") or None
        username = request.GET.get("gebruiker") or None
        try:
            number = int(request.GET.get("p", 1))
        except ValueError:
            number = 1
        if kind not in logbook.KINDS:
            kind = None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Logboek"),
            "opts": self.opts,
            "page": logbook.page(kind=kind, username=username, number=number),
            "kinds": list(logbook.KINDS.items()),
            "kind": kind or "",
            "username": username or "",
            "usernames": list(
                get_user_model()
                .objects.order_by("username")
                .values_list("username", flat=True)
            ),
        }
        return render(request, "admin/accounts/logbook.html", context)


def _failures_by(field):
    return Coalesce(
        Subquery(
            FailedLogin.objects.filter(**{field: OuterRef(field)})
            .values(field)
            .annotate(total=Sum("failures_since_start"))
            .values("total")
        ),
        0,
    )


@admin.register(FailedLogin)
class FailedLoginAdmin(admin.ModelAdmin):
    """Failed logins counted by django-axes, per username, address and browser. A
    lock holds while an account's or an address's count reaches the limit."""

    list_display = [
        "account",
        "address",
        "failures",
        "last_attempt",
        "account_locked",
        "address_locked",
    ]
    search_fields = ["username", "ip_address"]
    fields = ["account", "address", "browser", "failures", "last_attempt"]
    readonly_fields = fields
    actions = ["unlock_accounts", "unlock_addresses"]

    # django-axes' own field names are English: these give the columns Dutch ones.
    @admin.display(description=_("gebruikersnaam"), ordering="username")
    def account(self, attempt):
        return attempt.username

    @admin.display(description=_("IP-adres"), ordering="ip_address")
    def address(self, attempt):
        return attempt.ip_address

    @admin.display(description=_("browser"))
    def browser(self, attempt):
        return attempt.user_agent

    @admin.display(description=_("mislukt"), ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=_("laatste poging"), ordering="attempt_time")
    def last_attempt(self, attempt):
        return attempt.attempt_time

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                account_total=_failures_by("username"),
                address_total=_failures_by("ip_address"),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_unlock_permission(self, request):
        return request.user.has_perm("accounts.unlock_failedlogin")

    def _locked(self, total) -> bool:
        return total >= settings.AXES_FAILURE_LIMIT

    @admin.display(description=_("account vergrendeld"), boolean=True)
    def account_locked(self, attempt):
        return self._locked(attempt.account_total)

    @admin.display(description=_("adres vergrendeld"), boolean=True)
    def address_locked(self, attempt):
        return self._locked(attempt.address_total)

    def _unlock(self, request, values, field, done):
        for value in sorted(set(values) - {None, ""}):
            unlock(**{field: value}, by=request.user)
            self.message_user(request, done % {"value": value}, messages.SUCCESS)

    @admin.action(
        description=_("Account ontgrendelen (alle adressen)"),
        permissions=["unlock"],
    )
    def unlock_accounts(self, request, queryset):
        self._unlock(
            request,
            queryset.values_list("username", flat=True),
            "username",
            _("Account “%(value)s” is ontgrendeld."),
        )

    @admin.action(
        description=_("Adres ontgrendelen (alle accounts)"),
        permissions=["unlock"],
    )
    def unlock_addresses(self, request, queryset):
        self._unlock(
            request,
            queryset.values_list("ip_address", flat=True),
            "ip_address",
            _("Adres %(value)s is ontgrendeld."),
        )


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it."""

    fields = ["two_factor_required"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        policy = SecurityPolicy.load()
        return redirect("admin:accounts_securitypolicy_change", policy.pk)

    def response_change(self, request, obj):
        self.message_user(request, _("Het beveiligingsbeleid is opgeslagen."))
        return redirect(reverse("admin:index"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "two_factor_required" in form.changed_data:
            record(
                AuditEvent.Kind.POLICY,
                subject=str(obj._meta.get_field("two_factor_required").verbose_name),
                detail=_("aan") if obj.two_factor_required else _("uit"),
                actor=request.user,
            )


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, plus whether each person uses two-factor and a way
    for the Hoofdredactie to reset it when a phone is lost."""

    actions = ["reset_two_factor"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "two_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_two_factor=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )

    @admin.display(description=_("tweestapsverificatie"), boolean=True)
    def two_factor(self, user):
        return user.has_two_factor

    @admin.action(
        description=_("Tweestapsverificatie resetten (kwijtgeraakte telefoon)"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        reset = [user for user in queryset if remove_devices(user, by=request.user)]
        self.message_user(
            request,
            ngettext(
                "Tweestapsverificatie gereset voor %(count)d account. Bij het "
                "inloggen stelt deze persoon een nieuwe app in als dat verplicht is.",
                "Tweestapsverificatie gereset voor %(count)d accounts. Bij het "
                "inloggen stellen zij een nieuwe app in als dat verplicht is.",
                len(reset),
            )
            % {"count": len(reset)},
        )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), NewsroomUserAdmin)
