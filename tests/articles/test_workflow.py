"""Roles, status changes with their audit trail, lost edits, autosave, slug changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    AutosaveCopy,
    Section,
    SlugRedirect,
    Transition,
)
from articles.services.articles import prepare_for_save
from articles.services.workflow import transition
from tests.helpers.forms import ARTICLE_INLINES
from tests.helpers.users import client_for

S = Article.Status


@pytest.fixture
def newsroom(reporter, editor, chief, make_user):
    """The three roles, a second reporter, a section and the reporter's byline."""
    other_reporter = make_user("collega", "reporter")
    section = Section.objects.create(name="Buitenland", slug="buitenland")
    byline = Author.objects.create(name="Vera Slag", slug="vera-slag", user=reporter)
    return {
        "reporter": reporter, "other_reporter": other_reporter, "editor": editor,
        "chief": chief, "section": section, "byline": byline,
    }  # fmt: skip


def draft_by(newsroom, who="reporter", **fields):
    article = Article(
        headline=fields.pop("headline", "Een concept"),
        lede="Intro.",
        body="<p>Tekst.</p>",
        section=newsroom["section"],
        created_by=newsroom[who],
        status=fields.pop("status", S.DRAFT),
        **fields,
    )
    prepare_for_save(article)
    article.save()
    if who == "reporter":
        article.authors.set([newsroom["byline"]])
    else:
        other, _ = Author.objects.get_or_create(
            slug="iemand", defaults={"name": "Iemand"}
        )
        article.authors.set([other])
    return article


def form(article, **overrides):
    """The change form as the browser would send it, for ``article`` as stored."""
    data = {
        "kicker": article.kicker, "headline": article.headline, "slug": article.slug,
        "kind": article.kind, "lede": article.lede, "body": article.body,
        "add_post": "", "section": article.section_id,
        "authors": [a.pk for a in article.authors.all()], "status": article.status,
        "transition_reason": "", "publish_at_0": "", "publish_at_1": "",
        "updated_at_0": "", "updated_at_1": "", "language": article.language,
        "seo_title": "", "seo_description": "", "base_version": article.version,
    }  # fmt: skip
    if article.publish_at:
        local = timezone.localtime(article.publish_at)
        data["publish_at_0"] = local.strftime("%d-%m-%Y")
        data["publish_at_1"] = local.strftime("%H:%M:%S")
    return data | ARTICLE_INLINES | overrides


def post(user, article, **overrides):
    return client_for(user).post(
        f"/admin/articles/article/{article.pk}/change/", form(article, **overrides)
    )


# --- the permission matrix ------------------------------------------------------

MATRIX = [
    # (role, action, allowed)
    ("reporter", "edit own draft", True),
    ("reporter", "edit someone else's draft", False),
    ("reporter", "submit own draft for review", True),
    ("reporter", "edit own article in review", False),
    ("reporter", "publish (forged POST)", False),
    ("reporter", "withdraw (forged POST)", False),
    ("editor", "edit someone else's draft", True),
    ("editor", "publish", True),
    ("editor", "send back with a reason", True),
    ("editor", "withdraw", True),
    ("chief", "publish", True),
    ("chief", "withdraw", True),
]


def perform(newsroom, role, action):
    """Carry out ``action`` as ``role`` through the admin; returns (response, article)."""
    user = newsroom[role]
    if action == "edit own draft":
        article = draft_by(newsroom)
        return post(user, article, headline="Nieuwe kop"), article
    if action == "edit someone else's draft":
        article = draft_by(newsroom, who="other_reporter")
        return post(user, article, headline="Nieuwe kop"), article
    if action == "submit own draft for review":
        article = draft_by(newsroom)
        return post(user, article, status=S.REVIEW), article
    if action == "edit own article in review":
        article = draft_by(newsroom, status=S.REVIEW)
        return post(user, article, headline="Nieuwe kop"), article
    if action in {"publish", "publish (forged POST)"}:
        article = draft_by(newsroom, status=S.REVIEW)
        return post(user, article, status=S.PUBLISHED), article
    if action == "send back with a reason":
        article = draft_by(newsroom, status=S.REVIEW)
        return post(
            user, article, status=S.DRAFT, transition_reason="Bron ontbreekt"
        ), article
    if action in {"withdraw", "withdraw (forged POST)"}:
        article = draft_by(newsroom, status=S.PUBLISHED, publish_at=timezone.now())
        article.first_published_at = article.publish_at
        article.save()
        return post(user, article, status=S.UNPUBLISHED), article
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX)
def test_permission_matrix(newsroom, role, action, allowed):
    """Each role may do exactly what its row says; refused requests change nothing."""
    response, article = perform(newsroom, role, action)
    stored = Article.objects.get(pk=article.pk)
    if allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert stored.version == article.version + 1
    else:
        assert response.status_code == 403
        assert (stored.status, stored.headline, stored.version) == (
            article.status, article.headline, article.version,
        )  # fmt: skip
    assert Article.objects.count() == 1  # the one the action was about, no copy


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("reporter", "/admin/articles/section/add/", 403),
        ("editor", "/admin/articles/section/add/", 403),
        ("chief", "/admin/articles/section/add/", 200),
        ("editor", "/admin/auth/user/", 403),
        ("chief", "/admin/auth/user/", 200),
        ("reporter", "/admin/articles/article/add/", 200),
    ],
)
def test_people_and_sections_are_for_the_chief(newsroom, role, url, status):
    """Managing people and sections needs the Hoofdredactie role."""
    assert client_for(newsroom[role]).get(url).status_code == status


