"""An article alerts its followers once, when it first becomes visible to readers:
published now by any path, or scheduled and its time come (the periodic check)."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from articles.alerts.claims import alert_again, claim_due
from articles.models import Article
from articles.services.articles import save_article
from articles.services.workflow import transition
from subscriptions.models import SendLog
from tests.helpers.forms import article_form, change_form

pytestmark = pytest.mark.django_db
S = Article.Status


def test_publishing_now_sends_one_alert_after_the_commit(
    make_article, editor, sent, django_capture_on_commit_callbacks
):
    """Nothing while the transaction is open; one signal once it commits."""
    draft = make_article(status=S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, S.PUBLISHED, user=editor)
        assert sent == []
    assert sent == [("article", draft.pk, False)]
    assert Article.objects.get(pk=draft.pk).alerted_at is not None


def test_a_publication_rolled_back_sends_nothing_and_claims_nothing(
    make_article, editor, sent, django_capture_on_commit_callbacks
):
    draft = make_article(status=S.DRAFT)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        transition(draft, S.PUBLISHED, user=editor)
        raise RuntimeError("de schijf is vol")
    assert sent == []
    assert Article.objects.get(pk=draft.pk).alerted_at is None


def test_every_path_that_publishes_now_sends_once(
    make_article, filing, editor_client, sent, django_capture_on_commit_callbacks
):
    """The admin form, the publish_now action and creating published (commands)."""
    draft = make_article(status=S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/articles/article/",
            {"action": "publish_now", "_selected_action": [draft.pk]},
        )
        response = editor_client.post(
            "/admin/articles/article/add/", article_form(filing)
        )
        assert response.status_code == 302
        created = make_article()
    added = Article.objects.get(headline="Wat we weten")
    assert sorted(sent) == sorted(
        ("article", pk, False) for pk in (draft.pk, added.pk, created.pk)
    )


def test_a_scheduled_article_is_alerted_by_the_check_once_its_time_has_come(
    make_article, sent, time_machine, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=2)
    article = make_article(publish_at=when)
    with django_capture_on_commit_callbacks(execute=True):
        assert claim_due() == (0, 0)
    assert sent == []
    time_machine.move_to(when + timedelta(seconds=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert claim_due() == (1, 0)
        assert claim_due() == (0, 0)  # the check runs again: nothing twice
    assert sent == [("article", article.pk, False)]


def test_a_form_opened_before_the_claim_does_not_undo_it(
    make_article, sent, time_machine, django_capture_on_commit_callbacks
):
    """An editor's stale copy (alerted_at still empty) saved after the check sent
    the alert: the claim stays, no second signal."""
    when = timezone.now() + timedelta(hours=1)
    article = make_article(publish_at=when)
    stale = Article.objects.get(pk=article.pk)
    time_machine.move_to(when + timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=True):
        claim_due()
        stale.lede = "Een betere intro."
        save_article(stale, new_version=True)
        claim_due()
    assert sent == [("article", article.pk, False)]
    assert Article.objects.get(pk=article.pk).alerted_at is not None


def test_no_alert_when_switched_off_even_if_switched_on_after_publication(
    make_article, sent, django_capture_on_commit_callbacks
):
    """Its moment is handled without a signal; switching on later sends nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(send_alert=False)
        article.send_alert = True
        save_article(article, new_version=True)
        claim_due()
    assert sent == []
    assert Article.objects.get(pk=article.pk).alerted_at is not None


def test_an_article_withdrawn_before_its_time_is_never_alerted(
    make_article, editor, sent, time_machine, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=1)
    article = make_article(publish_at=when)
    transition(article, S.UNPUBLISHED, user=editor)
    time_machine.move_to(when + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        claim_due()
    assert sent == []


def test_a_correction_sends_nothing_unless_the_editor_ticks_send_again(
    make_article, editor_client, sent, django_capture_on_commit_callbacks
):
    article = make_article()
    sent.clear()
    now = timezone.localtime()
    # Its first alert went a minute ago (an ask within the claim's own second is
    # taken as that claim, on its way: claims.alert_again).
    Article.objects.filter(pk=article.pk).update(alerted_at=now - timedelta(minutes=1))

    def note(text, **extra):
        data = change_form(article, **{
            "notes-TOTAL_FORMS": "1", "notes-0-kind": "correction",
            "notes-0-text": text, "notes-0-at_0": now.strftime("%d-%m-%Y"),
            "notes-0-at_1": now.strftime("%H:%M:%S"), **extra,
        })  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                f"/admin/articles/article/{article.pk}/change/", data, follow=True
            )
        article.refresh_from_db()
        return response

    note("Het was 26 augustus.")
    assert sent == []
    response = note("Het waren drie explosies.", **{"notes-0-alert_again": "on"})
    assert sent == [("article", article.pk, True)]
    assert "Het alert gaat opnieuw naar de volgers." in response.content.decode()
    # The round is about that correction (its mail says so: tests/subscriptions).
    log = SendLog.objects.get(article=article)
    assert (log.note.kind, log.note.text) == ("correction", "Het waren drie explosies.")


def test_send_again_refuses_an_article_whose_alert_is_off(
    make_article, sent, django_capture_on_commit_callbacks
):
    article = make_article(send_alert=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_again(article) is False
    assert sent == []


def test_the_switch_is_in_the_form_for_those_who_publish_and_saves_inverted(
    make_article, editor_client, reporter_client, sent,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    assert (
        "Geen alert versturen"
        in editor_client.get("/admin/articles/article/add/").content.decode()
    )
    assert (
        "Geen alert versturen"
        not in reporter_client.get("/admin/articles/article/add/").content.decode()
    )
    draft = make_article(status=S.DRAFT)
    data = change_form(draft, status="published", no_alert="on")
    data |= {"publish_at_0": "", "publish_at_1": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/articles/article/{draft.pk}/change/", data
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert (draft.status, draft.send_alert) == (S.PUBLISHED, False)
    assert sent == []


def test_the_migration_marks_what_readers_already_saw(make_article):
    """Deploying sends nothing for the archive; a scheduled article still alerts."""
    seen = make_article()
    withdrawn = make_article()
    Article.objects.filter(pk=withdrawn.pk).update(status=S.UNPUBLISHED)
    later = make_article(publish_at=timezone.now() + timedelta(days=1))
    Article.objects.update(alerted_at=None)
    migration = importlib.import_module("articles.migrations.0017_article_alerts")
    migration.mark_what_readers_saw(apps, None)
    marked = dict(Article.objects.values_list("pk", "alerted_at"))
    assert marked[seen.pk] is not None and marked[withdrawn.pk] is not None
    assert marked[later.pk] is None


def test_import_article_no_alert_switches_it_off(
    tmp_path, filing, sent, django_capture_on_commit_callbacks
):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-22 Een kop\n\nDe intro.\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_article", str(path), "--publish", "--no-alert")
    article = Article.objects.get()
    assert article.send_alert is False
    assert sent == []
