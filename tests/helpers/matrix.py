"""The permission matrix's machinery (tests/articles/test_permission_matrix.py): a
newsroom with something of everything, every admin URL and action of a model as
requests, the form a browser would send, and a fingerprint of the whole database.

Each request runs inside a savepoint that is rolled back, so one world serves every
role and every request of a model, and an allowed change never leaks into the next.
"""

import hashlib
from dataclasses import dataclass, field

import lxml.html
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

__all__ = [
    "Case",
    "build_world",
    "cases_for",
    "fingerprint",
    "form_data",
    "live_entry_keys",
    "send",
]

# Rows that a request may write whatever its outcome: the session, presence.
NOT_FINGERPRINTED = {"sessions.session", "articles.editingpresence"}
STATES = ["draft", "review", "published", "unpublished", "scheduled"]


@dataclass
class Case:
    """One request: ``kind`` names what it needs (view, add, change, delete, or
    an action's permission), ``key`` which object of the world it is about."""

    method: str
    url: str
    kind: str
    key: str = ""
    data: dict = field(default_factory=dict)
    form_from: str = ""  # GET this URL as superuser; send its form back, changed

    def __str__(self):
        return f"{self.method} {self.url} [{self.key or '-'}]"


def build_world(make_user):
    """The people (by role letter, plus a colleague and a superuser for form data)
    and one object per (model, key) for the URLs to be about."""
    from django.contrib.auth.models import Group
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    from accounts.audit import record
    from accounts.models import FailedLogin, SecurityPolicy
    from articles.models import Author, FrontPage, Image, Section, Topic
    from articles.services.articles import create_article
    from articles.services.previews import create_preview_link
    from embeds.models import Embed
    from subscriptions.models import SendLog

    people = {
        "R": make_user("verslaggever", "reporter"),
        "E": make_user("redacteur", "editor"),
        "C": make_user("chef", "chief"),
    }
    colleague = make_user("collega", "reporter")
    root = make_user("root", None, is_superuser=True)
    section = Section.objects.create(name="Buitenland", slug="buitenland")
    authors = {
        "own": Author.objects.create(name="Vera Slag", slug="vera", user=people["R"]),
        "other": Author.objects.create(name="Co Lega", slug="co", user=colleague),
    }
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    topics = {"approved": topic}
    for owner, user in (("own", people["R"]), ("other", colleague)):
        topics[f"{owner}-proposal"] = Topic.objects.create(
            name=f"Voorstel {owner}", slug=f"voorstel-{owner}",
            approved=False, proposed_by=user,
        )  # fmt: skip
    objects = {"articles.section": {"": section}, "articles.topic": topics}
    objects["articles.author"] = authors
    now = timezone.now()
    articles = {}
    for owner, user in (("own", people["R"]), ("other", colleague)):
        for state in STATES:
            status = "published" if state == "scheduled" else state
            when = {"scheduled": now + timezone.timedelta(days=1)}.get(
                state, now - timezone.timedelta(hours=1)
            )
            article = create_article(
                headline=f"{owner} {state}",
                lede="Een intro.",
                body="<p>Tekst.</p>",
                section=section,
                authors=[authors[owner]],
                topics=[topic],
                status=status,
                publish_at=when if status != "draft" else None,
                created_by=user,
            )
            create_preview_link(article, user=None)
            articles[f"{owner}-{state}"] = article
    articles["live"] = _live_article(section, authors, topic, people, colleague)
    objects["articles.article"] = articles
    objects["articles.image"] = {
        "own": Image.objects.create(alt="Eigen foto", uploaded_by=people["R"]),
        "other": Image.objects.create(alt="Andermans foto", uploaded_by=colleague),
    }
    objects["articles.frontpage"] = {"": FrontPage.objects.create()}
    objects["embeds.embed"] = {
        "": Embed.objects.create(
            url="https://x.com/iemand/status/1",
            provider="x",
            author_name="Iemand",
            source=Embed.Source.TEXT,
        )
    }
    objects["flatpages.flatpage"] = {
        "": FlatPage.objects.create(url="/colofon/", title="Colofon")
    }
    objects["auth.group"] = {"": Group.objects.get(name="Verslaggever")}
    objects["auth.user"] = {"": colleague}
    objects["accounts.auditevent"] = {
        "": record("account", subject="collega", actor=people["C"])
    }
    objects["accounts.failedlogin"] = {
        "": FailedLogin.objects.create(
            username="collega",
            ip_address="192.0.2.1",
            user_agent="test",
            path_info="/admin/login/",
            failures_since_start=3,
        )
    }
    objects["accounts.securitypolicy"] = {"": SecurityPolicy.load()}
    objects["sites.site"] = {"": Site.objects.get_current()}
    objects["articles.failedtask"] = {"": _failed_task()}
    objects["subscriptions.subscriber"] = {"": _subscriber(topic)}
    objects["subscriptions.sendlog"] = {
        "": SendLog.objects.create(
            article=next(iter(objects["articles.article"].values())), sent=3
        )
    }
    return people, root, objects


