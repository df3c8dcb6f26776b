"""A Verslaggever reads what they may not change: a colleague's article, or their own
once it is in review or public. Read-only (200) with a Dutch notice saying why and what
happens next; any change POSTed there is refused with a Dutch 403 and changes nothing."""

import pytest

from articles.models import Article
from tests.helpers.forms import article_form, change_form

S = Article.Status
CHANGE = "/admin/articles/article/{}/change/"


def _own(make_article, reporter, **fields):
    article = make_article(**fields)
    article.created_by = reporter
    article.save()
    return article


@pytest.mark.parametrize("status", [S.DRAFT, S.REVIEW, S.PUBLISHED, S.UNPUBLISHED])
def test_a_colleagues_article_opens_read_only(reporter_client, make_article, status):
    article = make_article(status=status)
    response = reporter_client.get(CHANGE.format(article.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "het artikel van een collega" in page
    assert 'name="headline"' not in page  # no inputs, only the text
    assert article.headline in page
    assert "article-editing" not in page  # no autosave or presence on a read-only form
    assert '<div class="body-as-read"><p>Tekst.</p></div>' in page  # read, not source


@pytest.mark.parametrize("status", [S.REVIEW, S.PUBLISHED, S.UNPUBLISHED])
def test_own_article_out_of_draft_opens_read_only(
    reporter, reporter_client, make_article, status
):
    article = _own(make_article, reporter, status=status)
    page = reporter_client.get(CHANGE.format(article.pk)).content.decode()
    expected = "ter beoordeling" if status == S.REVIEW else "via een redacteur"
    assert expected in page


@pytest.mark.parametrize("own", [True, False])
@pytest.mark.parametrize("status", [S.REVIEW, S.PUBLISHED])
def test_a_change_posted_to_a_read_only_article_is_refused(
    reporter, reporter_client, make_article, own, status
):
    article = (
        _own(make_article, reporter, status=status)
        if own
        else make_article(status=status)
    )
    before = (article.headline, article.version, article.status)
    response = reporter_client.post(
        CHANGE.format(article.pk),
        change_form(article, headline="Gekaapt", status=S.DRAFT),
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "alleen lezen" in page and "Er is niets gewijzigd." in page
    article.refresh_from_db()
    assert (article.headline, article.version, article.status) == before


def test_submitting_for_review_ends_on_the_read_only_notice(
    reporter, reporter_client, filing
):
    response = reporter_client.post(
        "/admin/articles/article/add/", article_form(filing, status=S.DRAFT)
    )
    article = Article.objects.get()
    assert response.status_code == 302
    response = reporter_client.post(
        CHANGE.format(article.pk), change_form(article, status=S.REVIEW), follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == CHANGE.format(article.pk)
    article.refresh_from_db()
    assert article.status == S.REVIEW
    assert "ligt ter beoordeling" in response.content.decode()


def test_the_editor_still_edits_every_article(editor_client, make_article):
    article = make_article(status=S.REVIEW)
    page = editor_client.get(CHANGE.format(article.pk)).content.decode()
    assert 'name="headline"' in page and "read-only-notice" not in page
