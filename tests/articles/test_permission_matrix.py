"""The permission matrix: every admin URL and action of every model, as every role,
GET and POST, on own and others' objects in every state.

Allowed where the role table says so (docs/workflow.md, "Roles"; written out again
below, independently of the code), a Dutch 403 everywhere else; never a 500, and a
refusal changes nothing (a fingerprint of every table before and after). A new admin
page or model fails ``test_every_admin_url_is_in_the_matrix`` until it is added here.
"""

from collections import Counter

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.helpers.matrix import (
    Case,
    build_world,
    cases_for,
    form_data,
    live_entry_keys,
    send,
)
from tests.helpers.parts import say_at_the_end

# Who may, by role: R Verslaggever, E Redacteur, C Hoofdredactie; "" nobody (only
# a superuser, which no newsroom account is). "own-draft:R" style entries give a
# role on one object only (``key``).
TABLE = {
    "articles.article": {
        "view": "REC", "add": "REC", "change": "EC own-draft:R",
        "delete": "C", "publish": "EC",
        # The live desk: everyone reads it and writes entries for review; the
        # reporter changes their own unplaced entry; editors place, change any,
        # delete, add notes and close.
        "live_view": "REC", "live_add": "REC", "live_place": "EC",
        "live_change": "EC live-own-draft:R", "live_delete": "EC", "live_note": "EC",
        "live_close": "EC",
    },
    "articles.section": {"view": "REC", "add": "C", "change": "C", "delete": "C"},
    "articles.author": {"view": "REC", "add": "EC", "change": "EC", "delete": "C"},
    # A reporter proposes topics and changes their own proposal until approved.
    "articles.topic": {
        "view": "REC", "add": "REC", "change": "EC own-proposal:R", "delete": "C",
        "approve": "EC",
    },
    "articles.image": {
        "view": "REC", "add": "REC", "change": "EC own:R", "delete": "C",
    },
    # One front page: with it made, nobody adds a second; nobody deletes it.
    "articles.frontpage": {"view": "EC", "add": "", "change": "EC", "delete": ""},
    # Posts enter through articles; editors re-check them.
    "embeds.embed": {"view": "REC", "add": "", "change": "EC", "delete": "C"},
    "flatpages.flatpage": {"view": "C", "add": "C", "change": "C", "delete": "C"},
    "auth.group": {"view": "C", "add": "C", "change": "C", "delete": "C"},
    "auth.user": {"view": "C", "add": "C", "change": "C", "delete": "C"},
    # The Logboek and the failed logins are records: read, never edited.
    "accounts.auditevent": {"view": "C", "add": "", "change": "", "delete": ""},
    "accounts.failedlogin": {
        "view": "C", "add": "", "change": "", "delete": "", "unlock": "C",
    },
    "accounts.securitypolicy": {"view": "C", "add": "", "change": "C", "delete": ""},
    "sites.site": {"view": "", "add": "", "change": "", "delete": ""},
    # Tasks that gave up: the Hoofdredactie sees them and tries them again.
    "articles.failedtask": {"view": "C", "add": "", "change": "C", "delete": ""},
    # Readers who follow by e-mail: the addresses and their export are the
    # Hoofdredactie's; a Redacteur sees counts and the send log, never addresses.
    "subscriptions.subscriber": {
        "view": "C", "add": "", "change": "", "delete": "C", "export": "C",
    },
    "subscriptions.sendlog": {
        "view": "EC", "add": "", "change": "", "delete": "", "count": "EC",
    },
}  # fmt: skip


def allowed(label: str, kind: str, key: str, role: str) -> bool:
    """What the table says; an action needing several permissions needs all."""
    return all(_one(TABLE[label][need], key, role) for need in kind.split("+"))


def _one(entry: str, key: str, role: str) -> bool:
    for word in entry.split():
        scope, _, roles = word.rpartition(":")
        if role in roles and scope in ("", key):
            return True
    return False


def _article_urls(opts, key, article):
    from articles.models import PreviewLink

    base = f"/admin/articles/article/{article.pk}"
    link = PreviewLink.objects.filter(article=article).first()
    return [
        Case("POST", "/admin/articles/article/autosave/", "change", key,
             {"article": article.pk, "headline": "Autosave"}),
        Case("POST", f"{base}/aanwezig/", "view", key),
        Case("POST", "/admin/articles/article/plakken/", "add", key, {"text": "x"}),
        Case("POST", f"{base}/voorbeeldlink/", "change", key),
        Case("POST", f"{base}/voorbeeldlink/{link.pk}/intrekken/", "change", key),
        Case("GET", f"{base}/versies/", "view", key),
        Case("GET", f"{base}/versies/1/1/", "view", key),
        Case("GET", f"{base}/versies/1/herstellen/", "change", key),
        Case("POST", f"{base}/versies/1/herstellen/", "change", key),
        *(_live_urls(base, article) if article.kind == "live" else []),
    ]  # fmt: skip


