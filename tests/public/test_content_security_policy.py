"""A strict Content-Security-Policy that the public pages keep without a violation."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.content import EXPLAINER_SLUG
from tests.helpers.users import PASSWORD

PAGES = ["/", f"/artikel/{EXPLAINER_SLUG}/", "/sectie/buitenland/", "/onderwerp/iskp/",
         "/auteur/eva-mulder/", "/zoeken/?q=ISKP", "/bestaat-niet/", "/over-ons/"]  # fmt: skip


def test_public_pages_send_a_strict_policy(client, db):
    """No unsafe-inline or unsafe-eval for scripts and styles; no framing; no plugins."""
    call_command("load_demo", stdout=StringIO())
    for url in PAGES:
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert "unsafe" not in directives["script-src"] + directives["style-src"], url
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert directives["default-src"] == "'self'"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_cause_no_policy_violation(browser, live_server):
    """Chromium reports no CSP violation on any public page, embeds included."""
    call_command("load_demo", stdout=StringIO())
    page = browser.new_page()
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for url in PAGES:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_article_form_runs_under_its_policy_without_a_script_violation(
    browser, live_server, editor
):
    """The editor (import map with the nonce, modules, autocomplete) loads and no
    script is refused."""
    page = browser.new_page()
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator(".ProseMirror >> visible=true").first.wait_for()  # the editor started
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__violations")
    assert not [v for v in violations if v.startswith("script-src")], violations