def _subscriber(topic):
    """A reader who confirmed following ``topic``."""
    from subscriptions import services

    pending = services.request_following("lezer@voorbeeld.nl", "topic", topic)
    return services.confirm(pending)


def _live_article(section, authors, topic, people, colleague):
    """A colleague's published live article with the reporter's draft entry and a
    placed one (``live_entry_keys`` names them)."""
    from articles.live.services import post_entry
    from articles.services.articles import create_article
    from articles.services.previews import create_preview_link

    article = create_article(
        headline="Live: Kabul", lede="Een intro.", body="<p>Tekst.</p>",
        section=section, authors=[authors["other"]], topics=[topic],
        status="published", publish_at=timezone.now() - timezone.timedelta(hours=1),
        created_by=colleague, kind="live",
    )  # fmt: skip
    create_preview_link(article, user=None)
    post_entry(article, user=people["R"], body="<p>Eigen concept.</p>", status="draft")
    post_entry(article, user=None, body="<p>Geplaatst.</p>")
    return article


def live_entry_keys(article) -> dict:
    """The live article's entries by matrix key: the reporter's draft, a placed one."""
    entries = article.live_entries.order_by("pk")
    return {"live-own-draft": entries[0], "live-placed": entries[1]}


def _failed_task():
    """A task that gave up: its row as the worker leaves it after the last try."""
    from django_tasks_db.models import DBTaskResult

    from articles.models import FailedTask

    row = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {"attempt": 5}},
        task_path="articles.images.tasks.make_image_renditions",
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="OSError",
        traceback="Traceback (most recent call last):\nOSError: schijf vol",
    )
    return FailedTask.objects.get(pk=row.pk)


def _name(opts, suffix):
    return f"admin:{opts.app_label}_{opts.model_name}_{suffix}"


def cases_for(label: str, objects: dict, extra) -> list[Case]:
    """Every admin URL and action of the model ``label``, about every object the
    world has of it. ``extra(opts, key, obj)`` adds the model's own URLs."""
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    opts = model._meta
    changelist = reverse(_name(opts, "changelist"))
    add = reverse(_name(opts, "add"))
    cases = [
        Case("GET", changelist, "view"),
        Case("GET", add, "add"),
        Case("POST", add, "add", form_from=add),
    ]
    for key, obj in objects[label].items():
        change = reverse(_name(opts, "change"), args=[obj.pk])
        delete = reverse(_name(opts, "delete"), args=[obj.pk])
        cases += [
            Case("GET", change, "view", key),
            Case("POST", change, "change", key, form_from=change),
            Case("GET", delete, "delete", key),
            Case("POST", delete, "delete", key, {"post": "yes"}),
            Case("GET", reverse(_name(opts, "history"), args=[obj.pk]), "view", key),
        ]
        for function, name, _description in model_admin._get_base_actions():
            needs = getattr(function, "allowed_permissions", ("view",))
            data = {"action": name, ACTION_CHECKBOX_NAME: [obj.pk], "index": 0}
            cases.append(Case("POST", changelist, "+".join(needs), key, data))
        cases += extra(opts, key, obj)
    return cases


def form_data(client, url: str) -> dict:
    """What a browser would send back from the admin form at ``url``, with its first
    text field changed (so that an allowed save would change something)."""
    response = client.get(url)
    if response.status_code != 200:  # a page nobody has (adding to the Logboek)
        return {}
    page = lxml.html.fromstring(response.content)
    forms = [f for f in page.forms if f.get("id", "").endswith("_form")]
    if not forms:
        return {}
    data: dict[str, list] = {}
    for name, value in forms[0].form_values():
        data.setdefault(name, []).append(value)
    for element in forms[0].inputs:
        kind = element.get("type", "text") if element.tag == "input" else element.tag
        if element.get("name") in data and kind in {"text", "textarea"}:
            data[element.get("name")] = [data[element.get("name")][0] + " (gewijzigd)"]
            break
    return data


def fingerprint() -> str:
    """One hash over every row of every table a request could change."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        if model._meta.label_lower in NOT_FINGERPRINTED or model._meta.proxy:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest.update(repr((model._meta.label_lower, list(rows))).encode())
    return digest.hexdigest()


def send(client, case: Case, data: dict):
    """The request of ``case``, undone afterwards; returns (response, changed)."""
    before = fingerprint() if case.method == "POST" else None
    with transaction.atomic():
        if case.method == "GET":
            response = client.get(case.url)
        else:
            response = client.post(case.url, data)
        changed = before is not None and fingerprint() != before
        transaction.set_rollback(True)
    return response, changed
