"""Accessibility in a real browser: axe-core finds nothing, and the keyboard works.

axe-core comes from package.json (npm), as vnu.jar does; `make install-dev` fetches it.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.content import EXPLAINER_SLUG
from demo.live import LIVE_SLUG
from tests.helpers.parts import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core: make install-dev (npm)"),
]

ARTICLE = f"/artikel/{EXPLAINER_SLUG}/"
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "section": "/sectie/buitenland/",
    "topic": "/onderwerp/iskp/",
    "author": "/auteur/eva-mulder/",
    "search": "/zoeken/?q=ISKP",
    "live": f"/artikel/{LIVE_SLUG}/",
    "not-found": "/artikel/bestaat-niet/",
}


@pytest.fixture(autouse=True)
def demo(transactional_db):
    """The flush between transactional tests empties the role groups; make them
    again, then the demo newsroom."""
    from django.contrib.auth.models import Group, Permission

    from articles.roles import ensure_roles

    ensure_roles(Group, Permission)
    call_command("load_demo", stdout=StringIO())


def open_page(browser, url, *, scheme="light", width=1280):
    # bypass_csp: our Content-Security-Policy rightly refuses the injected axe script.
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(url)
    return page


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
            .then(r => r.violations.map(v => ({
                id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)
            })))""",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['help']}):\n    " + "\n    ".join(v["nodes"]) for v in result
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_violations(browser, live_server, scheme, width):
    """No WCAG 2.2 A/AA violation on any public page, light or dark, narrow or wide."""
    problems = []
    for name, path in PAGES.items():
        page = open_page(browser, live_server.url + path, scheme=scheme, width=width)
        problems += [f"{name} {path}: {v}" for v in axe_violations(page)]
        page.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_320px(browser, live_server, name):
    """Every page fits a 320 px wide screen: nothing scrolls sideways."""
    page = open_page(browser, live_server.url + PAGES[name], width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_first_tab_reaches_the_skip_link_and_enter_moves_to_main(browser, live_server):
    page = open_page(browser, live_server.url + ARTICLE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-999px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # The next Tab goes on inside main, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible(browser, live_server, scheme):
    """A link focused from the keyboard draws an outline."""
    page = open_page(browser, live_server.url + ARTICLE, scheme=scheme)
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """(() => { const s = getComputedStyle(document.activeElement);
                return [document.activeElement.tagName, s.outlineStyle,
                        s.outlineWidth]; })()"""
        )
        assert style[0] in {"A", "INPUT", "BUTTON"}
        assert style[1] != "none" and style[2] != "0px", style


def test_lang_on_the_page_and_on_embedded_posts(browser, live_server):
    """The page is Dutch; a post's own words carry the post's language, while the
    card around them (date, links, consent) stays in the page's language."""
    from embeds.models import Embed

    page = open_page(browser, live_server.url + ARTICLE)
    assert page.get_attribute("html", "lang") == "nl"
    cards = page.locator("figure.embed")
    # The explainer's posts (the demo's live blog has posts of its own).
    shown = Embed.objects.filter(articles__slug=EXPLAINER_SLUG)
    assert cards.count() == shown.count() > 0
    for embed in shown.exclude(language=""):
        card = page.locator(f"figure.embed[data-embed-id='{embed.post_id}']")
        assert card.locator(".embed-text, .embed-title").evaluate_all(
            "els => els.map(e => e.closest('[lang]').lang)"
        ) == [embed.language]
    chrome = cards.locator(".embed-original, .embed-load")
    assert set(
        chrome.evaluate_all("els => els.map(e => e.closest('[lang]').lang)")
    ) == {"nl"}


def test_article_reads_without_javascript(browser, live_server):
    """Without JavaScript the story, its embeds and its images are all there."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ARTICLE)
    assert page.locator("h1").inner_text().startswith("Aanslagplegers Kabul")
    assert page.locator(".story-body p").count() > 3
    assert page.locator("figure.embed .embed-text").first.is_visible()
    assert page.locator("figure.hero img").is_visible()
    assert page.locator("figure.embed button:visible").count() == 0


def test_print_shows_the_story_in_black_on_white(browser, live_server):
    """Printed, even from dark mode: no controls, link targets written out."""
    page = open_page(browser, live_server.url + ARTICLE, scheme="dark")
    page.emulate_media(media="print")
    colours = page.evaluate(
        "[getComputedStyle(document.body).color,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    for hidden in (".site-header nav", ".site-search", ".embed-consent"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator(".story-body a[href]").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
