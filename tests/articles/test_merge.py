"""Two editors, one article: a save that started from an older version merges with
what was saved meanwhile (articles/conflicts.py), over the admin form as browsers
send it. Only the same field or paragraph changed differently waits for a choice."""

import pytest

from articles.models import Article, Revision, Topic
from tests.helpers.forms import change_form

CHANGE = "/admin/articles/article/{}/change/"
P = "<p>{}</p>".format


@pytest.fixture
def second_editor(make_user):
    from tests.helpers.users import client_for

    return client_for(make_user("tweede", "editor", first_name="Tom", last_name="Twee"))


@pytest.fixture
def article(make_article):
    return make_article(
        headline="Aanslag bij het vliegveld", lede="Wat er gebeurde.",
        body=P("Eerste alinea.") + P("Tweede alinea.") + P("Derde alinea."),
    )  # fmt: skip


def _save(client, article, data):
    return client.post(CHANGE.format(article.pk), data, follow=True)


def test_different_fields_merge_and_both_survive(editor_client, second_editor, article):
    mine = change_form(article, headline="Aanslag bij het vliegveld van Kabul")
    theirs = change_form(article, lede="Wat er gebeurde, en wie het deed.")
    assert _save(second_editor, article, theirs).status_code == 200
    response = _save(editor_client, article, mine)
    page = response.content.decode()
    assert "Samengevoegd met de versie van Tom Twee" in page
    article.refresh_from_db()
    assert article.headline == "Aanslag bij het vliegveld van Kabul"
    assert article.lede == "Wat er gebeurde, en wie het deed."
    assert article.version == 3
    last = Revision.objects.get(article=article, version=3)
    assert last.comment == "Samengevoegd met versie 2 van Tom Twee"
    assert Revision.objects.filter(article=article).count() == 3


def test_different_paragraphs_merge(editor_client, second_editor, article):
    mine = change_form(article, body=P("Eerste alinea, herschreven.")
                       + P("Tweede alinea.") + P("Derde alinea."))  # fmt: skip
    theirs = change_form(article, body=P("Eerste alinea.") + P("Tweede alinea.")
                         + P("Derde alinea.") + P("Vierde, nieuw."))  # fmt: skip
    _save(second_editor, article, theirs)
    _save(editor_client, article, mine)
    article.refresh_from_db()
    assert article.body == (P("Eerste alinea, herschreven.") + P("Tweede alinea.")
                            + P("Derde alinea.") + P("Vierde, nieuw."))  # fmt: skip


def test_the_same_paragraph_waits_for_a_choice_then_saves_it(
    editor_client, second_editor, article
):
    mine = change_form(article, headline="Mijn kop",
                       body=P("Eerste alinea.") + P("Mijn tweede.") + P("Derde alinea."))  # fmt: skip
    theirs = change_form(article, lede="Hun intro.",
                         body=P("Eerste alinea.") + P("Hun tweede.") + P("Derde alinea."))  # fmt: skip
    _save(second_editor, article, theirs)
    response = _save(editor_client, article, mine)
    page = response.content.decode()
    assert "op 1 plaats veranderden jullie hetzelfde" in page
    assert "Mijn tweede." in page and "Hun tweede." in page  # side by side
    assert 'name="samenvoegen_body:0"' in page
    article.refresh_from_db()
    assert (article.version, article.headline) == (2, "Aanslag bij het vliegveld")
    # The choice: their paragraph; the rest merges as before.
    chosen = mine | {"samenvoegen_tegen": "2", "samenvoegen_body:0": "theirs"}
    response = _save(editor_client, article, chosen)
    assert "Samengevoegd" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Mijn kop" and article.lede == "Hun intro."
    assert article.body == P("Eerste alinea.") + P("Hun tweede.") + P("Derde alinea.")


def test_a_choice_made_against_an_older_version_is_asked_again(
    editor_client, second_editor, article
):
    mine = change_form(article, lede="Mijn intro.")
    _save(second_editor, article, change_form(article, lede="Hun intro."))
    article.refresh_from_db()
    _save(second_editor, article, change_form(article, lede="Hun tweede intro."))
    stale = mine | {"samenvoegen_tegen": "2", "samenvoegen_lede": "mine"}
    response = _save(editor_client, article, stale)
    assert "veranderden jullie hetzelfde" in response.content.decode()
    article.refresh_from_db()
    assert article.lede == "Hun tweede intro."


def test_topics_merge_as_sets(editor_client, second_editor, make_article):
    iskp, taliban, kabul = (Topic.objects.create(name=n, slug=n.lower())
                            for n in ("ISKP", "Taliban", "Kabul"))  # fmt: skip
    article = make_article(topics=[iskp, taliban])
    mine = change_form(article, topics=[iskp.pk, taliban.pk, kabul.pk])
    theirs = change_form(article, topics=[iskp.pk])
    _save(second_editor, article, theirs)
    _save(editor_client, article, mine)
    assert set(article.topics.values_list("name", flat=True)) == {"ISKP", "Kabul"}


def test_three_editors_in_a_row(editor_client, second_editor, make_user, article):
    from tests.helpers.users import client_for

    third = client_for(make_user("derde", "editor"))
    first = change_form(article, headline="Kop van één")
    second = change_form(article, lede="Intro van twee.")
    third_form = change_form(article, body=P("Eerste alinea.") + P("Tweede alinea.")
                             + P("Derde alinea, van drie."))  # fmt: skip
    for client, data in ((third, third_form), (second_editor, second),
                         (editor_client, first)):  # fmt: skip
        assert _save(client, article, data).status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.lede) == ("Kop van één", "Intro van twee.")
    assert article.body.endswith(P("Derde alinea, van drie."))
    assert article.version == 4
    assert list(Revision.objects.filter(article=article).values_list(
        "version", flat=True).order_by("version")) == [1, 2, 3, 4]  # fmt: skip


def test_a_status_change_by_the_other_is_kept(
    editor_client, second_editor, make_article
):
    draft = make_article(status=Article.Status.DRAFT, lede="Concept.")
    mine = change_form(draft, lede="Beter concept.")
    _save(second_editor, draft, change_form(draft, status=Article.Status.REVIEW))
    response = _save(editor_client, draft, mine)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.status, draft.lede) == (Article.Status.REVIEW, "Beter concept.")
