"""Logging in: lock-out after repeated failures, unlocking, two-factor codes,
sessions, cookies and passwords (accounts/). The Logboek: test_logbook.py."""

import json
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import client_ip
from accounts.models import AuditEvent, SecurityPolicy
from tests.helpers.parts import ROOT
from tests.helpers.users import FAILURE_LIMIT, PASSWORD, log_in, logged_in


def device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


def code(device, *, step=0) -> str:
    """The device's code now (``step`` 1: the next one, still accepted)."""
    return f"{totp(device.bin_key, drift=step):06d}"


# Lock-out -------------------------------------------------------------------------


def test_account_is_locked_after_ten_failures_from_changing_addresses(client, editor):
    """Ten wrong passwords for one account lock it, whatever address each came from;
    then even the right password is refused with the Dutch lock-out page."""
    for n in range(1, FAILURE_LIMIT):
        response = log_in(client, "redacteur", "fout", address=f"198.51.100.{n}")
        assert response.status_code == 200  # the form again, with an error
    response = log_in(client, "redacteur", "fout", address="198.51.100.99")
    assert response.status_code == 429
    response = log_in(client, "redacteur", address="203.0.113.7")
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "Inloggen is geblokkeerd" in page
    assert "hoofdredactie" in page
    assert '<html lang="nl"' in page


def test_nine_failures_then_the_right_password_logs_in_and_starts_over(client, editor):
    """Failures count in a row: a successful login clears the account's count."""
    for _ in range(FAILURE_LIMIT - 1):
        log_in(client, "redacteur", "fout")
    assert log_in(client, "redacteur").status_code == 302
    assert logged_in(client)
    client.logout()
    for _ in range(FAILURE_LIMIT - 1):
        log_in(client, "redacteur", "fout")
    assert log_in(client, "redacteur").status_code == 302


def test_address_is_locked_after_ten_failures_for_different_accounts(client, editor):
    """Ten failures from one address, each for another username, lock that address
    for everyone; the same account still logs in from elsewhere."""
    for n in range(FAILURE_LIMIT):
        log_in(client, f"gok{n}", "fout", address="198.51.100.5")
    assert log_in(client, "redacteur", address="198.51.100.5").status_code == 429
    assert log_in(client, "redacteur", address="203.0.113.7").status_code == 302


def test_lock_out_page_is_in_the_admins_style_and_says_whom_to_ask(client, editor):
    """The page uses the admin's layout and names the Hoofdredactie and the wait."""
    for _ in range(FAILURE_LIMIT):
        response = log_in(client, "redacteur", "fout")
    page = response.content.decode()
    assert response.status_code == 429
    assert "admin/css/base.css" in page
    assert "Vraag de <strong>hoofdredactie</strong>" in page
    assert "24 uur na de laatste poging" in page


def test_hoofdredactie_unlocks_an_account(client, editor, chief):
    """Account ontgrendelen in the admin clears the lock; it is in the Logboek."""
    for n in range(FAILURE_LIMIT):
        log_in(client, "redacteur", "fout", address=f"198.51.100.{n}")
    assert log_in(client, "redacteur").status_code == 429
    client.force_login(chief)
    listing = client.get("/admin/accounts/failedlogin/")
    assert listing.status_code == 200
    attempt = AccessAttempt.objects.filter(username="redacteur").first()
    response = client.post(
        "/admin/accounts/failedlogin/",
        {"action": "unlock_accounts", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="redacteur").exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.UNLOCKED)
    assert (event.actor, event.subject) == (chief, "account “redacteur”")
    client.logout()
    assert log_in(client, "redacteur").status_code == 302


def test_hoofdredactie_unlocks_an_address(client, editor, chief):
    """Adres ontgrendelen clears every account's failures from that address."""
    for n in range(FAILURE_LIMIT):
        log_in(client, f"gok{n}", "fout", address="198.51.100.5")
    client.force_login(chief)
    attempt = AccessAttempt.objects.filter(ip_address="198.51.100.5").first()
    client.post(
        "/admin/accounts/failedlogin/",
        {"action": "unlock_addresses", "_selected_action": [attempt.pk]},
    )
    client.logout()
    assert log_in(client, "redacteur", address="198.51.100.5").status_code == 302


