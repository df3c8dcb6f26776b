"""Two editors in two browsers: saves merge; where they overlap, a choice."""

import pytest
from django.utils import timezone

from articles.models import Article, Author, Section
from articles.services.articles import create_article
from tests.helpers.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, username):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_two_editors_merge_and_choose_where_they_overlap(
    browser, live_server, make_user
):
    """Anna and Bert edit the same article in two browsers. Different fields: Bert's
    save merges Anna's in. The same field: Bert sees both texts side by side, his
    own still in the form, chooses per overlap, and the save keeps the choice."""
    for name in ("anna", "bert"):
        make_user(name, "editor")
    article = create_article(
        headline="Wat we weten",
        lede="Eerste intro.",
        section=Section.objects.create(name="Buitenland", slug="buitenland"),
        authors=[Author.objects.create(name="Eva Mulder", slug="eva-mulder")],
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now(),
    )
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    anna, bert = (
        log_in(browser, live_server, "anna"),
        log_in(browser, live_server, "bert"),
    )
    anna.goto(url)
    bert.goto(url)
    anna.fill("#id_headline", "Wat we nu weten")
    anna.click("input[name=_continue]")
    anna.wait_for_selector(".messagelist .success")
    bert.fill("#id_lede", "Bert schreef een betere intro.")
    bert.click("input[name=_continue]")
    bert.wait_for_selector(".messagelist .info")
    assert "Samengevoegd met de versie van anna" in bert.inner_text(".messagelist")
    assert bert.input_value("#id_headline") == "Wat we nu weten"
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.lede) == (
        "Wat we nu weten",
        "Bert schreef een betere intro.",
    )

    # Both change the intro now; Bert also the kicker.
    anna.goto(url)
    anna.fill("#id_lede", "Anna's intro.")
    anna.click("input[name=_continue]")
    anna.wait_for_selector(".messagelist .success")
    bert.fill("#id_lede", "Berts intro.")
    bert.fill("#id_kicker", "Afghanistan")
    bert.click("input[name=_continue]")
    bert.wait_for_selector(".merge-overlaps")
    assert "veranderden jullie hetzelfde" in bert.inner_text(".errorlist.nonfield")
    overlap = bert.inner_text(".merge-overlaps")
    assert "Berts intro." in overlap and "Anna's intro." in overlap
    assert bert.input_value("#id_lede") == "Berts intro."  # nothing typed is lost
    assert Article.objects.get(pk=article.pk).lede == "Anna's intro."
    bert.check("input[name='samenvoegen_lede'][value='theirs']")
    bert.click("input[name=_continue]")
    bert.wait_for_selector(".messagelist .info")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.lede, stored.kicker) == ("Anna's intro.", "Afghanistan")


def test_closed_tab_work_is_offered_back(browser, live_server, make_user):
    """Type, close the tab without saving, come back: the text is offered back."""
    from articles.models import AutosaveCopy

    user = make_user("cato", "editor")
    article = create_article(
        headline="Oude kop",
        lede="Intro.",
        section=Section.objects.create(name="Buitenland", slug="buitenland"),
        authors=[Author.objects.create(name="Eva Mulder", slug="eva-mulder")],
    )
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = log_in(browser, live_server, "cato")
    page.goto(url)
    page.fill("#id_headline", "Kop die nog niet is opgeslagen")
    # What a closing tab fires; headless Chromium does not run it on page.close().
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    page.close()
    for _ in range(50):  # the browser sends the copy as the tab closes
        if AutosaveCopy.objects.filter(user=user, article=article).exists():
            break
        import time

        time.sleep(0.1)
    assert Article.objects.get(pk=article.pk).headline == "Oude kop"
    assert AutosaveCopy.objects.filter(user=user, article=article).exists()
    page = log_in(browser, live_server, "cato")
    page.goto(url)
    page.click("text=Terugzetten in het formulier")
    page.wait_for_selector("#id_headline")
    assert page.input_value("#id_headline") == "Kop die nog niet is opgeslagen"
