"""An editor's save while the database is away loses nothing (newsroom/errors.py,
static/js/admin-article.js): in Chromium, on gunicorn with production's settings
and a PostgreSQL cluster of the test's own, the editor types, the cluster stops,
the save answers the Dutch "niet opgeslagen" page (503) with the text to copy and a
"Probeer opnieuw" form; going back puts the text into the visible editor; with the
database back, saving again (from the form, or with "Probeer opnieuw") saves it.
"""

import pytest

from tests.helpers.pg_cluster import Cluster
from tests.helpers.servers import Gunicorn, manage, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.pg_cluster, pytest.mark.browser]

PASSWORD = "Geheim-wachtwoord-18"


@pytest.fixture
def site(tmp_path):
    cluster = Cluster()
    try:
        env = production_env(tmp_path, cluster.url, PAGE_CACHE="on")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "generate_articles", "2", "--seed", "18")
        manage(
            env, "shell", "-c",
            "from tests.helpers.users import create_user; "
            f"create_user('redacteur', 'editor', password='{PASSWORD}')",
        )  # fmt: skip
        with Gunicorn(env, workers=1, log=tmp_path / "gunicorn.log") as server:
            yield cluster, server
    finally:
        cluster.drop()


def _headline(cluster, pk: str) -> str:
    return cluster.psql(
        f"SELECT headline FROM articles_article WHERE id = {int(pk)}",  # noqa: S608
        "newsroom",
    ).strip()


def _type(page, headline: str, lede: str, words: str) -> None:
    page.fill("#id_headline", headline)
    page.fill("#id_lede", lede)
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(words)


def test_a_save_during_an_outage_gives_the_text_back_and_saves_later(
    site, browser, tmp_path
):
    cluster, server = site
    pk = cluster.psql("SELECT min(id) FROM articles_article", "newsroom").strip()
    shots = tmp_path / "shots"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server.url}/admin/login/?next=/admin/articles/article/{pk}/change/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_headline")
    form_url = page.url

    _type(
        page,
        "Kop tijdens de storing",
        "Intro die niet verloren gaat.",
        "Nieuwe alinea A.",
    )
    cluster.stop()
    with page.expect_navigation() as sent:
        page.click("input[name=_save]")
    assert sent.value.status == 503
    assert page.inner_text("h1") == "Je tekst is niet opgeslagen"
    assert "niets opgeslagen" in page.inner_text("main")
    assert page.input_value("#terug-headline") == "Kop tijdens de storing"
    assert page.input_value("#terug-lede") == "Intro die niet verloren gaat."
    assert "Nieuwe alinea A." in page.input_value("#terug-body")
    resend = page.locator("form[method=post]")
    assert resend.locator("input[name=csrfmiddlewaretoken]").count() == 1
    assert resend.locator("input[name=headline]").get_attribute("value") == (
        "Kop tijdens de storing"
    )
    assert resend.locator("button", has_text="Probeer opnieuw").count() == 1
    page.screenshot(path=str(shots / "niet-opgeslagen.png"), full_page=True)
    assert _headline_after_start(cluster, pk) != "Kop tijdens de storing"

    # Back to the form (the database is back): the text is in the visible editor.
    page.go_back()
    page.wait_for_selector("#id_headline")
    assert page.url == form_url
    page.locator(".ProseMirror", has_text="Nieuwe alinea A.").wait_for()
    assert page.input_value("#id_headline") == "Kop tijdens de storing"
    assert page.input_value("#id_lede") == "Intro die niet verloren gaat."
    assert page.locator("#unsaved-restored").is_visible()
    page.screenshot(path=str(shots / "teruggezet.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert _headline(cluster, pk) == "Kop tijdens de storing"
    body = cluster.psql(
        f"SELECT body FROM articles_article WHERE id = {int(pk)}",  # noqa: S608
        "newsroom",
    )
    assert "Nieuwe alinea A." in body

    # Once more, and this time "Probeer opnieuw" once the database is back.
    page.goto(form_url)
    page.wait_for_selector("#id_headline")
    assert not page.locator("#unsaved-restored").is_visible()  # the copy was used
    _type(page, "Tweede kop", "Tweede intro.", "Alinea B.")
    cluster.stop()
    with page.expect_navigation() as sent:
        page.click("input[name=_save]")
    assert sent.value.status == 503
    cluster.start()
    page.click("text=Probeer opnieuw")
    page.wait_for_selector(".messagelist")
    assert _headline(cluster, pk) == "Tweede kop"


def _headline_after_start(cluster, pk: str) -> str:
    """Start the cluster again and read what was saved."""
    cluster.start()
    return _headline(cluster, pk)