def test_unlock_login_command_for_when_nobody_can_log_in(client, editor):
    """unlock_login lifts an address's lock from the command line, recorded."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    for n in range(FAILURE_LIMIT):
        log_in(client, f"gok{n}", "fout", address="198.51.100.5")
    out = StringIO()
    call_command("unlock_login", "--address", "198.51.100.5", stdout=out)
    assert "Ontgrendeld: adres 198.51.100.5" in out.getvalue()
    assert AuditEvent.objects.get(kind="unlocked").subject == "adres 198.51.100.5"
    assert log_in(client, "redacteur", address="198.51.100.5").status_code == 302
    with pytest.raises(CommandError, match="geen IP-adres"):
        call_command("unlock_login", "--address", "kantoor")


def test_only_the_hoofdredactie_sees_failed_logins_and_the_logbook(client, editor):
    """A Redacteur gets 403 for the failed logins, the Logboek and the policy."""
    client.force_login(editor)
    for url in (
        "/admin/accounts/failedlogin/",
        "/admin/accounts/auditevent/",
        "/admin/accounts/securitypolicy/",
    ):
        assert client.get(url).status_code == 403


def test_client_address_behind_a_proxy(settings):
    """Behind PROXY_COUNT proxies the address is that far from the right of
    X-Forwarded-For; a forged header cannot choose it, junk falls back."""
    factory = RequestFactory()
    request = factory.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="127.0.0.1"
    )
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"
    junk = factory.get("/", HTTP_X_FORWARDED_FOR="nonsense", REMOTE_ADDR="127.0.0.1")
    assert client_ip(junk) == "127.0.0.1"
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


# Two-factor -----------------------------------------------------------------------


def test_login_asks_for_the_code_when_the_user_has_an_app(client, editor):
    """With a confirmed app, the password alone is not enough; the right code is."""
    device = device_for(editor)
    response = log_in(client, "redacteur")
    assert response.status_code == 200
    assert "Vul ook de code uit je authenticator-app in." in response.text
    assert not logged_in(client)
    response = log_in(client, "redacteur", code=code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_or_used_code_is_refused(client, editor):
    """A wrong code and a code already used both fail and count as failures."""
    device = device_for(editor)
    assert log_in(client, "redacteur", code=code(device)).status_code == 302
    client.logout()
    response = log_in(client, "redacteur", code=code(device))  # the same code again
    assert "Deze code klopt niet" in response.text
    assert not logged_in(client)
    assert AccessAttempt.objects.get(username="redacteur").failures_since_start == 1


def test_ten_wrong_codes_lock_the_account(client, editor):
    """Guessing codes with a phished password locks the account like passwords do."""
    device_for(editor)
    for _ in range(FAILURE_LIMIT):
        response = log_in(client, "redacteur", code="000000")
    assert response.status_code == 429
    assert not logged_in(client)


def test_setting_up_an_app(client, editor):
    """The page shows a QR code (a data URI) and the secret; the first code turns
    two-factor on, verifies this session and is recorded."""
    client.force_login(editor)
    page = client.get("/admin/tweestapsverificatie/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert "".join(page.context["secret"].split()) in page.text.replace(" ", "")
    wrong = client.post("/admin/tweestapsverificatie/", {"code": "000000"})
    assert "Deze code klopt niet" in wrong.text
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        "/admin/tweestapsverificatie/", {"code": code(device), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.TWO_FACTOR_ON, subject="redacteur", actor=editor
    ).exists()


def test_a_session_without_a_code_is_held_back(client, editor):
    """A user with an app whose session gave no code (e.g. set up elsewhere) is
    sent to give one before anything else in the admin."""
    device = device_for(editor)
    client.force_login(editor)
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response.url == (
        "/admin/tweestapsverificatie/?next=%2Fadmin%2Farticles%2Farticle%2F"
    )
    client.post("/admin/tweestapsverificatie/", {"code": code(device)})
    assert client.get("/admin/articles/article/").status_code == 200


def test_mandatory_two_factor_sends_users_without_an_app_to_set_one_up(client, editor):
    """When the Hoofdredactie makes it mandatory, a user without an app goes to the
    setup right after login and can do nothing else (logging out still works)."""
    SecurityPolicy.objects.create(pk=1, two_factor_required=True)
    response = log_in(client, "redacteur")
    assert response.status_code == 302
    held = client.get(response.url)
    assert held.status_code == 302
    assert held.url.startswith("/admin/tweestapsverificatie/")
    assert client.get("/admin/articles/article/add/").status_code == 302
    setup = client.get(held.url)
    assert "verplicht gemaakt" in setup.text
    device = TOTPDevice.objects.get(user=editor)
    client.post(held.url, {"code": code(device)})
    assert client.get("/admin/articles/article/add/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200


def test_the_hoofdredactie_makes_two_factor_mandatory(client, chief, editor):
    """The policy is one form for the Hoofdredactie; the change is recorded."""
    device = device_for(chief)  # so the chief is not held back after saving
    assert log_in(client, "chef", code=code(device)).status_code == 302
    response = client.get("/admin/accounts/securitypolicy/")
    assert response.status_code == 302
    response = client.post(response.url, {"two_factor_required": "on"})
    assert response.status_code == 302
    assert SecurityPolicy.two_factor_is_required()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.POLICY, actor=chief).exists()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302


def test_the_hoofdredactie_resets_a_lost_phone(client, chief, editor):
    """An action on the user list removes someone's app; the next login needs none."""
    device_for(editor)
    client.force_login(chief)
    SecurityPolicy.objects.create(pk=1)
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [editor.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.TWO_FACTOR_OFF, subject="redacteur", actor=chief
    ).exists()
    client.logout()
    assert log_in(client, "redacteur").status_code == 302


