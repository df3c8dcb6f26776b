"""The article form as one screen for writing, in headless Chromium at 1280 and
1920 px (and a phone): the panel beside the text, the word count and preview
following the typing, the toolbar in view down a long article, spellcheck in the
article's language, the menu in Dutch. Screenshots: /tmp/desk-shots/."""

from pathlib import Path

import pytest

from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/desk-shots")  # noqa: S108 (screenshots to look at, by name)


def _log_in(browser, live_server, user, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".prose-editor > .ProseMirror")
    return page


@pytest.mark.parametrize("width", [1280, 1920])
def test_typing_updates_the_count_and_the_preview(browser, live_server, editor, width):
    """Kop, intro and text typed: word count, reading time, search result and
    counters follow; the panel sits right of the text; spellcheck in Dutch."""
    page = _log_in(browser, live_server, editor, width)
    main = page.locator(".writing-main").bounding_box()
    side = page.locator(".writing-panel").bounding_box()
    assert side["x"] >= main["x"] + main["width"]  # beside, not below
    body = page.locator(".prose-editor > .ProseMirror")
    assert body.bounding_box()["height"] >= 400  # an empty body is a writing area
    assert body.get_attribute("spellcheck") == "true"
    assert body.get_attribute("lang") == "nl"
    assert page.get_attribute("#id_headline", "lang") == "nl"

    page.locator("#id_headline").press_sequentially("Wat we weten over de aanslag")
    page.fill("#id_lede", "ISKP eiste de aanslag op.")
    body.click()
    page.keyboard.type("Een twee drie vier vijf. Zes zeven acht negen tien.")
    stats = page.locator("#body-stats")
    assert stats.inner_text() == "10 woorden · 1 min. lezen"
    title = page.locator("[data-preview=title]")
    assert title.inner_text() == "Wat we weten over de aanslag · De Verklaring"
    assert page.locator("[data-preview=description]").inner_text() == (
        "ISKP eiste de aanslag op."
    )
    assert page.locator("[data-counter=title]").inner_text() == "44/60 tekens"
    page.fill(
        "#id_seo_title", "Een heel lange titel voor zoekmachines die echt niet past"
    )
    counter = page.locator("[data-counter=title]")
    assert "te lang" in counter.inner_text()
    assert "is-over" in counter.get_attribute("class")
    assert title.inner_text().endswith("…")
    # The checks: kop and intro done now, section and author still missing.
    assert "is-done" in page.get_attribute("li[data-check=lede]", "class")
    assert "is-missing" in page.get_attribute("li[data-check=section]", "class")

    page.select_option("#id_language", "en")
    assert body.get_attribute("lang") == "en"
    titles = page.eval_on_selector_all(
        ".prose-menubar__button", "(buttons) => buttons.map((b) => b.title)"
    )
    assert "Vet (Ctrl+B)" in titles and "Citaat" in titles
    assert not {"bold", "italic", "blockquote", "undo"} & set(titles)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"form-{width}.png"), full_page=True)


def test_the_toolbar_stays_in_view_on_a_long_article(browser, live_server, editor):
    """Scrolled far down a long body, the toolbar is still at the top of the
    window; on a phone the panel comes below the text."""
    page = _log_in(browser, live_server, editor, 1280)
    page.locator(".prose-editor > .ProseMirror").click()
    for number in range(60):
        page.keyboard.type(f"Alinea {number} met wat tekst erin.")
        page.keyboard.press("Enter")
    assert page.locator("#body-stats").inner_text().startswith("360 woorden")
    page.evaluate(
        "window.scrollTo(0, document.querySelector('.field-body').offsetTop + 1500)"
    )
    box = page.locator(".prose-menubar").bounding_box()
    assert 0 <= box["y"] <= 5
    page.screenshot(path=str(SHOTS / "form-long-scrolled.png"))

    page.set_viewport_size({"width": 390, "height": 844})
    main = page.locator(".writing-main").bounding_box()
    side = page.locator(".writing-panel").bounding_box()
    assert side["y"] >= main["y"] + main["height"]  # below the text
    page.screenshot(path=str(SHOTS / "form-390.png"), full_page=True)
