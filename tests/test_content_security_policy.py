"""A strict Content-Security-Policy that the public pages keep without a violation."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.demo import EXPLAINER_SLUG

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
