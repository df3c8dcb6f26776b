"""In Chromium: pasting an explainer shows the importer's result at once, saving it
gives import_article's body, and no button or link on the form loses what was typed."""

import pytest
from django.core.management import call_command

from articles.models import Article, PreviewLink
from articles.services.articles import save_article
from tests.helpers.browser import pick
from tests.helpers.samples.explainer import EXPLAINER_BODY, EXPLAINER_FILE
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTE = """(text) => {
  const editor = document.querySelector(".ProseMirror[contenteditable=true]");
  editor.focus();
  const data = new DataTransfer();
  data.setData("text/plain", text);
  editor.dispatchEvent(new ClipboardEvent("paste", {
    clipboardData: data, bubbles: true, cancelable: true }));
}"""


def _login(page, live_server, user, path):
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".ProseMirror[contenteditable=true]")


def test_pasted_explainer_shows_as_imported_and_saves_as_imported(
    browser, live_server, editor, filing, tmp_path
):
    """Subheadings, the quote with "- Name, in X" and the posts appear in the editor
    at once, the cards beside it; the saved body equals import_article's."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, editor, "/admin/articles/article/add/")
    page.fill("#id_headline", "Geplakt")
    page.fill(
        "#id_lede",
        "Bij de aanslag op het vliegveld van Kabul kwamen meer dan 170 mensen om.",
    )
    page.evaluate(PASTE, EXPLAINER_BODY)
    editor_box = page.locator(".ProseMirror[contenteditable=true]")
    page.wait_for_selector(".ProseMirror[contenteditable=true] h2")
    assert editor_box.locator("h2").all_inner_texts() == ["Wie is ISKP", "Wat nu"]
    quote = editor_box.locator("blockquote p").all_inner_texts()
    assert quote == [
        "“We waren er niet op voorbereid.”",
        "— Tom Middendorp, in Nieuwsuur",
    ]
    assert "Sam Field (@samfield) August 26, 2021" in editor_box.inner_text()
    cards = page.locator("#paste-preview figure.embed-x")
    assert cards.count() == 2
    assert "Sam Field" in cards.nth(0).inner_text()
    assert "Jane Reporter" in cards.nth(1).inner_text()
    page.screenshot(path=str(tmp_path / "paste.png"), full_page=True)
    pick(page, "id_section", "Buit", "Buitenland")
    pick(page, "id_authors", "Eva", "Eva Mulder")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    pasted = Article.objects.get(headline="Geplakt")

    path = tmp_path / "artikel.txt"
    path.write_text(EXPLAINER_FILE, encoding="utf-8")
    call_command("import_article", str(path), stdout=None)
    imported = Article.objects.exclude(pk=pasted.pk).get()
    assert pasted.body == imported.body
    assert pasted.lede == imported.lede


def test_no_button_or_link_on_the_form_loses_typed_text(
    browser, live_server, editor, make_article
):
    """Type in the body, then: new preview link and revoke (done in place), Versies
    and Geschiedenis (the page asks; staying keeps the text; leaving keeps a recovery
    copy the form offers back), a restore (asks on its own page first)."""
    article = make_article(status=Article.Status.DRAFT, body="<p>Eerste.</p>")
    article.headline = "Tweede kop"
    save_article(article, new_version=True)
    change = f"/admin/articles/article/{article.pk}/change/"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, editor, change)
    page.locator(".ProseMirror[contenteditable=true] p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" Niet opgeslagen zin.")
    page.evaluate("window.sameDocument = true")

    def still_there():
        assert page.evaluate("window.sameDocument") is True
        assert (
            "Niet opgeslagen zin."
            in page.locator(".ProseMirror[contenteditable=true]").inner_text()
        )

    page.click("button:has-text('Nieuwe voorbeeldlink')")
    page.wait_for_selector(".preview-links li")
    assert "Voorbeeldlink gemaakt" in page.inner_text(".messagelist")
    still_there()
    page.click(".preview-links button:has-text('Intrekken')")
    page.wait_for_selector("text=Geen actieve links.")
    assert PreviewLink.objects.get().revoked_at is not None
    still_there()

    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    for link in ("Versies", "Geschiedenis"):
        page.click(f".object-tools a:has-text('{link}')")
        page.wait_for_timeout(300)
        still_there()
    assert asked == ["beforeunload", "beforeunload"]
    page.remove_listener("dialog", stay)

    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".object-tools a:has-text('Versies')")
    page.wait_for_url("**/versies/")
    page.click("a:has-text('Herstel versie 1')")
    page.wait_for_selector("text=Ja, herstel versie 1")
    assert "verandert dit veld" in page.inner_text("#content-main")
    article.refresh_from_db()
    assert article.headline == "Tweede kop"  # asking restored nothing

    page.goto(live_server.url + change)
    page.click("a:has-text('Terugzetten in het formulier')")
    # The body's editor (the heading picker in its menu bar holds a ProseMirror too).
    page.wait_for_selector(".prose-editor .ProseMirror[contenteditable=true]")
    assert (
        "Niet opgeslagen zin."
        in page.locator(".ProseMirror[contenteditable=true]").inner_text()
    )


def test_typing_a_dash_in_a_quote_makes_the_attribution_not_a_list(
    browser, live_server, editor, make_article
):
    """ "- " on a new line in a block quote becomes "— ", not a bullet list."""
    article = make_article(body="<blockquote><p>“Citaat.”</p></blockquote>")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, editor, f"/admin/articles/article/{article.pk}/change/")
    page.locator(".ProseMirror[contenteditable=true] blockquote p").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    # At a person's pace: at once after Enter, a loaded machine's editor may not
    # have made the new paragraph yet when "-" arrives.
    page.keyboard.type("- Tom Middendorp, in Nieuwsuur", delay=40)
    quote = page.locator(".ProseMirror[contenteditable=true] blockquote")
    assert quote.locator("ul").count() == 0
    assert quote.locator("p").all_inner_texts() == [
        "“Citaat.”",
        "— Tom Middendorp, in Nieuwsuur",
    ]
