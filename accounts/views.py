"""The admin's login, guarded, and the two-factor page: set up an app, give a code
for this session, or turn it off."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
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

__all__ = ["login", "two_factor", "usable_next"]


def usable_next(request, url: str) -> bool:
    """Whether ``url`` is somewhere to go after logging in: a path on this site
    (not another host, not ``//host``, no scheme such as ``javascript:``) that one of
    our URL patterns answers. Anything else would end off-site or on a 404."""
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return False
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return False
    path = unquote(parts.path)
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):  # /en/... resolves in English
            match = resolve(path)
    except Resolver404:
        return False
    # The admin's last pattern takes any path under /admin/, to answer it with 404.
    return getattr(match.func, "__name__", "") != "catch_all_view"


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if usable_next(request, url) else reverse("admin:index")


def login(request):
    """The admin's own login (``admin.site.login``, our LoginForm and template),
    with a ``next`` that ``usable_next`` refuses replaced by the admin's index."""
    index = reverse("admin:index")
    for method in ("GET", "POST"):
        params = getattr(request, method)
        if REDIRECT_FIELD_NAME in params and not usable_next(
            request, params[REDIRECT_FIELD_NAME]
        ):
            params = params.copy()
            params[REDIRECT_FIELD_NAME] = index
            setattr(request, method, params)
            if method == "GET":  # the form posts back to this URL
                request.META["QUERY_STRING"] = params.urlencode()
    return admin.site.login(request)


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
