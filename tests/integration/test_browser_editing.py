"""A real editor session in headless Chromium: log in, write, publish, read."""

from urllib.parse import urlparse

import pytest

from articles.models import Article, Author, Section, Topic, TopicAlias
from tests.helpers.browser import pick
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(editor):
    """A section, an author, a topic with an alias, and the editor who logs in."""
    Section.objects.create(name="Buitenland", slug="buitenland")
    Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    TopicAlias.objects.create(topic=topic, name="IS-K", slug="is-k")
    return editor


def test_editor_writes_publishes_and_reads_an_article(
    browser, live_server, newsroom, tmp_path
):
    """Log in, write with the rich-text editor, pick topics by alias, publish, read."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", newsroom.username)
    page.fill("#id_password", PASSWORD)
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
    assert "Toegevoegd: artikel" in page.inner_text(".messagelist")

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


def test_editor_uploads_a_photo_and_clicks_its_focal_point(
    browser, live_server, newsroom, tmp_path
):
    """Upload in the image library, click the preview: the crops follow the click."""
    from articles.models import Image
    from tests.helpers.samples.images import photo

    upload = tmp_path / "telefoon.jpg"
    upload.write_bytes(photo(1600, 1000))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/image/add/")
    page.fill("#id_username", newsroom.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.set_input_files("#id_file", str(upload))
    page.fill("#id_alt", "Mensen bij de poort van het vliegveld")
    page.click("input[name=_continue]")
    page.wait_for_selector(".focal-picker img")
    image = Image.objects.get()
    before = {r["name"] for r in image.renditions}
    picture = page.locator(".focal-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert abs(float(page.input_value("#id_focal_x")) - 0.25) < 0.02
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    image.refresh_from_db()
    assert abs(image.focal_x - 0.25) < 0.02 and abs(image.focal_y - 0.75) < 0.02
    assert before.isdisjoint({r["name"] for r in image.renditions})
    assert (image.width, image.height) == (1000, 1600)  # the phone's rotation applied
