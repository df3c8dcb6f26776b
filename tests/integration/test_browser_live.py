"""A reader's open live page in Chromium: an entry an editor posts arrives within
the poll interval behind a "1 nieuw bericht" button, with no request to another
origin; the page passes axe and the Nu Html Checker. Screenshots: /tmp/live-*.png.
"""

import html
import json
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from articles.images.services import store_upload
from articles.live.services import add_entry_note, post_entry
from articles.models import Article, Author
from tests.helpers.parts import VNU_JAR
from tests.helpers.samples.embeds import X_CODE, YOUTUBE_CODE
from tests.helpers.samples.images import encode, scene
from tests.public.test_accessibility import axe_violations

# For the lead to look at, as the issue asks (not a place tests read from).
SCREENSHOTS = Path("/tmp")  # noqa: S108


def _pasted(code: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in code.split("\n"))


@pytest.fixture
def blog(make_article, chief):
    """A live blog as a newsroom runs one: a pinned summary, two key moments, posts
    from X and YouTube, an image, a correction and an update."""
    article = make_article(
        headline="Aanslag bij de luchthaven van Kabul",
        lede="Bij de poorten van het vliegveld zijn explosies geweest. Wat we weten.",
        kind=Article.Kind.LIVE,
    )
    eva = Author.objects.get(slug="eva-mulder")
    photo = store_upload(
        encode(scene((1280, 720)), "JPEG"), filename="poort.jpg", alt="De Abbey Gate"
    )
    post_entry(
        article,
        user=chief,
        title="Wat we weten",
        body="<p>Twee explosies bij het vliegveld; tientallen doden. "
        "De evacuatie gaat door.</p>",
        pinned=True,
    )
    first = post_entry(
        article,
        user=chief,
        title="Explosie bij Abbey Gate",
        body="<p>Bij de Abbey Gate is een explosie geweest.</p>" + _pasted(X_CODE),
        key_moment=True,
        authors=[eva],
    )
    add_entry_note(
        first,
        kind="correction",
        text="Eerst stond hier: twee explosies bij de poort.",
        user=chief,
    )
    post_entry(
        article,
        user=chief,
        body="<p>Het Pentagon bevestigt de aanslag.</p>" + _pasted(YOUTUBE_CODE),
    )
    later = post_entry(
        article,
        user=chief,
        title="Tweede explosie bij hotel",
        body="<p>Ook bij het Baron Hotel is een explosie gemeld.</p>",
        key_moment=True,
    )
    later.image = photo
    later.save(update_fields=["image"])
    add_entry_note(later, kind="update", text="Het hotel is ontruimd.", user=chief)
    return article


def open_recording(browser, url, *, scheme="light", width=1280):
    """The page at ``url``; requests to other origins are answered empty and logged."""
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=False
    )
    own = urlparse(url).netloc
    foreign = []

    def intercept(route):
        if urlparse(route.request.url).netloc == own:
            return route.continue_()
        foreign.append(route.request.url)
        return route.fulfill(status=200, body="")

    context.route("**/*", intercept)
    page = context.new_page()
    page.goto(url)
    return page, foreign


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_entry_posted_by_the_desk_arrives_behind_a_button(
    browser, live_server, blog, chief, settings
):
    """Within the poll interval: "1 nieuw bericht"; a click shows it on top."""
    settings.LIVE_POLL_SECONDS = 1
    settings.PAGE_CACHE = True  # the poll as readers get it: cached, 304s
    page, foreign = open_recording(browser, live_server.url + blog.get_absolute_url())
    button = page.locator(".live-news-button")
    assert button.is_hidden()
    before = page.locator(".live-stream article").count()
    entry = post_entry(blog, user=chief, title="Net binnen", body="<p>Nieuw.</p>")
    button.wait_for(state="visible", timeout=5000)
    assert button.inner_text() == "1 nieuw bericht"
    # Nothing moved until the reader asks.
    assert page.locator(f"#bericht-{entry.pk}").count() == 0
    assert page.locator(".live-news").get_attribute("aria-live") == "polite"
    button.click()
    shown = page.locator(f"#bericht-{entry.pk}")
    assert shown.is_visible() and "Net binnen" in shown.inner_text()
    assert (
        page.locator(".live-stream article").first.get_attribute("id")
        == f"bericht-{entry.pk}"
    )
    assert page.locator(".live-stream article").count() == before + 1
    assert button.is_hidden()
    assert page.evaluate("document.activeElement.id") == f"bericht-{entry.pk}"
    page.wait_for_timeout(1500)  # a poll or two more: nothing is offered twice
    assert button.is_hidden()
    assert foreign == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_live_page_passes_axe_and_is_screenshotted(browser, live_server, blog):
    """No WCAG 2.2 A/AA violation at 390 and 1280 px, light and dark."""
    problems = []
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            page, foreign = open_recording(
                browser,
                live_server.url + blog.get_absolute_url(),
                scheme=scheme,
                width=width,
            )
            page.screenshot(
                path=str(SCREENSHOTS / f"live-{width}-{scheme}.png"), full_page=True
            )
            page.context.close()
            assert foreign == []
            context = browser.new_context(
                color_scheme=scheme,
                viewport={"width": width, "height": 900},
                bypass_csp=True,
            )
            checked = context.new_page()
            checked.goto(live_server.url + blog.get_absolute_url())
            problems += [f"{scheme} {width}: {v}" for v in axe_violations(checked)]
            context.close()
    assert problems == []


@pytest.mark.java
def test_live_page_is_valid_html(client, blog, tmp_path, chief, settings):
    """vnu.jar reports no error or warning on a live page, open and ended, and on
    a deeper page of its stream."""
    from articles.live.services import close_coverage

    settings.LIVE_ENTRIES_PER_PAGE = 2
    files = []
    open_page = client.get(blog.get_absolute_url()).content.decode()
    (tmp_path / "open.html").write_text(open_page)
    older = html.unescape(
        open_page.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    )
    (tmp_path / "older.html").write_bytes(client.get(older).content)
    close_coverage(blog, user=chief)
    (tmp_path / "closed.html").write_bytes(client.get(blog.get_absolute_url()).content)
    files = [
        str(tmp_path / name) for name in ("open.html", "older.html", "closed.html")
    ]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert problems == []
