"""The account models moved from the articles app to accounts without touching the
database: a database made by the release before the move migrates forward with
every row intact, and every role and user keeps exactly the rights it had."""

import importlib

import pytest
from django.contrib.auth.management import create_permissions
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.roles import ensure_roles

PRIVACY = importlib.import_module(
    "subscriptions.migrations.0002_roles_and_privacy"
).PRIVACY

# The last migrations of the release before the move: articles up to 0010, no
# accounts app yet.
BEFORE = [("articles", "0010_accounts"), ("accounts", None)]
MOVED = {"auditevent", "failedlogin", "securitypolicy"}


def migrate(targets):
    """Migrate to ``targets``; the models as they are then."""
    MigrationExecutor(connection).migrate(targets)
    executor = MigrationExecutor(connection)
    return executor._create_project_state(with_applied_migrations=True).apps


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table but Django's own migration record, in key order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {name} ORDER BY 1")  # noqa: S608
            rows[table] = [tuple(map(str, row)) for row in cursor.fetchall()]
    return rows


def grants(apps) -> dict[str, set[tuple[str, str]]]:
    """Each group's and user's permissions as (app label, codename)."""
    Group = apps.get_model("auth", "Group")  # noqa: N806
    User = apps.get_model("auth", "User")  # noqa: N806
    found = {}
    for holder, key in [(g, f"group {g.name}") for g in Group.objects.all()] + [
        (u, f"user {u.username}") for u in User.objects.all()
    ]:
        perms = (
            holder.permissions if hasattr(holder, "name") else holder.user_permissions
        )
        found[key] = set(perms.values_list("content_type__app_label", "codename"))
    return found


def relabelled(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {
        ("accounts", codename)
        if app == "articles" and codename.rsplit("_", 1)[-1] in MOVED
        else (app, codename)
        for app, codename in pairs
    }


def without_subscriptions(found: dict[str, set]) -> dict[str, set]:
    return {
        holder: {pair for pair in pairs if pair[0] != "subscriptions"}
        for holder, pairs in found.items()
    }


def roles_as_migrated(apps) -> None:
    """Permissions and roles as the release before the move made them (its
    migration 0010): a transactional test before this one may have emptied them."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_with_every_row_intact():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE)
        roles_as_migrated(old_apps)
        User = old_apps.get_model("auth", "User")  # noqa: N806
        Permission = old_apps.get_model("auth", "Permission")  # noqa: N806
        chief = User.objects.create(username="hoofd", is_staff=True)
        chief.groups.add(
            old_apps.get_model("auth", "Group").objects.get(name="Hoofdredactie")
        )
        auditor = User.objects.create(username="controle", is_staff=True)
        auditor.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="articles", codename="view_auditevent"
            ),
            Permission.objects.get(
                content_type__app_label="articles", codename="unlock_failedlogin"
            ),
        )
        old_apps.get_model("articles", "AuditEvent").objects.create(
            kind="policy",
            actor=chief,
            actor_name="hoofd",
            subject="beleid",
            detail="aan",
        )
        old_apps.get_model("articles", "SecurityPolicy").objects.create(
            pk=1, two_factor_required=True
        )
        LogEntry = old_apps.get_model("admin", "LogEntry")  # noqa: N806
        ContentType = old_apps.get_model("contenttypes", "ContentType")  # noqa: N806
        policy_type = ContentType.objects.get(
            app_label="articles", model="securitypolicy"
        )
        LogEntry.objects.create(
            user=chief,
            content_type=policy_type,
            object_id="1",
            object_repr="Beveiliging",
            action_flag=2,
            change_message="[]",
        )
        before_rows, before_grants = every_row(), grants(old_apps)

        new_apps = migrate(latest)

        after_rows = every_row()
        # Tables that later migrations make (live coverage's) arrive empty.
        for table in set(after_rows) - set(before_rows):
            assert after_rows.pop(table) == [], table
        types = after_rows.pop("django_content_type")
        old_types = before_rows.pop("django_content_type")
        # The one row a later migration changes on purpose: the privacy page learns
        # what following by e-mail stores (subscriptions 0002); the rest as it was.
        old_pages = {row[0]: row for row in before_rows["django_flatpage"]}
        pages = []
        for row in after_rows["django_flatpage"]:
            old = old_pages[row[0]]
            if row[1] == "/privacy/":
                assert row[3] == old[3] + PRIVACY
                row = (*row[:3], old[3], *row[4:])
            pages.append(row)
        after_rows["django_flatpage"] = pages
        assert after_rows == before_rows  # every row of every table, as it was
        assert len(types) == len(old_types)  # relabelled in place, none added
        assert {row for row in types if row[2] in MOVED} == {
            (row[0], "accounts", row[2]) for row in old_types if row[2] in MOVED
        }
        # The subscriptions' rights are left out on both sides: today's ensure_roles
        # (roles_as_migrated) already hands them out in the old state.
        assert without_subscriptions(grants(new_apps)) == without_subscriptions(
            {holder: relabelled(pairs) for holder, pairs in before_grants.items()}
        )
        assert ("accounts", "unlock_failedlogin") in grants(new_apps)["user controle"]
    finally:
        migrate(latest)


def test_after_the_move_the_roles_have_the_accounts_rights_under_their_new_label(
    chief, editor
):
    """The chief reads the Logboek and unlocks logins through the moved models; an
    editor does neither."""
    assert chief.has_perms(
        [
            "accounts.view_auditevent",
            "accounts.unlock_failedlogin",
            "accounts.change_securitypolicy",
        ]
    )
    assert not editor.has_perm("accounts.view_auditevent")
    assert not chief.has_perm("articles.view_auditevent")