def _live_urls(base, article):
    """The live desk's pages and actions, on the desk and on each entry."""
    entry = {"body": "<p>Gewijzigd.</p>", "actie": "concept"}
    cases = [
        Case("GET", f"{base}/live/", "live_view"),
        Case(
            "POST",
            f"{base}/live/",
            "live_add",
            "",
            {"nieuw-body": "<p>Nieuw.</p>", "actie": "beoordeling"},
        ),
        Case(
            "POST",
            f"{base}/live/",
            "live_place",
            "",
            {"nieuw-body": "<p>Nieuw.</p>", "actie": "plaatsen"},
        ),
        Case(
            "POST", f"{base}/live/afsluiten/", "live_close", "", {"actie": "afsluiten"}
        ),
    ]
    for key, obj in live_entry_keys(article).items():
        url = f"{base}/live/{obj.pk}"
        cases += [
            Case("GET", f"{url}/", "live_change", key),
            Case("POST", f"{url}/", "live_change", key, entry),
            Case(
                "POST",
                f"{url}/noot/",
                "live_note",
                key,
                {"kind": "update", "text": "Meer."},
            ),
            Case("GET", f"{url}/verwijderen/", "live_delete", key),
            Case("POST", f"{url}/verwijderen/", "live_delete", key),
        ]
    return cases  # fmt: skip


def _extra(opts, key, obj):
    label = opts.label_lower
    if label == "articles.article":
        return _article_urls(opts, key, obj)
    if label == "articles.frontpage":
        return [Case("POST", f"/admin/articles/frontpage/{obj.pk}/herstel/1/",
                     "change", key)]  # fmt: skip
    if label == "embeds.embed":
        return [
            Case("POST", f"/admin/embeds/embed/{obj.pk}/controleer/", "change", key),
        ]
    if label == "subscriptions.sendlog":
        return [Case("GET", "/admin/subscriptions/sendlog/volgers/", "count", key)]
    if label == "auth.user":
        url = f"/admin/auth/user/{obj.pk}/password/"
        return [
            Case("GET", url, "change", key),
            Case("POST", url, "change", key,
                 {"password1": "Nieuw-en-lang-43", "password2": "Nieuw-en-lang-43"}),
        ]  # fmt: skip
    return []


DUTCH_403 = "Er is niets gewijzigd."
# What ran, for the summary at the end: requests, and those allowed and refused.
TALLY: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    """Say at the end how many role x URL x object cases ran, and how they went."""
    yield
    if TALLY["cases"]:
        say_at_the_end(
            request,
            f"\npermission matrix: {TALLY['models']} models, {TALLY['cases']} "
            f"role x URL x object cases ({TALLY['allowed']} allowed, "
            f"{TALLY['refused']} refused with the Dutch 403), "
            f"{TALLY['wrong']} not as the table says",
        )


@pytest.mark.parametrize("label", sorted(TABLE))
def test_every_role_gets_what_the_table_says(label, make_user, client):
    people, root, objects = build_world(make_user)
    cases = cases_for(label, objects, _extra)
    client.force_login(root)
    sent = {c.form_from: form_data(client, c.form_from) for c in cases if c.form_from}
    wrong = []
    for letter, user in people.items():
        client.force_login(user)
        for case in cases:
            data = sent[case.form_from] if case.form_from else case.data
            response, changed = send(client, case, data)
            expected = allowed(label, case.kind, case.key, letter)
            status = response.status_code
            if status >= 500:
                wrong.append(f"{letter} {case}: {status}")
            elif expected and status == 403:
                wrong.append(f"{letter} {case}: refused, the table allows it")
            elif not expected and status != 403:
                wrong.append(f"{letter} {case}: {status}, the table refuses it")
            elif not expected and DUTCH_403 not in response.content.decode():
                wrong.append(f"{letter} {case}: a 403 without the Dutch page")
            elif not expected and changed:
                wrong.append(f"{letter} {case}: refused, but the database changed")
            TALLY["cases"] += 1
            TALLY["allowed" if expected else "refused"] += 1
    TALLY["models"] += 1
    TALLY["wrong"] += len(wrong)
    assert not wrong, "\n".join(wrong)


def test_the_table_allows_what_it_should(make_user, client):
    """The matrix is not vacuous: allowed saves really save (an editor's change to
    a colleague's article, a reporter's to their own draft)."""
    people, _root, objects = build_world(make_user)
    article = objects["articles.article"]["own-draft"]
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(people["R"])
    data = form_data(client, url)
    response = client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline.endswith("(gewijzigd)")


def test_every_admin_url_is_in_the_matrix():
    """Each model admin has a row, and each extra URL of theirs a case above."""
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(TABLE)
    known = {
        "autosave/", "<int:pk>/aanwezig/", "<path:object_id>/voorbeeldlink/",
        "<path:object_id>/voorbeeldlink/<int:link_pk>/intrekken/",
        "<path:object_id>/versies/", "<path:object_id>/versies/<int:old>/<int:new>/",
        "<path:object_id>/versies/<int:version>/herstellen/",
        "<int:object_id>/herstel/<int:version>/", "plakken/", "<int:pk>/controleer/",
        "<id>/password/", "<path:object_id>/live/", "<path:object_id>/live/afsluiten/",
        "<path:object_id>/live/<int:entry_pk>/",
        "<path:object_id>/live/<int:entry_pk>/noot/",
        "<path:object_id>/live/<int:entry_pk>/verwijderen/", "volgers/",
        # The hero widget's JSON views: every role in tests/articles/test_hero_widget.py.
        "hoofdafbeelding/", "hoofdafbeelding/<int:pk>/",
    }  # fmt: skip
    standard = {
        "", "add/", "<path:object_id>/history/", "<path:object_id>/delete/",
        "<path:object_id>/change/", "<path:object_id>/",
    }  # fmt: skip
    for model_admin in admin.site._registry.values():
        for pattern in model_admin.get_urls():
            assert str(pattern.pattern) in known | standard, pattern
