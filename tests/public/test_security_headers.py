"""Every response, public or admin, carries the security headers."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=iskp", "/admin/login/", "/nergens/"])
def test_security_headers_on_public_pages_admin_and_errors(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    policy = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature
    assert policy["browsing-topics"] == "()"
    assert policy["fullscreen"] == (
        '(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
    )


def test_the_public_csp_allows_no_inline_script_or_style(client):
    csp = client.get("/")["Content-Security-Policy"]
    directives = dict(
        (d.split(" ", 1) + [""])[:2] for d in (p.strip() for p in csp.split(";")) if d
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


def test_the_admin_runs_no_inline_script_without_the_request_nonce(editor_client):
    """The editor's import map is the admin's one inline script: it carries the
    nonce of the policy, which allows no other inline script."""
    import re

    response = editor_client.get("/admin/articles/article/add/")
    csp = response["Content-Security-Policy"]
    script_src = next(
        d for d in (p.strip() for p in csp.split(";")) if d.startswith("script-src ")
    )
    assert "'unsafe-inline'" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the import map is there"
    for attributes in inline:
        assert f'nonce="{nonce}"' in attributes or "application/json" in attributes
