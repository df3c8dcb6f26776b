"""The live desk in headless Chromium: an entry is added in three actions (type,
tick a flag, press Plaatsen) without leaving the desk, and shows there at once."""

from urllib.parse import urlparse

import pytest

from articles.models import Article, LiveEntry
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_adds_an_entry_in_three_actions(
    browser, live_server, editor, make_article, tmp_path
):
    """Counted: one typing action in the editor, one click on a flag, one click on
    "Plaatsen"; the page that comes back is the desk with the entry on it, and the
    desk loads nothing from another origin."""
    article = make_article(headline="Live: Kabul", kind=Article.Kind.LIVE)
    desk = f"{live_server.url}/admin/articles/article/{article.pk}/live/"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(
        f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/live/"
    )
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#nieuw-bericht .ProseMirror[contenteditable=true]")
    origins = set()
    page.on("request", lambda request: origins.add(urlparse(request.url).netloc))

    actions = 0
    page.locator("#nieuw-bericht .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Explosie bij de Abbey Gate gemeld.")
    actions += 1  # type (the click into the editor is part of typing)
    page.check("#id_nieuw-key_moment")
    actions += 1  # a flag
    page.click("button[name=actie][value=plaatsen]")
    actions += 1  # post
    page.wait_for_selector(".messagelist")

    assert actions <= 3
    assert page.url.split("#")[0] == desk
    entry = LiveEntry.objects.get()
    assert entry.status == LiveEntry.Status.PUBLISHED and entry.key_moment
    card = page.locator(f"#bericht-{entry.pk}")
    assert "Explosie bij de Abbey Gate gemeld." in card.inner_text()
    assert "Belangrijk moment" in card.inner_text()
    page.screenshot(path=str(tmp_path / "live-desk.png"), full_page=True)
    assert origins <= {urlparse(live_server.url).netloc}