def test_reporter_cannot_choose_public_states(newsroom):
    """The status menu a reporter sees holds only concept and ter beoordeling."""
    page = client_for(newsroom["reporter"]).get("/admin/articles/article/add/")
    choices = [
        value for value, _ in page.context["adminform"].form.fields["status"].choices
    ]
    assert choices == [S.DRAFT, S.REVIEW]


def test_roles_carry_the_documented_permissions(newsroom):
    """Corrections and publishing belong to editors; the chief has everything."""
    reporter, editor, chief = (newsroom[r] for r in ("reporter", "editor", "chief"))
    assert not reporter.has_perm("articles.publish_article")
    assert not reporter.has_perm("articles.add_articlenote")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("articles.add_articlenote")
    assert editor.has_perm("articles.change_frontpage")
    assert not editor.has_perm("articles.add_section")
    assert chief.has_perm("auth.change_user") and chief.has_perm("articles.add_section")


# --- transitions and their audit trail ---------------------------------------------


def test_every_transition_is_recorded(newsroom):
    """Submit, send back, submit, publish, withdraw, back to draft: six records."""
    article = draft_by(newsroom)
    reporter, editor = newsroom["reporter"], newsroom["editor"]
    transition(article, S.REVIEW, user=reporter)
    transition(article, S.DRAFT, user=editor, reason="Tweede bron nodig")
    transition(article, S.REVIEW, user=reporter)
    transition(article, S.PUBLISHED, user=editor)
    transition(article, S.UNPUBLISHED, user=editor, reason="Juridisch advies")
    transition(article, S.DRAFT, user=editor)
    steps = list(
        Transition.objects.filter(article=article)
        .order_by("at", "pk")
        .values_list("from_status", "to_status", "actor__username", "reason")
    )
    assert steps == [
        (S.DRAFT, S.REVIEW, "verslaggever", ""),
        (S.REVIEW, S.DRAFT, "redacteur", "Tweede bron nodig"),
        (S.DRAFT, S.REVIEW, "verslaggever", ""),
        (S.REVIEW, S.PUBLISHED, "redacteur", ""),
        (S.PUBLISHED, S.UNPUBLISHED, "redacteur", "Juridisch advies"),
        (S.UNPUBLISHED, S.DRAFT, "redacteur", ""),
    ]


def test_admin_status_change_is_recorded_with_its_reason(newsroom):
    """A send-back through the admin form leaves an audit record with the reason."""
    article = draft_by(newsroom, status=S.REVIEW)
    post(
        newsroom["editor"], article, status=S.DRAFT, transition_reason="Bron ontbreekt"
    )
    record = Transition.objects.get(article=article)
    assert (record.from_status, record.to_status, record.actor) == (
        S.REVIEW, S.DRAFT, newsroom["editor"],
    )  # fmt: skip
    assert record.reason == "Bron ontbreekt"


def test_send_back_needs_a_reason(newsroom):
    """Sending back without saying why is refused with a Dutch message."""
    article = draft_by(newsroom, status=S.REVIEW)
    response = post(newsroom["editor"], article, status=S.DRAFT)
    assert response.status_code == 200
    assert "Schrijf bij het terugsturen waarom" in response.content.decode()
    with pytest.raises(ValidationError):
        transition(article, S.DRAFT, user=newsroom["editor"])


def test_impossible_transition_is_refused(newsroom):
    """A draft cannot be withdrawn; the service and the form both say so."""
    article = draft_by(newsroom)
    with pytest.raises(ValidationError):
        transition(article, S.UNPUBLISHED, user=newsroom["editor"])


