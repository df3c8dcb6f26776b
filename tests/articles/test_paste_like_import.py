"""Pasting text into the body editor follows the importer's rules, from one
definition (articles.text_import), and writes and fetches nothing."""

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.text_import import parse_pasted_text
from embeds.models import Embed
from tests.helpers.forms import article_form
from tests.helpers.samples.embeds import X_URL
from tests.helpers.samples.explainer import EXPLAINER_BODY, EXPLAINER_FILE

PASTE = "/admin/articles/article/plakken/"


@pytest.mark.parametrize("dash", ["-", "--", "–", "—"])
def test_a_dash_line_after_a_quote_is_its_attribution(dash):
    """ "- Name, in X" (or any dash) under a quoted line makes a block quote with it."""
    parsed = parse_pasted_text(f"“Wij gaan door.”\n{dash} Tom Middendorp, in Nieuwsuur")
    assert parsed.blocks == [
        ("blockquote", ("“Wij gaan door.”", "— Tom Middendorp, in Nieuwsuur"))
    ]


def test_attribution_may_stand_in_its_own_paragraph():
    """The source on its own after a blank line still belongs to the quote before it,
    also when the quote alone would have read as a subheading."""
    parsed = parse_pasted_text("Inleiding.\n\n“Wij blijven”\n\n- Jan Jansen, op NPO 1")
    assert parsed.blocks == [
        ("p", "Inleiding."),
        ("blockquote", ("“Wij blijven”", "— Jan Jansen, op NPO 1")),
    ]


def test_a_dash_line_after_ordinary_text_is_no_attribution():
    """Without a quote before it, a dash line stays what it was (text, never a list)."""
    parsed = parse_pasted_text("Gewone zin.\n- geen bron\n\nNog een zin.\n\n- los")
    assert parsed.blocks == [
        ("p", "Gewone zin. - geen bron"),
        ("p", "Nog een zin."),
        ("h2", "- los"),
    ]
    assert "blockquote" not in parsed.editor_html()


def test_the_importer_makes_quotes_too(db, tmp_path):
    """import_article stores the quote as a block quote whose last paragraph is the
    attribution, which the public page shows as a caption."""
    path = tmp_path / "artikel.txt"
    path.write_text(EXPLAINER_FILE, encoding="utf-8")
    call_command("import_article", str(path), stdout=None)
    article = Article.objects.get()
    assert (
        "<blockquote><p>“We waren er niet op voorbereid.”</p>"
        "<p>— Tom Middendorp, in Nieuwsuur</p></blockquote>"
    ) in article.body
    assert "<h2>Wie is ISKP</h2>" in article.body


def test_paste_answers_the_importers_html_and_cards(reporter_client):
    """The endpoint gives subheadings, the quote and each post as its placeholder,
    with the cards of the posts pasted as text or code; it stores nothing."""
    response = reporter_client.post(PASTE, {"text": EXPLAINER_BODY})
    assert response.status_code == 200
    answer = response.json()
    assert answer["html"] == parse_pasted_text(EXPLAINER_BODY).editor_html()
    assert answer["html"].startswith("<h2>Wie is ISKP</h2>")
    assert "<p>— Tom Middendorp, in Nieuwsuur</p></blockquote>" in answer["html"]
    assert "Sam Field (@samfield) August 26, 2021</p>" in answer["html"]
    assert len(answer["cards"]) == 2
    assert "Sam Field" in answer["cards"][0] and "embed-x" in answer["cards"][0]
    assert "Jane Reporter" in answer["cards"][1]
    assert answer["notices"] == []
    assert Embed.objects.count() == 0


def test_a_bare_url_is_announced_for_the_save(reporter_client):
    """A post's URL has no data yet: a notice names it and says when it comes."""
    answer = reporter_client.post(PASTE, {"text": f"Zie:\n{X_URL}\n"}).json()
    assert answer["cards"] == []
    assert answer["notices"] == [
        f"X-bericht {X_URL}: de gegevens worden bij het opslaan opgehaald; tot dan "
        "toont de kaart alleen de link naar het origineel."
    ]
    assert f'<p><a href="{X_URL}">{X_URL}</a></p>' in answer["html"]


def test_an_archived_url_shows_its_card(reporter_client, make_article):
    """A post already in the archive shows its stored card at once."""
    make_article(body=f"<p>{X_URL}</p>")
    Embed.objects.update(author_name="Jane Archief")
    answer = reporter_client.post(PASTE, {"text": f"Zie:\n{X_URL}"}).json()
    assert answer["notices"] == [] and "Jane Archief" in answer["cards"][0]


def test_too_long_a_paste_is_refused_in_dutch(reporter_client):
    """Past the limit: 413 with a Dutch reason (the editor then pastes plainly)."""
    response = reporter_client.post(PASTE, {"text": "a\n" * 60_000})
    assert response.status_code == 413
    assert "te lang om in één keer te plakken" in response.json()["error"]


def test_only_article_writers_may_paste_and_only_by_post(client, make_user, editor):
    """A staff member without article rights gets the Dutch 403; GET is refused."""
    client.force_login(make_user("zonder-rechten", None))
    response = client.post(PASTE, {"text": "a\nb"})
    assert response.status_code == 403
    assert "Er is niets gewijzigd." in response.content.decode()
    client.force_login(editor)
    assert client.get(PASTE).status_code == 405


def test_paste_needs_the_csrf_token(editor):
    """Without the token the paste is refused, as every admin POST."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(PASTE, {"text": "a\nb"}).status_code == 403


def test_saving_the_pasted_html_gives_the_importers_body(
    editor_client, filing, tmp_path
):
    """One rule set: the editor's pasted HTML, saved, is the body import_article makes
    of the same text (sanitized bodies equal, the same posts archived)."""
    path = tmp_path / "artikel.txt"
    path.write_text(EXPLAINER_FILE, encoding="utf-8")
    call_command("import_article", str(path), stdout=None)
    imported = Article.objects.get()
    pasted_html = editor_client.post(PASTE, {"text": EXPLAINER_BODY}).json()["html"]
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form(filing, headline="Geplakt", body=pasted_html),
    )
    assert response.status_code == 302
    pasted = Article.objects.get(headline="Geplakt")
    assert pasted.body == imported.body
    assert pasted.body.count("<p><a href=") == 2 and "<h2>Wat nu</h2>" in pasted.body
    assert set(pasted.embeds.values_list("pk", flat=True)) == set(
        imported.embeds.values_list("pk", flat=True)
    )
