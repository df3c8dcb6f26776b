"""Two middlewares for accounts (after AuthenticationMiddleware and django-otp's
OTPMiddleware in settings.MIDDLEWARE)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts.audit import acting_as
from accounts.models import SecurityPolicy
from accounts.twofactor import confirmed_device

__all__ = ["ActingUserMiddleware", "TwoFactorMiddleware"]


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
