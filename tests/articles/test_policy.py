"""articles/policy.py: the role's permission, narrowed by a rule on the object, and
the services asking it themselves (so a command or a future view cannot skip it)."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, FrontPage, Revision
from articles.policy import can_edit, may, require
from articles.services.frontpage import save_front_page
from articles.services.notes import add_note
from articles.services.previews import create_preview_link, revoke_preview_link
from articles.services.restore import restore_revision

S = Article.Status


def test_a_rule_narrows_the_roles_permission_on_the_object(
    reporter, editor, make_article
):
    own = make_article(status=S.DRAFT, created_by=reporter)
    other = make_article(status=S.DRAFT)
    assert may(reporter, "articles.change_article")  # articles at all
    assert may(reporter, "articles.change_article", own)
    assert not may(reporter, "articles.change_article", other)
    assert may(editor, "articles.change_article", other)
    reporter.is_active = False
    assert not can_edit(reporter, own)


def test_the_system_may_everything_and_a_refusal_says_why_in_dutch(reporter):
    assert may(None, "articles.delete_article")
    with pytest.raises(PermissionDenied, match="Je rol staat"):
        require(reporter, "articles.delete_article")


def test_services_refuse_a_role_that_may_not(reporter, editor, make_article):
    published = make_article(status=S.PUBLISHED)
    revision = Revision.objects.get(article=published)
    before = (
        published.version,
        published.notes.count(),
        published.preview_links.count(),
    )
    with pytest.raises(PermissionDenied):
        add_note(published, kind="correction", text="Fout.", user=reporter)
    with pytest.raises(PermissionDenied):
        create_preview_link(published, user=reporter)
    with pytest.raises(PermissionDenied):
        restore_revision(revision, user=reporter)
    with pytest.raises(PermissionDenied):
        save_front_page(FrontPage(), user=reporter)
    published.refresh_from_db()
    after = (
        published.version,
        published.notes.count(),
        published.preview_links.count(),
    )
    assert after == before and not FrontPage.objects.exists()
    link = create_preview_link(published, user=editor)
    with pytest.raises(PermissionDenied):
        revoke_preview_link(link, user=reporter)
    link.refresh_from_db()
    assert link.revoked_at is None
    assert add_note(published, kind="update", text="Bijgewerkt.", user=editor).pk
