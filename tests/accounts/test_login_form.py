"""The admin's login page: it never sends a password back, and ``next`` never leads
off-site or to a page that does not exist."""

import re
from urllib.parse import urlencode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers.users import FAILURE_LIMIT, LOGIN, PASSWORD, logged_in

# Any value in the password field's own tag (the field is named "password").
PASSWORD_INPUT = re.compile(r"<input[^>]*name=\"password\"[^>]*>")


def post_login(client, *, password=PASSWORD, code="", next_url="/admin/"):
    return client.post(
        LOGIN,
        urlencode({"username": "redacteur", "password": password, "otp_token": code,
                   "next": next_url}),
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="192.0.2.1",
    )  # fmt: skip


def current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def assert_no_password_in(response, password):
    assert password not in response.text
    for tag in PASSWORD_INPUT.findall(response.text):
        assert "value=" not in tag, tag


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong-password", 200),
        ("code-missing", 200),
        ("code-wrong", 200),
        ("locked", 429),
    ],
)
def test_no_failure_sends_the_password_back(client, editor, case, expected):
    """Wrong password, missing or wrong code, locked: the page holds no password."""
    TOTPDevice.objects.create(user=editor, name="telefoon", confirmed=True)
    password = "Fout-wachtwoord-1" if case == "wrong-password" else PASSWORD
    code = {"code-wrong": "000000"}.get(case, "")
    if case == "locked":
        for _ in range(FAILURE_LIMIT):
            post_login(client, password="Fout-wachtwoord-1")
    response = post_login(client, password=password, code=code)
    assert response.status_code == expected
    assert not logged_in(client)
    assert_no_password_in(response, password)
    if case == "code-missing":
        assert "Vul ook de code uit je authenticator-app in." in response.text


def test_the_right_code_after_a_missing_one_still_logs_in(client, editor):
    """Typing the password again with the code is all it takes."""
    device = TOTPDevice.objects.create(user=editor, name="telefoon", confirmed=True)
    post_login(client)
    response = post_login(client, code=current_code(device))
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/admin/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "/bestaat-niet/",
        "/admin/bestaat/ook/niet/",
        "",
    ],
    ids=["external", "scheme-relative", "backslash", "javascript", "unknown",
         "unknown-admin", "empty"],
)  # fmt: skip
def test_a_bad_next_ends_on_the_admin_index(client, editor, next_url):
    """After logging in, an unusable ``next`` leads to the admin's index."""
    response = post_login(client, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "next_url",
    ["/admin/articles/article/", "/artikel/iets/", "/en/", "/admin/?q=x"],
)
def test_a_good_next_is_followed(client, editor, next_url):
    """A page of this site that exists is where the login leads."""
    response = post_login(client, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == next_url


def test_a_bad_next_on_the_login_page_is_not_put_in_the_form(client, db):
    """The form carries the admin's index instead of an off-site ``next``."""
    response = client.get(LOGIN, {"next": "https://evil.example/"})
    assert response.status_code == 200
    assert "evil.example" not in response.text
    assert 'name="next" value="/admin/"' in response.text


def test_the_two_factor_page_ignores_a_bad_next(client, editor):
    """After giving a code, an unknown ``next`` leads to the admin's index too."""
    device = TOTPDevice.objects.create(user=editor, name="telefoon", confirmed=True)
    client.force_login(editor)
    response = client.post(
        "/admin/tweestapsverificatie/?next=/bestaat-niet/",
        {"code": current_code(device)},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
