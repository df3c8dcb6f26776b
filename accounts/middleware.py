"""The admin's middlewares (after AuthenticationMiddleware and django-otp's
OTPMiddleware in settings.MIDDLEWARE): two-factor, the acting user, and actions."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import SecurityPolicy
from accounts.twofactor import confirmed_device

__all__ = ["ActingUserMiddleware", "AdminActionMiddleware", "TwoFactorMiddleware"]


class TwoFactorMiddleware:
    """In the admin, a session must have given a code from the user's app when the
    user has one, and the user must set one up first when the Hoofdredactie made
    two-factor mandatory. Until then every admin page sends them to the
    two-factor page (logging out still works)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._held_back(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('two-factor')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _held_back(request) -> bool:
        if not request.path_info.startswith(reverse("admin:index")):
            return False
        user = getattr(request, "user", None)
        if user is None or not (user.is_active and user.is_staff):
            return False
        if user.is_verified():
            return False
        if request.path_info in (
            reverse("two-factor"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        ):
            return False
        return (
            confirmed_device(user) is not None
            or SecurityPolicy.two_factor_is_required()
        )


class ActingUserMiddleware:
    """Audit events recorded while serving a request name its user as the actor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request):
            return self.get_response(request)


class AdminActionMiddleware:
    """An admin action that the list does not offer this user is refused with a
    403, whatever the admin: Django would quietly answer "no action selected", and
    a forged request should hear plainly that it may not. Which actions a user is
    offered is each ModelAdmin's ``get_actions`` (``permissions=`` on the action)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        match = request.resolver_match
        if (
            model_admin is None
            or request.method != "POST"
            or not (match and (match.url_name or "").endswith("_changelist"))
        ):
            return None
        wanted = set(request.POST.getlist("action"))
        if wanted and not wanted <= set(model_admin.get_actions(request)):
            raise PermissionDenied(
                _("Deze handeling kun je met jouw rol niet uitvoeren op deze lijst.")
            )
        return None
