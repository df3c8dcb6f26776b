"""Simultaneous saves of one article on PostgreSQL: ten editors press save at the
same moment, through the admin form, in threads with connections of their own. The
row lock serialises them; each save that started from an older version merges, so
no accepted change is missing from the article or its history."""

import threading

import pytest
from django.db import connections

from articles.models import Article, Revision
from tests.helpers.forms import change_form
from tests.helpers.users import client_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EDITORS = 10
ROUNDS = 3
P = "<p>{}</p>".format


def _all_at_once(clients, article, forms):
    """POST every form at the same moment; the responses, in client order."""
    barrier = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def save(index):
        try:
            barrier.wait()
            responses[index] = clients[index].post(
                f"/admin/articles/article/{article.pk}/change/", forms[index]
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.fixture
def editors(make_user):
    return [client_for(make_user(f"redacteur{i}", "editor")) for i in range(EDITORS)]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_ten_saves_of_different_paragraphs_all_survive(editors, make_article, round_):
    paragraphs = [P(f"Alinea {i}.") for i in range(EDITORS)]
    article = make_article(body="".join(paragraphs))
    forms = []
    for i in range(EDITORS):
        changed = list(paragraphs)
        changed[i] = P(f"Alinea {i}, bijgewerkt door redacteur {i}.")
        forms.append(change_form(article, body="".join(changed)))
    responses = _all_at_once(editors, article, forms)
    assert [r.status_code for r in responses] == [302] * EDITORS
    article.refresh_from_db()
    for i in range(EDITORS):
        assert f"bijgewerkt door redacteur {i}." in article.body, i
    revisions = Revision.objects.filter(article=article).order_by("version")
    assert list(revisions.values_list("version", flat=True)) == list(
        range(1, EDITORS + 2)
    )
    assert article.version == EDITORS + 1
    merged = [r for r in revisions if r.comment.startswith("Samengevoegd")]
    assert len(merged) == EDITORS - 1  # all but the first merged


def test_ten_saves_of_the_same_field_one_wins_the_rest_choose(editors, make_article):
    article = make_article(lede="Oud.")
    forms = [change_form(article, lede=f"Intro van {i}.") for i in range(EDITORS)]
    responses = _all_at_once(editors, article, forms)
    accepted = [i for i, r in enumerate(responses) if r.status_code == 302]
    waiting = [i for i, r in enumerate(responses) if r.status_code == 200]
    assert len(accepted) == 1 and len(waiting) == EDITORS - 1
    article.refresh_from_db()
    assert article.lede == f"Intro van {accepted[0]}."
    for i in waiting:  # refused as is, asked to choose, with their own text kept
        page = responses[i].content.decode()
        assert "veranderden jullie hetzelfde" in page
        assert f"Intro van {i}." in page
    assert Revision.objects.filter(article=article).count() == 2
    assert Article.objects.get(pk=article.pk).version == 2
