"""The two-factor page in the admin: set up an app, give a code for this session,
or turn it off."""

from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from accounts.models import SecurityPolicy
from accounts.twofactor import (
    CodeForm,
    confirm_device,
    confirmed_device,
    pending_device,
    qr_data_uri,
    remove_devices,
    secret_for_typing,
)

__all__ = ["two_factor"]


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else reverse("admin:index")


@admin.site.admin_view
def two_factor(request):
    """Template ``admin/accounts/two_factor.html``; context: ``state`` ("setup",
    "verify" or "on"), ``form`` (a code), ``required`` (the policy), and for setup
    ``qr`` (a data URI) and ``secret`` (for typing), plus the admin's own."""
    user = request.user
    device = confirmed_device(user)
    required = SecurityPolicy.two_factor_is_required()
    if device is None:
        state, device = "setup", pending_device(user)
    elif not user.is_verified():
        state = "verify"
    else:
        state = "on"
    form = CodeForm(
        request.POST or None,
        device=device,
        request=request,
        count_failures=state == "verify",
    )
    if request.method == "POST" and form.is_valid():
        if state == "setup":
            confirm_device(request, device)
            messages.success(
                request,
                _("Tweestapsverificatie staat aan. Bij het inloggen vraagt het beheer "
                  "voortaan ook om de code uit je app."),
            )  # fmt: skip
        elif state == "verify":
            otp_login(request, device)
        else:
            remove_devices(user, by=user)
            messages.success(request, _("Tweestapsverificatie staat uit."))
            return redirect("two-factor")
        return redirect(_next_url(request))
    context = {
        **admin.site.each_context(request),
        "title": _("Tweestapsverificatie"),
        "state": state,
        "form": form,
        "required": required,
        "next": request.POST.get("next") or request.GET.get("next") or "",
    }
    if state == "setup":
        context.update(qr=qr_data_uri(device), secret=secret_for_typing(device))
    return render(request, "admin/accounts/two_factor.html", context)