def test_reporter_cannot_publish_through_the_service(newsroom):
    """The service refuses a reporter too, not only the admin."""
    article = draft_by(newsroom, status=S.REVIEW)
    with pytest.raises(PermissionDenied):
        transition(article, S.PUBLISHED, user=newsroom["reporter"])
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_publishing_lists_what_is_missing(newsroom):
    """Publishing without lede and author names both, and saves nothing."""
    article = draft_by(newsroom, status=S.REVIEW)
    response = post(
        newsroom["editor"], article, status=S.PUBLISHED, lede="", authors=[]
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Publiceren kan nog niet; dit ontbreekt: intro, auteur." in text
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_past_publish_time_is_kept_and_visible_at_once(newsroom, client):
    """An older story published with its original time shows at once, with that time."""
    article = draft_by(newsroom, status=S.REVIEW)
    original = timezone.now() - timezone.timedelta(days=900)
    response = post(
        newsroom["editor"], article, status=S.PUBLISHED,
        publish_at_0=timezone.localtime(original).strftime("%d-%m-%Y"),
        publish_at_1=timezone.localtime(original).strftime("%H:%M:%S"),
    )  # fmt: skip
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert abs((stored.publish_at - original).total_seconds()) < 1
    assert stored.first_published_at == stored.publish_at
    assert client.get(stored.get_absolute_url()).status_code == 200


def test_scheduled_article_goes_live_by_itself(newsroom, client, time_machine):
    """Scheduled through the service, invisible before, visible after: no command."""
    article = draft_by(newsroom, status=S.REVIEW)
    when = timezone.now() + timezone.timedelta(hours=3)
    transition(article, S.PUBLISHED, user=newsroom["editor"], publish_at=when)
    url = Article.objects.get(pk=article.pk).get_absolute_url()
    for page in (url, "/", "/sectie/buitenland/", "/auteur/vera-slag/"):
        assert "Een concept" not in client.get(page).content.decode()
    time_machine.move_to(when + timezone.timedelta(seconds=1))
    assert client.get(url).status_code == 200
    for page in ("/", "/sectie/buitenland/", "/auteur/vera-slag/"):
        assert "Een concept" in client.get(page).content.decode()


# --- no lost edits ------------------------------------------------------------------


def test_second_editor_is_refused_and_keeps_their_text(newsroom):
    """Two editors open version N; the second save is refused, nothing overwritten."""
    article = draft_by(newsroom, status=S.REVIEW)
    first = client_for(newsroom["editor"])
    second = client_for(newsroom["chief"])
    opened = form(article)  # both opened the same version
    assert (
        first.post(
            f"/admin/articles/article/{article.pk}/change/",
            opened | {"headline": "Kop van één"},
        ).status_code
        == 302
    )
    response = second.post(
        f"/admin/articles/article/{article.pk}/change/",
        opened | {"headline": "Kop van twee", "lede": "Mijn nieuwe intro."},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Niet opgeslagen: redacteur heeft dit artikel opgeslagen" in text
    assert "Er is niets overschreven" in text
    assert "kop" in text.lower()
    assert "Mijn nieuwe intro." in text and "Kop van twee" in text
    assert Article.objects.get(pk=article.pk).headline == "Kop van één"
    # Having seen the other changes, saving again is a deliberate choice.
    new_base = response.context["adminform"].form["base_version"].value()
    assert str(new_base) == str(article.version + 1)
    again = second.post(
        f"/admin/articles/article/{article.pk}/change/",
        opened | {"headline": "Kop van twee", "base_version": new_base},
    )
    assert again.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Kop van twee"


def test_same_person_in_two_tabs_is_protected_too(newsroom):
    """A stale second tab of the same editor is refused like anyone else."""
    article = draft_by(newsroom)
    tab = client_for(newsroom["editor"])
    opened = form(article)
    url = f"/admin/articles/article/{article.pk}/change/"
    assert tab.post(url, opened | {"lede": "Eerste tab."}).status_code == 302
    assert tab.post(url, opened | {"lede": "Tweede tab."}).status_code == 200
    assert Article.objects.get(pk=article.pk).lede == "Eerste tab."


def test_autosave_keeps_a_private_copy_and_offers_it_back(newsroom):
    """Autosave writes a per-user copy, never the article; the form offers it back."""
    article = draft_by(newsroom)
    reporter = client_for(newsroom["reporter"])
    response = reporter.post(
        "/admin/articles/article/autosave/",
        {"article": article.pk, "headline": "Half af", "lede": "Onopgeslagen intro"},
    )
    assert response.json()["ok"] is True
    assert Article.objects.get(pk=article.pk).headline == "Een concept"
    copy = AutosaveCopy.objects.get(user=newsroom["reporter"], article=article)
    assert copy.data["headline"] == "Half af"
    page = reporter.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()
    assert "Je hebt niet-opgeslagen werk van" in page
    recovered = reporter.get(f"/admin/articles/article/{article.pk}/change/?herstel=1")
    form_fields = recovered.context["adminform"].form
    assert form_fields["headline"].value() == "Half af"
    assert form_fields["lede"].value() == "Onopgeslagen intro"
    # Another person sees nothing of it.
    editor_page = client_for(newsroom["editor"]).get(
        f"/admin/articles/article/{article.pk}/change/"
    )
    assert "niet-opgeslagen werk" not in editor_page.content.decode()


def test_saving_clears_the_recovery_copy(newsroom):
    """Once the editor saves, the autosaved copy is gone."""
    article = draft_by(newsroom)
    reporter = client_for(newsroom["reporter"])
    reporter.post(
        "/admin/articles/article/autosave/", {"article": article.pk, "headline": "X"}
    )
    assert post(newsroom["reporter"], article, headline="Definitief").status_code == 302
    assert not AutosaveCopy.objects.filter(article=article).exists()


def test_autosave_refuses_strangers_and_gets(newsroom):
    """Autosave is POST-only and only for people who may edit the article."""
    article = draft_by(newsroom, who="other_reporter")
    reporter = client_for(newsroom["reporter"])
    assert reporter.get("/admin/articles/article/autosave/").status_code == 405
    response = reporter.post(
        "/admin/articles/article/autosave/", {"article": article.pk}
    )
    assert response.status_code == 403


def test_presence_tells_who_else_has_the_article_open(newsroom):
    """Two editors on one article each learn about the other; nobody is blocked."""
    article = draft_by(newsroom)
    url = f"/admin/articles/article/{article.pk}/aanwezig/"
    editor, chief = client_for(newsroom["editor"]), client_for(newsroom["chief"])
    assert editor.post(url).json()["others"] == []
    assert chief.post(url).json()["others"] == ["redacteur"]
    assert editor.post(url).json()["others"] == ["chef"]


# --- slugs ----------------------------------------------------------------------------


def test_changed_slug_redirects_permanently(newsroom, client):
    """The old URL of a published article answers 301 to the new one."""
    article = draft_by(newsroom, status=S.PUBLISHED, publish_at=timezone.now())
    old = article.get_absolute_url()
    assert post(newsroom["editor"], article, slug="nieuwe-naam").status_code == 302
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/artikel/nieuwe-naam/"
    assert SlugRedirect.objects.filter(old_slug=article.slug).exists()


def test_old_slug_of_a_hidden_article_leaks_nothing(newsroom, client):
    """A renamed draft's old URL is a plain 404, not a pointer to the new slug."""
    article = draft_by(newsroom)
    old = article.get_absolute_url()
    post(newsroom["reporter"], article, slug="geheime-nieuwe-naam")
    response = client.get(old)
    assert response.status_code == 404
    assert "geheime-nieuwe-naam" not in response.content.decode()


def test_a_correction_added_meanwhile_keeps_its_update_time(newsroom):
    """A form opened before a correction was added cannot set "bijgewerkt" back."""
    from articles.services.notes import add_note

    article = draft_by(newsroom, status=S.PUBLISHED, publish_at=timezone.now())
    opened = form(article)
    note = add_note(
        article, kind="correction", text="Het was 26 augustus.", user=newsroom["editor"]
    )
    assert (
        post(
            newsroom["editor"],
            article,
            **{k: v for k, v in opened.items() if k != "base_version"},
        ).status_code
        == 302
    )
    assert Article.objects.get(pk=article.pk).updated_at == note.at


def test_bulk_actions_go_through_the_same_rules(newsroom):
    """ "Nu publiceren" publishes what may be published and says why the rest may not."""
    ready = draft_by(newsroom, headline="Klaar", status=S.REVIEW)
    incomplete = draft_by(newsroom, headline="Onaf", status=S.REVIEW)
    Article.objects.filter(pk=incomplete.pk).update(lede="")
    response = client_for(newsroom["editor"]).post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [ready.pk, incomplete.pk]},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert Article.objects.get(pk=ready.pk).status == S.PUBLISHED
    assert Article.objects.get(pk=incomplete.pk).status == S.REVIEW
    assert any("1 artikel(en) gepubliceerd" in t for t in texts)
    assert any("Onaf" in t and "intro" in t for t in texts)
    assert Transition.objects.filter(article=ready, to_status=S.PUBLISHED).count() == 1


def test_reporters_do_not_get_the_publish_actions(newsroom):
    """The bulk actions are offered to editors, not to reporters (who would be refused)."""
    page = client_for(newsroom["reporter"]).get("/admin/articles/article/")
    action_form = page.context["action_form"]
    actions = (
        [v for v, _ in action_form.fields["action"].choices] if action_form else []
    )
    assert "publish_now" not in actions and "withdraw" not in actions
    editor_page = client_for(newsroom["editor"]).get("/admin/articles/article/")
    offered = [
        v for v, _ in editor_page.context["action_form"].fields["action"].choices
    ]
    assert "publish_now" in offered and "withdraw" in offered
