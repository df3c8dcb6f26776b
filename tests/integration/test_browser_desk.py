"""The editor's desk, measured (issue #13): the core task from an empty form in
headless Chromium, counting what the editor does and how many pages load.

The task: paste an explainer with subheadings and a post pasted as text, set the
section, a topic found by an alias (type IS-K, pick ISKP), an author, a hero image
uploaded in the form with alt text and a clicked focal point, schedule it, save.
Every click, fill, key combination and paste counts as one action; a page load is a
navigation of the main frame. Fields are found by name or id, never by where the
layout puts them.
"""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    AutosaveCopy,
    Image,
    Section,
    Topic,
    TopicAlias,
)
from tests.helpers.inflight import wait_until_idle
from tests.helpers.samples.images import encode, photo, scene
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the screenshots go: HERO_SHOTS, else the test's own temporary folder.
SHOTS = os.environ.get("HERO_SHOTS", "")
MAX_ACTIONS = 20
MAX_PAGE_LOADS = 2  # the form, and where the save lands

EXPLAINER = (
    "De aanslag bij het vliegveld van Kabul kostte meer dan honderd mensen het leven.\n\n"
    "Wie zit erachter\n\n"
    "ISKP, de Afghaanse tak van IS, eiste de aanslag dezelfde avond op.\n\n"
    "Wat ooggetuigen zagen\n\n\n"
    "First paragraph of a long post.\n\n"
    "Second paragraph pic.twitter.com/Zz9Yy8Xx7W — Sam Field (@samfield) "
    "August 26, 2021\n\n"
    "Wat nu\n\n"
    "De evacuatie gaat door tot het einde van de maand."
)


class Actions:
    """The editor's hands: each call is one action, and is counted."""

    def __init__(self, page):
        self.page = page
        self.done: list[str] = []

    def _count(self, what: str):
        self.done.append(what)

    def click(self, selector: str, **options):
        self._count(f"click {selector}")
        self.page.click(selector, **options)

    def fill(self, selector: str, value: str):
        self._count(f"fill {selector}")
        self.page.fill(selector, value)

    def choose(self, selector: str, value: str):
        self._count(f"choose {selector}")
        self.page.select_option(selector, value)

    def attach(self, selector: str, path: str):
        self._count(f"file {selector}")
        self.page.set_input_files(selector, path)

    def paste(self, selector: str, text: str):
        """A paste of plain text: the browser's paste event with clipboard data."""
        self._count(f"paste {selector}")
        self.page.evaluate(
            """([selector, text]) => {
                const data = new DataTransfer();
                data.setData("text/plain", text);
                document.querySelector(selector).dispatchEvent(new ClipboardEvent(
                    "paste", {clipboardData: data, bubbles: true, cancelable: true}));
            }""",
            [selector, text],
        )

    def pick(self, field_id: str, choice: str, *, typing: str = ""):
        """An autocomplete: open it, type (if needed), click the choice."""
        self.click(f"#{field_id} + .select2 .select2-selection")
        if typing:
            self.fill(".select2-container--open .select2-search__field", typing)
        self.click(f".select2-results__option:has-text('{choice}')")


@pytest.fixture
def newsroom(make_user):
    """A Redacteur, a section, an author and a topic with its aliases."""
    Section.objects.create(name="Buitenland", slug="buitenland")
    Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    for alias in ("ISK", "IS-K"):
        TopicAlias.objects.create(topic=topic, name=alias, slug=alias.lower())
    return make_user("redacteur", "editor")


