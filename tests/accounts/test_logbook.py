"""The Logboek (accounts/logbook.py and audit.py; the articles' part in
articles/audit.py): who changed roles, accounts, notes and articles, logins and
failures; one read-only list for the Hoofdredactie."""

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.models import Group

from accounts.audit import acting_as
from accounts.models import AuditEvent
from articles.models import Article
from tests.helpers.users import FAILURE_LIMIT, log_in


def test_role_and_account_changes_are_recorded_with_who_did_them(chief, make_user, rf):
    """Roles given and taken, staff and superuser flags: who, whom, what."""
    user = make_user("anna", role=None, is_staff=False)
    request = rf.get("/")
    request.user = chief
    with acting_as(request):
        user.groups.add(Group.objects.get(name="Redacteur"))
        user.groups.remove(Group.objects.get(name="Redacteur"))
        user.is_staff = True
        user.save()
    events = AuditEvent.objects.filter(subject="anna", actor=chief)
    assert [(e.kind, e.detail) for e in events.order_by("pk")] == [
        ("role_added", "Redacteur"),
        ("role_removed", "Redacteur"),
        ("account", "toegang tot het beheer: uit → aan"),
    ]


def test_a_role_change_in_the_admin_names_the_hoofdredactie(client, chief, editor):
    """Saving a user's groups in the admin records the logged-in chief as actor."""
    client.force_login(chief)
    response = client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {
            "username": "redacteur",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name="Hoofdredactie").pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    kinds = set(
        AuditEvent.objects.filter(subject="redacteur", actor=chief).values_list(
            "kind", "detail"
        )
    )
    assert kinds == {("role_added", "Hoofdredactie"), ("role_removed", "Redacteur")}


def test_deleting_a_correction_or_an_article_is_recorded(chief, make_article, rf):
    """Notes and articles take their own history with them when deleted, so the
    deletion itself is kept: who, which article, what the note said."""
    from articles.services.notes import add_note

    article = make_article(headline="Kabul")
    note = add_note(article, kind="correction", text="Het was 26 augustus.", user=None)
    request = rf.get("/")
    request.user = chief
    with acting_as(request):
        note.delete()
        article.delete()
    events = AuditEvent.objects.filter(actor=chief).order_by("pk")
    assert [(e.kind, e.subject) for e in events] == [
        ("note_deleted", "Kabul"),
        ("article_deleted", "Kabul"),
    ]
    assert "26 augustus" in events[0].detail


def test_changing_what_a_role_may_do_is_recorded(db):
    """Permissions added to or taken from a group are listed by codename."""
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="Verslaggever")
    permission = Permission.objects.get(codename="publish_article")
    group.permissions.add(permission)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ROLE_PERMISSIONS)
    assert (event.subject, event.detail) == (
        "Verslaggever",
        "erbij: articles.publish_article",
    )


def test_logging_in_records_no_account_change(client, editor):
    """Updating last_login at each login is not an account change."""
    before = AuditEvent.objects.count()
    log_in(client, "redacteur")
    assert AuditEvent.objects.count() == before


def test_logbook_lists_everything_newest_first_and_filters(
    client, chief, editor, make_article
):
    """Logins, failures, lock-outs, unlocks, publications, withdrawals, corrections
    and role changes appear in one list, filterable by kind and user."""
    from articles.services.notes import add_note
    from articles.services.workflow import transition

    log_in(client, "redacteur", "fout")
    log_in(client, "redacteur")
    article = make_article(headline="Kabul", status=Article.Status.DRAFT)
    transition(article, Article.Status.PUBLISHED, user=editor)
    add_note(article, kind="correction", text="Het was 26 augustus.", user=editor)
    transition(article, Article.Status.UNPUBLISHED, user=editor, reason="Fout")
    for _ in range(FAILURE_LIMIT):
        log_in(client, "ander", "fout", address="198.51.100.8")
    client.force_login(chief)
    page = client.get("/admin/accounts/auditevent/")
    assert page.status_code == 200
    entries = page.context["page"].entries
    kinds = [entry.kind for entry in entries]
    for kind in ("login", "login_failed", "locked_out", "published", "unpublished",
                 "correction", "role_added"):  # fmt: skip
        assert kind in kinds, kind
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert "Kabul" in page.text and "198.51.100.8" in page.text
    corrections = client.get("/admin/accounts/auditevent/?soort=correction")
    assert [e.kind for e in corrections.context["page"].entries] == ["correction"]
    by_editor = client.get("/admin/accounts/auditevent/?gebruiker=redacteur")
    assert {e.username for e in by_editor.context["page"].entries} == {"redacteur"}


def test_logbook_is_read_only(client, chief):
    """Nobody adds, changes or deletes Logboek entries."""
    event = AuditEvent.objects.create(kind="policy", subject="x")
    client.force_login(chief)
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403
    response = client.post(f"/admin/accounts/auditevent/{event.pk}/delete/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_logins_and_failures_are_kept_by_axes(client, editor):
    """The login records the Logboek reads: user, address, time."""
    log_in(client, "redacteur", "fout", address="198.51.100.3")
    log_in(client, "redacteur", address="198.51.100.3")
    assert AccessFailureLog.objects.get().ip_address == "198.51.100.3"
    assert AccessLog.objects.get().username == "redacteur"