def test_turning_ones_own_app_off_needs_a_code(client, editor):
    """Turning two-factor off asks for a current code."""
    device = device_for(editor)
    log_in(client, "redacteur", code=code(device))
    client.post("/admin/tweestapsverificatie/", {"code": "000000"})
    assert TOTPDevice.objects.filter(user=editor).exists()
    device.refresh_from_db()
    device.throttle_reset()
    client.post("/admin/tweestapsverificatie/", {"code": code(device, step=1)})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_admin_never_shows_secrets(client, chief):
    """django-otp's own device admin (which shows keys) is not registered."""
    client.force_login(chief)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


# Sessions, cookies, passwords -----------------------------------------------------


def test_production_settings_protect_sessions_and_cookies(tmp_path):
    """With DEBUG off and HTTPS on: secure, HttpOnly, SameSite cookies, HSTS, a
    session that ends with the browser and after 12 hours, and the lock-out."""
    names = [
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "AXES_FAILURE_LIMIT", "AXES_LOCKOUT_PARAMETERS", "PROXY_COUNT",
    ]  # fmt: skip
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "SECRET_KEY": "x" * 60,
            "DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_AGE"] == 12 * 60 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert values["AXES_FAILURE_LIMIT"] == FAILURE_LIMIT
    assert set(values["AXES_LOCKOUT_PARAMETERS"]) == {"username", "ip_address"}
    assert values["PROXY_COUNT"] == 1


def test_session_cookie_is_http_only_and_ends_with_the_browser(client, editor):
    """The login's session cookie has no lifetime of its own and is HttpOnly."""
    response = log_in(client, "redacteur")
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]
    assert client.session.get_expiry_age() == 12 * 60 * 60


def test_password_validators_refuse_weak_passwords(db):
    """Django's validators are on: short, common and numeric passwords fail."""
    for weak in ("kort", "wachtwoord", "12345678901"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)