def _shots(tmp_path) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_the_core_task_from_an_empty_form(browser, live_server, newsroom, tmp_path):
    """At most 20 actions and 2 page loads; the article is scheduled with all of it."""
    upload = tmp_path / "poort.jpg"
    # A phone's portrait-stored JPEG that displays as landscape (EXIF orientation):
    # the preview in the browser and the stored original are both upright.
    upload.write_bytes(photo(900, 1600, gps=False))
    when = timezone.localtime() + timezone.timedelta(days=2)
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    _log_in(page, live_server, newsroom)

    loads = []
    page.on(
        "framenavigated",
        lambda frame: loads.append(frame.url) if frame == page.main_frame else None,
    )
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    act = Actions(page)

    act.fill("#id_headline", "Wat we weten over de aanslag in Kabul")
    act.choose("#id_kind", "explainer")
    act.fill("#id_lede", "ISKP eiste de aanslag op. Wat we weten, en wat niet.")
    act.click(".ProseMirror[contenteditable=true]")
    act.paste(".ProseMirror[contenteditable=true]", EXPLAINER)
    page.locator(
        ".ProseMirror[contenteditable=true]", has_text="einde van de maand"
    ).wait_for()
    act.pick("id_section", "Buitenland")
    act.pick("id_authors", "Eva Mulder")
    act.pick("id_topics", "ISKP", typing="IS-K")

    act.attach("#id_hero_file", str(upload))
    act.fill("#id_hero_alt", "Mensen wachten bij de poort van het vliegveld")
    picture = page.locator(".hero-picture img")
    picture.wait_for()
    box = picture.bounding_box()
    act.click(
        ".hero-picture img",
        position={"x": box["width"] * 0.25, "y": box["height"] * 0.4},
    )
    # The crops follow the click at once, drawn from the file itself.
    assert page.locator(".hero-picture img").evaluate("img => img.naturalWidth") == 1600
    square = page.locator(".hero-crop[data-ratio='1:1'] img")
    assert square.evaluate("img => img.style.objectPosition") == "0% 50%"
    page.locator(".hero-widget").screenshot(
        path=str(_shots(tmp_path) / "hero-upload-1280.png")
    )

    act.choose("#id_status", "published")
    act.fill("#id_publish_at_0", when.strftime("%d-%m-%Y"))
    act.fill("#id_publish_at_1", when.strftime("%H:%M:%S"))
    act.click("input[name=_save]")
    page.wait_for_selector(".messagelist")

    assert len(act.done) <= MAX_ACTIONS, act.done
    assert len(loads) <= MAX_PAGE_LOADS, loads

    article = Article.objects.get()
    assert article.is_scheduled
    assert abs((article.publish_at - when).total_seconds()) < 1
    image = Image.objects.get()
    assert article.hero == image
    assert (image.width, image.height) == (1600, 900)
    assert image.alt == "Mensen wachten bij de poort van het vliegveld"
    assert abs(image.focal_x - 0.25) < 0.02 and abs(image.focal_y - 0.4) < 0.02
    assert [t.name for t in article.topics.all()] == ["ISKP"]
    assert [a.name for a in article.authors.all()] == ["Eva Mulder"]
    assert article.section.slug == "buitenland"
    embed = article.embeds.get()
    assert embed.author_handle.lstrip("@") == "samfield"
    assert "First paragraph of a long post." in embed.text
    assert "First paragraph" not in article.body
    # The subheadings as the importer makes them (the paste rules, issue #13).
    for heading in ("Wie zit erachter", "Wat ooggetuigen zagen", "Wat nu"):
        assert f"<h2>{heading}</h2>" in article.body
    # The save sent the form and no recovery copy beside it: one sent as the form
    # was left would arrive after the save and be offered back as unsaved work.
    page.close()
    assert wait_until_idle()
    assert not AutosaveCopy.objects.exists()


def test_the_widget_keeps_what_was_typed_and_moves_a_chosen_heros_focal_point(
    browser, live_server, newsroom, make_article, tmp_path
):
    """A refused upload (no alt text) is a Dutch message in the widget with the
    typing kept and nothing stored; on an article with a hero, a click on the photo
    saves the focal point on the image and the crops follow."""
    from articles.images.services import store_upload

    hero = store_upload(
        encode(scene((1600, 900)), "JPEG"), filename="a.jpg", alt="De poort"
    )
    article = make_article(hero=hero, status=Article.Status.DRAFT)
    upload = tmp_path / "tweede.jpg"
    upload.write_bytes(photo(900, 1600, gps=False))
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    _log_in(page, live_server, newsroom)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    picture = page.locator(".hero-picture img")
    box = picture.bounding_box()
    with page.expect_response(lambda r: "/hoofdafbeelding/" in r.url) as answer:
        picture.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    assert answer.value.status == 200
    page.locator(".hero-status", has_text="Focuspunt bewaard").wait_for()
    hero.refresh_from_db()
    assert abs(hero.focal_x - 0.9) < 0.02
    square = page.locator(".hero-crop[data-ratio='1:1'] img")
    assert square.evaluate("img => img.style.objectPosition") == "100% 50%"
    page.locator(".hero-widget").screenshot(
        path=str(_shots(tmp_path) / "hero-chosen-1280.png")
    )

    page.set_input_files("#id_hero_file", str(upload))
    page.fill("#id_hero_caption", "Bij de Abbey Gate")
    page.click(".hero-upload-button")
    error = page.locator(".hero-error[data-for=alt]")
    error.wait_for()
    assert "Vul de alt-tekst in" in error.inner_text()
    assert page.input_value("#id_hero_caption") == "Bij de Abbey Gate"
    assert Image.objects.count() == 1
    page.locator(".hero-widget").screenshot(
        path=str(_shots(tmp_path) / "hero-refused-1280.png")
    )
    # Saving the article with the photo still refused: the save waits for it.
    page.click("input[name=_save]")
    page.locator(".hero-message", has_text="niet bewaard").wait_for()
    assert page.url.endswith(f"/{article.pk}/change/")
    assert Image.objects.count() == 1
