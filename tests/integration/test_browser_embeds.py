"""In a real browser: no request to another origin until the reader clicks."""

import html
from urllib.parse import urlparse

import pytest

from tests.helpers.browser import pick
from tests.helpers.samples.embeds import X_CODE, YOUTUBE_CODE
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    with page.expect_request("https://platform.twitter.com/widgets.js"):
        page.click("figure.embed-x .embed-load")
    page.wait_for_timeout(300)  # room for any request that should not come
    assert foreign == ["https://platform.twitter.com/widgets.js"]
    assert page.locator("figure.embed-x blockquote.twitter-tweet").count() == 1
    with page.expect_request("https://www.youtube-nocookie.com/embed/Ab3dEf6hIj0"):
        page.click("figure.embed-youtube .embed-load")
    page.wait_for_timeout(300)
    assert foreign[1:] == ["https://www.youtube-nocookie.com/embed/Ab3dEf6hIj0"]


def test_remembered_consent_loads_that_provider_only(browser, article_url):
    """ "Onthoud mijn keuze" loads X at once on the next visit, and YouTube not."""
    page, foreign = open_recording(browser, article_url)
    page.check("figure.embed-x .embed-remember")
    with page.expect_request("https://platform.twitter.com/widgets.js"):
        page.click("figure.embed-x .embed-load")
    with page.expect_request("https://platform.twitter.com/widgets.js"):
        page.reload()
    page.wait_for_timeout(300)
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


PASTED_POST = (
    "Wat we van ooggetuigen hoorden:\n\n\n"
    "First paragraph of a long post.\n\n"
    "Second paragraph pic.twitter.com/Zz9Yy8Xx7W — Sam Field (@samfield) August 26, 2021\n\n"
    "En dan verder met ons eigen verhaal."
)


def paste(page, selector, text):
    """Paste plain text the way a browser does: a paste event with clipboard data."""
    page.locator(selector).click()
    page.evaluate(
        """([selector, text]) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.querySelector(selector).dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [selector, text],
    )


def test_editor_paste_keeps_a_multi_paragraph_post_together(
    browser, live_server, editor
):
    """A post pasted as text into the body, with its paragraphs, becomes one X embed."""
    from articles.models import Article, Author, Section
    from embeds.models import Embed

    Section.objects.create(name="Buitenland", slug="buitenland")
    Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator("#id_headline").press_sequentially("Ooggetuigen")
    page.fill("#id_lede", "Wat mensen zagen.")
    paste(page, ".ProseMirror[contenteditable=true]", PASTED_POST)
    # A locator, not wait_for_function: the admin's CSP forbids the eval that needs.
    page.locator(
        ".ProseMirror[contenteditable=true]", has_text="verder met ons"
    ).wait_for()
    pick(page, "id_section", "Buit", "Buitenland")
    pick(page, "id_authors", "Eva", "Eva Mulder")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    article = Article.objects.get()
    embed = Embed.objects.get()
    assert embed.source == "text" and embed.author_handle.lstrip("@") == "samfield"
    assert "First paragraph of a long post." in embed.text
    assert "Second paragraph" in embed.text
    assert "Wat we van ooggetuigen hoorden:" in article.body
    assert "En dan verder met ons eigen verhaal." in article.body
    assert "First paragraph" not in article.body
