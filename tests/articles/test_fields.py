"""One declaration of an article's fields (articles/fields.py), and every copy of an
article taking its names from it: a field added to the model and left out anywhere
fails here."""

import pytest
from django.db import models

from articles import fields
from articles.admin.articles import ArticleAdmin
from articles.archive.records import ARTICLE_TEXT, ARTICLE_TIMES
from articles.archive.validating import ARTICLE
from articles.forms import ArticleAdminForm
from articles.models import Article
from articles.services.restore import RESTORED_FIELDS
from articles.services.revisions import snapshot

MODEL_FIELDS = {
    field.name
    for field in Article._meta.get_fields()
    if not field.auto_created or field.concrete
}


def test_every_model_field_is_declared_once():
    """Each field of Article is editable, bookkeeping, the live desk's, the alert's
    or deliberately not copied."""
    declared = [
        *fields.EDITABLE,
        *fields.BOOKKEEPING,
        *fields.LIVE,
        *fields.ALERTS,
        *fields.NOT_COPIED,
    ]
    assert len(declared) == len(set(declared))
    assert set(declared) == MODEL_FIELDS


def test_every_editable_field_has_one_kind_that_fits_the_model():
    """Text, time, one reference or many: each editable field is exactly one."""
    kinds = [*fields.TEXT, *fields.TIMES, *fields.ONE_OF, *fields.LISTS]
    assert sorted(kinds) == sorted(fields.EDITABLE)
    for name in fields.TIMES:
        assert isinstance(Article._meta.get_field(name), models.DateTimeField)
    for name in fields.ONE_OF:
        assert Article._meta.get_field(name).many_to_one
    for name in fields.LISTS:
        assert Article._meta.get_field(name).many_to_many
    assert set(fields.PLAIN_TEXT) <= set(fields.TEXT)


def test_the_edit_form_and_its_fieldsets_follow_the_declaration():
    """The form edits FORM, and the admin shows every one of them once."""
    assert list(ArticleAdminForm._meta.fields) == list(fields.FORM)
    # A tuple is one line of the form (the time and its precision).
    shown = [
        name
        for _title, spec in ArticleAdmin.fieldsets
        for entry in spec["fields"]
        for name in (entry if isinstance(entry, tuple) else (entry,))
    ]
    assert [name for name in shown if name in fields.EDITABLE] == list(fields.FORM)


@pytest.mark.django_db
def test_a_revision_snapshot_holds_every_editable_field(make_article):
    """What a revision keeps is exactly what an editor decides, plus the version."""
    assert set(snapshot(make_article())) == {*fields.EDITABLE, "version"}


def test_restore_puts_back_every_text_field_but_those_it_keeps():
    assert sorted([*RESTORED_FIELDS, *fields.KEPT_ON_RESTORE]) == sorted(
        [*fields.TEXT, *fields.TIMES]
    )


def test_the_archive_writes_and_checks_every_field():
    """Export, import and validation cover every editable and bookkeeping field."""
    scalars = {*ARTICLE_TEXT, *ARTICLE_TIMES, *fields.ONE_OF, "created_by"}
    copied = {*fields.EDITABLE, *fields.BOOKKEEPING}
    assert copied - set(fields.LISTS) == scalars
    assert copied <= set(ARTICLE)
