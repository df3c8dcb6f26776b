"""Two-factor codes (TOTP, django-otp) for the admin: the login form that asks for
the code, and setting up, checking and removing a person's authenticator app.

One app per person. A user with a confirmed app must give its current code at
login (and in any session that has not given one yet); the Hoofdredactie can make an
app mandatory for everyone with admin access (``SecurityPolicy``). Django-otp
refuses a code that was already used and makes each wrong code wait twice as long as
the one before; here a wrong code also counts as a failed login for the lock-out.
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import record
from accounts.models import AuditEvent

__all__ = [
    "CodeForm",
    "LoginForm",
    "confirm_device",
    "confirmed_device",
    "pending_device",
    "qr_data_uri",
    "remove_devices",
    "secret_for_typing",
]

CODE_WIDGET = forms.TextInput(
    attrs={
        "autocomplete": "one-time-code",
        "inputmode": "numeric",
        "pattern": "[0-9 ]*",
        "size": 8,
    }
)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The not yet confirmed app ``user`` is setting up; made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator-app")), confirmed=False
        )
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The app's setup link as a QR code, an SVG data URI (no request elsewhere)."""
    # Black on white whatever the admin's theme: dark mode must stay scannable.
    return segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=2, dark="#000", light="#fff"
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps set up by hand."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _check(device: TOTPDevice, code: str) -> None:
    """Raise ValidationError unless ``code`` is the device's current, unused code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, extra = device.verify_is_allowed()
        if allowed and device.verify_token("".join(code.split())):
            return
    if not allowed:
        wait = (extra["locked_until"] - timezone.now()).total_seconds()
        raise ValidationError(
            _(
                "Te veel verkeerde codes achter elkaar. Wacht %(seconds)d seconden "
                "en vul dan de nieuwe code uit je app in."
            ),
            code="throttled",
            params={"seconds": max(1, round(wait))},
        )
    raise ValidationError(
        _(
            "Deze code klopt niet. Vul de zes cijfers in die je app nu toont; een "
            "code werkt maar één keer."
        ),
        code="invalid_code",
    )


def _count_failure(request, user) -> None:
    """A wrong code counts as a failed login (django-axes locks after too many)."""
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.get_username()},
        request=request,
    )


class LoginForm(AdminAuthenticationForm):
    """The admin's login: username, password, and the app's code for those who
    set one up. Axes counts wrong passwords; wrong codes are counted here."""

    otp_token = forms.CharField(
        label=_("Code uit je app"),
        required=False,
        max_length=12,
        widget=CODE_WIDGET,
        help_text=_("Alleen als je tweestapsverificatie gebruikt."),
    )

    def clean(self):
        cleaned_data = super().clean()  # password checked, staff required
        user = self.get_user()
        device = confirmed_device(user)
        if device is None:
            return cleaned_data
        # The password is never sent back into the page, right or wrong: it
        # would sit in the HTML (caches, saved pages, "view source").
        code = cleaned_data.get("otp_token", "")
        if not code.strip():
            raise ValidationError(
                _("Vul ook de code uit je authenticator-app in."),
                code="code_required",
            )
        try:
            _check(device, code)
        except ValidationError:
            _count_failure(self.request, user)
            raise
        user.otp_device = device  # django-otp marks the session as verified
        return cleaned_data


class CodeForm(forms.Form):
    """One code from the app: to confirm a new app, verify a session or remove it."""

    code = forms.CharField(
        label=_("Code uit je app"), max_length=12, widget=CODE_WIDGET
    )

    def __init__(self, *args, device: TOTPDevice, request, count_failures=False, **kw):
        super().__init__(*args, **kw)
        self.device = device
        self.request = request
        self.count_failures = count_failures

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            _check(self.device, code)
        except ValidationError:
            if self.count_failures:
                _count_failure(self.request, self.request.user)
            raise
        return code


@transaction.atomic
def confirm_device(request, device: TOTPDevice) -> None:
    """Make ``device`` (its first code just checked) the user's one app, mark this
    session as verified and record it."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    record(
        AuditEvent.Kind.TWO_FACTOR_ON,
        subject=device.user.get_username(),
        actor=request.user,
    )


@transaction.atomic
def remove_devices(user, *, by) -> bool:
    """Remove ``user``'s app (lost phone, or turned off). Returns whether there was
    one; the next login then asks for no code, or for a new app when mandatory."""
    deleted, _counts = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        record(AuditEvent.Kind.TWO_FACTOR_OFF, subject=user.get_username(), actor=by)
    return bool(deleted)
