"""A real editor session in headless Chromium: log in, write, publish, read."""

from urllib.parse import urlparse

import pytest

from articles.models import Article, Author, Section, Topic, TopicAlias
from tests.conftest import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(django_user_model):
    Section.objects.create(name="Buitenland", slug="buitenland")
    Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    TopicAlias.objects.create(topic=topic, name="IS-K", slug="is-k")
    django_user_model.objects.create_superuser(
        "chef", "chef@example.org", "Geheim-123!"
    )


def test_editor_writes_publishes_and_reads_an_article(
    browser, live_server, newsroom, tmp_path
):
    """Log in, write with the rich-text editor, pick topics by alias, publish, read."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "chef")
    page.fill("#id_password", "Geheim-123!")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_headline")

    page.locator("#id_headline").press_sequentially("Wat we weten over de aanslag")
    assert page.input_value("#id_slug") == "wat-we-weten-over-de-aanslag"
    page.select_option("#id_kind", "explainer")
    page.fill("#id_lede", "ISKP eiste de aanslag bij het vliegveld op.")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Eerste alinea van het verhaal.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.type("Wie zit erachter")
    page.keyboard.press("Enter")
    page.keyboard.type("De groep ontstond in 2015.")
    pick(page, "id_section", "Buit", "Buitenland")
    pick(page, "id_authors", "Eva", "Eva Mulder")
    pick(page, "id_topics", "IS-K", "ISKP")
    page.select_option("#id_status", "published")
    page.screenshot(path=str(tmp_path / "admin-form.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_load_state()
    page.wait_for_selector(".messagelist")
    assert "is met succes toegevoegd" in page.inner_text(".messagelist")

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert "<h2>Wie zit erachter</h2>" in article.body
    assert [t.name for t in article.topics.all()] == ["ISKP"]

    reader = browser.new_page(viewport={"width": 360, "height": 800})
    origins = set()
    reader.on("request", lambda request: origins.add(urlparse(request.url).netloc))
    reader.goto(f"{live_server.url}/artikel/wat-we-weten-over-de-aanslag/")
    assert reader.inner_text("h1") == "Wat we weten over de aanslag"
    assert reader.inner_text(".story-body h2") == "Wie zit erachter"
    assert "Eva Mulder" in reader.inner_text(".byline")
    assert reader.locator(".topics a", has_text="ISKP").count() == 1
    reader.screenshot(path=str(tmp_path / "article-phone.png"), full_page=True)
    assert origins == {urlparse(live_server.url).netloc}
