"""The front page as a reader's first screen, measured in Chromium.

At a laptop's 1280 × 800 and a phone's 390 × 844 the lead story's headline (a heading
holding the link to the article) ends in the upper 80 % of the screen, with its lede
and its image in view; teasers on the home page and in lists show at most three
lines of lede.
"""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"laptop": (1280, 800), "phone": (390, 844)}
LONG_LEDE = (
    "Een lange intro die veel meer zegt dan in drie regels past: wie er bij waren, "
    "wat er gebeurde, wanneer het begon en hoe het afliep, waarom het ertoe doet, "
    "wat de deskundigen zeggen, wat de regering zegt en wat er de komende weken "
    "nog van te verwachten valt, met nog een bijzin die het geheel afrondt."
)


@pytest.fixture(autouse=True)
def demo(transactional_db):
    """The demo newsroom (its lead has a hero image), and three teasers whose
    lede is far longer than a teaser shows."""
    from django.contrib.auth.models import Group, Permission

    from articles.models import Article
    from articles.roles import ensure_roles

    ensure_roles(Group, Permission)
    call_command("load_demo", stdout=StringIO())
    from django.core.cache import caches

    # The oldest three: teasers and top stories, never the lead.
    for article in Article.objects.published().order_by("publish_at")[:3]:
        Article.objects.filter(pk=article.pk).update(lede=LONG_LEDE)
    assert Article.objects.filter(lede=LONG_LEDE).count() == 3
    for cache in caches.all():
        cache.clear()  # no page cached by an earlier test, before the long ledes


def _open(browser, url, width, height, scheme="light"):
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme
    )
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


LEAD = """() => {
    const box = el => el.getBoundingClientRect();
    const heading = document.querySelector(".lead h2");
    const image = document.querySelector(".lead img");
    return {
        link: heading.querySelector("a[href^='/artikel/']") !== null,
        heading: box(heading).bottom,
        lede: box(document.querySelector(".lead .lede")).bottom,
        image: [box(image).top, box(image).bottom, box(image).left, box(image).right,
                image.complete && image.naturalWidth > 0],
        width: innerWidth, height: innerHeight,
        scrolls: document.documentElement.scrollWidth > innerWidth,
    };
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_lead_headline_lede_and_image_are_on_the_first_screen(
    browser, live_server, screen, scheme
):
    """The lead's headline ends in the upper 80 %, lede and image wholly in view."""
    width, height = SCREENS[screen]
    page = _open(browser, live_server.url + "/", width, height, scheme)
    found = page.evaluate(LEAD)
    assert found["link"]
    assert found["heading"] <= 0.8 * height, found
    assert found["lede"] <= height, found
    top, bottom, left, right, loaded = found["image"]
    assert loaded
    assert top >= 0 and bottom <= height and left >= 0 and right <= width, found
    # Contained, not a full-bleed picture filling the screen.
    assert (bottom - top) < 0.6 * height
    assert not found["scrolls"]


TEASER_LINES = """() => [...document.querySelectorAll(".teaser-lede")].map(p => {
    const style = getComputedStyle(p);
    return {lines: Math.round(p.getBoundingClientRect().height
                              / parseFloat(style.lineHeight)),
            time: p.closest("article").querySelector("time[datetime]") !== null,
            label: p.closest("article").querySelector(".label").textContent.trim()};
})"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", ["/", "/sectie/buitenland/", "/auteur/eva-mulder/"])
def test_teasers_show_at_most_three_lines_of_lede_a_kind_and_a_time(
    browser, live_server, screen, path
):
    """Every teaser's lede renders in one to three lines; each names its kind and time."""
    width, height = SCREENS[screen]
    page = _open(browser, live_server.url + path, width, height)
    teasers = page.evaluate(TEASER_LINES)
    assert len(teasers) >= 3
    assert all(1 <= teaser["lines"] <= 3 for teaser in teasers), teasers
    assert all(teaser["time"] for teaser in teasers)
    kinds = ("Nieuws", "Uitleg", "Live", "Analyse", "Opinie")
    assert all(
        any(k.upper() in teaser["label"].upper() for k in kinds) for teaser in teasers
    )
    # The long ledes were trimmed at a word boundary on the server as well.
    assert "afrondt." not in page.content()
