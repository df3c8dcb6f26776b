"""In a real browser: no request to another origin until the reader clicks."""

import html
import os
from urllib.parse import urlparse

import pytest

from tests.embed_samples import X_CODE, YOUTUBE_CODE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def article_url(make_article, live_server):
    body = "<p>Inleiding.</p>"
    for code in (X_CODE, YOUTUBE_CODE):
        body += "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))
    article = make_article(headline="Wat we weten", body=body)
    return live_server.url + article.get_absolute_url()


def open_recording(browser, url, *, javascript=True):
    """A page on ``url`` whose requests to other origins are answered empty and logged."""
    context = browser.new_context(java_script_enabled=javascript)
    own = urlparse(url).netloc
    foreign = []

    def intercept(route):
        request = route.request
        if urlparse(request.url).netloc == own:
            return route.continue_()
        foreign.append(request.url)
        kind = (
            "application/javascript"
            if request.resource_type == "script"
            else "text/html"
        )
        return route.fulfill(status=200, content_type=kind, body="")

    context.route("**/*", intercept)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, foreign


def test_no_other_origin_before_click_and_only_the_providers_script_after(
    browser, article_url
):
    """Before a click nothing leaves; a click on X asks for X's script alone."""
    page, foreign = open_recording(browser, article_url)
    assert foreign == []
    assert page.locator("figure.embed-x .embed-consent").is_visible()
    page.click("figure.embed-x .embed-load")
    page.wait_for_load_state("networkidle")
    assert foreign == ["https://platform.twitter.com/widgets.js"]
    assert page.locator("figure.embed-x blockquote.twitter-tweet").count() == 1
    page.click("figure.embed-youtube .embed-load")
    page.wait_for_load_state("networkidle")
    assert foreign[1:] == ["https://www.youtube-nocookie.com/embed/Ab3dEf6hIj0"]


def test_remembered_consent_loads_that_provider_only(browser, article_url):
    """ "Onthoud mijn keuze" loads X at once on the next visit, and YouTube not."""
    page, foreign = open_recording(browser, article_url)
    page.check("figure.embed-x .embed-remember")
    page.click("figure.embed-x .embed-load")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert foreign.count("https://platform.twitter.com/widgets.js") == 2
    assert not any("youtube" in url for url in foreign)


def test_card_is_complete_without_javascript(browser, article_url):
    """Without JavaScript the card reads in full and shows no dead button."""
    page, foreign = open_recording(browser, article_url, javascript=False)
    card = page.locator("figure.embed-x")
    assert "Long queues at the airport gates" in card.inner_text()
    assert "Jane Reporter" in card.inner_text()
    assert not page.locator("figure.embed-x .embed-load").is_visible()
    assert foreign == []
