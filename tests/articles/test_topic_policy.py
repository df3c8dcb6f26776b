"""Topics and aliases under the policy (issue #14): a Verslaggever proposes, a
Redacteur approves (or publishes); a proposal is private; an alias never takes a
topic's or another alias's address; approved topics are the editors'."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article, Topic, TopicAlias
from articles.policy import may
from articles.services.topics import approve_topics, save_alias, save_topic
from articles.services.workflow import transition
from tests.helpers.forms import article_form, change_form

ADD = "/admin/articles/topic/add/"


def topic_form(name, slug, *aliases, description="", initial=0, **extra) -> dict:
    """The topic admin's form: name, slug, description and alias rows."""
    data = {
        "name": name,
        "slug": slug,
        "description": description,
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": str(initial),
    }
    for n, alias in enumerate(aliases):
        data[f"aliases-{n}-name"] = alias
    return data | extra


def change_url(topic) -> str:
    return f"/admin/articles/topic/{topic.pk}/change/"


@pytest.fixture
def iskp(db, make_article):
    """An approved topic with an alias and a published article about it."""
    topic = Topic.objects.create(
        name="ISKP", slug="iskp", description="De Afghaanse tak van IS."
    )
    TopicAlias.objects.create(topic=topic, name="IS-K", slug="is-k")
    make_article(headline="ISKP eist aanslag op", topics=[topic])
    return topic


@pytest.fixture
def proposal(reporter_client, reporter):
    """A topic a Verslaggever proposed in the admin, with one alias."""
    response = reporter_client.post(
        ADD,
        topic_form(
            "Lobbyregister",
            "lobbyregister",
            "Transparantieregister",
            description="Geheim: wie lobbyt bij wie.",
        ),  # fmt: skip
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Topic.objects.get(slug="lobbyregister")


# --- proposing and approving ------------------------------------------------------


def test_a_reporters_new_topic_and_alias_are_a_private_proposal(
    proposal, reporter, client, make_article
):
    """Proposed, not approved; even with a published article its page stays 404
    until someone approves it (publishing through the workflow approves)."""
    alias = proposal.aliases.get()
    assert (proposal.approved, proposal.proposed_by) == (False, reporter)
    assert (alias.approved, alias.proposed_by) == (False, reporter)
    # Attached to a published article behind the workflow's back: still private.
    article = make_article(headline="Een stuk over lobbyen")
    article.topics.add(proposal)
    for url in ("/onderwerp/lobbyregister/", "/onderwerp/lobbyregister/feed/",
                "/onderwerp/transparantieregister/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert "Lobbyregister" not in client.get("/sitemap-onderwerpen.xml").text
    assert Topic.objects.resolve("lobbyregister").topic is None


def test_a_reporter_proposes_through_the_article_forms_popup(reporter_client):
    """The "+" next to an article's topics opens this add form as a popup: the
    same proposal."""
    response = reporter_client.post(
        ADD + "?_to_field=id&_popup=1",
        topic_form("Stikstof", "stikstof", _popup="1", _to_field="id"),
    )
    assert response.status_code == 200  # the popup's closing page
    assert Topic.objects.get(slug="stikstof").approved is False


def test_an_editors_new_topic_and_aliases_are_approved(editor_client, editor):
    response = editor_client.post(ADD, topic_form("Hamas", "hamas", "Ḥamās"))
    assert response.status_code == 302
    topic = Topic.objects.get(slug="hamas")
    assert topic.approved and topic.aliases.get().approved
    assert topic.proposed_by == editor


def test_an_editor_approves_with_the_action_then_the_page_is_public(
    proposal, editor_client, client, make_article
):
    """ "Goedkeuren" approves the topic and its aliases; the page exists once a
    published article uses it, and the alias redirects to it."""
    article = make_article(headline="Een stuk over lobbyen")
    article.topics.add(proposal)
    assert client.get("/onderwerp/lobbyregister/").status_code == 404
    response = editor_client.post(
        "/admin/articles/topic/",
        {"action": "approve", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.approved and proposal.aliases.get().approved
    page = client.get("/onderwerp/lobbyregister/")
    assert page.status_code == 200 and "Geheim: wie lobbyt bij wie." in page.text
    moved = client.get("/onderwerp/transparantieregister/")
    assert (moved.status_code, moved["Location"]) == (301, "/onderwerp/lobbyregister/")


def test_approved_without_a_published_article_is_still_404(proposal, client, editor):
    approve_topics([proposal], user=editor)
    assert client.get("/onderwerp/lobbyregister/").status_code == 404


def test_the_approve_action_is_the_editors(proposal, reporter_client, reporter):
    """A reporter neither sees the action nor gets through it by a forged POST or
    the service."""
    listing = reporter_client.get("/admin/articles/topic/")
    assert "Goedkeuren" not in listing.text
    reporter_client.post(
        "/admin/articles/topic/",
        {"action": "approve", "_selected_action": [proposal.pk]},
    )
    with pytest.raises(PermissionDenied):
        approve_topics([proposal], user=reporter)
    proposal.refresh_from_db()
    assert proposal.approved is False


def test_editors_filter_what_waits_for_approval(proposal, iskp, editor_client):
    """The filter "voorgesteld" lists proposals (and topics with a proposed alias)."""
    response = editor_client.get("/admin/articles/topic/?goedkeuring=voorgesteld")
    assert list(response.context["cl"].result_list) == [proposal]
    TopicAlias.objects.create(topic=iskp, name="ISK", slug="isk", approved=False)
    response = editor_client.get("/admin/articles/topic/?goedkeuring=voorgesteld")
    assert set(response.context["cl"].result_list) == {proposal, iskp}


@pytest.mark.parametrize("path", ["admin", "action", "restore", "create"])
def test_publishing_approves_the_articles_topics_and_aliases(
    path, proposal, editor, editor_client, reporter, filing, make_article, client
):
    """Every way of publishing (the admin form, the bulk action, the workflow
    service, creating published) approves the article's topics and aliases."""
    if path == "create":
        make_article(headline="Lobby", topics=[proposal])
    elif path == "admin":
        response = editor_client.post(
            "/admin/articles/article/add/",
            article_form(filing, headline="Lobby", topics=[proposal.pk]),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    else:
        draft = make_article(headline="Lobby", status=Article.Status.DRAFT)
        draft.topics.add(proposal)
        if path == "action":
            editor_client.post(
                "/admin/articles/article/",
                {"action": "publish_now", "_selected_action": [draft.pk]},
            )
        else:
            transition(draft, Article.Status.PUBLISHED, user=editor)
    proposal.refresh_from_db()
    assert proposal.approved and proposal.aliases.get().approved
    assert client.get("/onderwerp/transparantieregister/").status_code == 301
    assert client.get("/onderwerp/lobbyregister/").status_code == 200


def test_a_reporter_saving_a_draft_approves_nothing(
    proposal, reporter_client, reporter, make_article
):
    draft = make_article(headline="Lobby", status=Article.Status.DRAFT)
    draft.created_by = reporter
    draft.save()
    data = change_form(draft, topics=[proposal.pk], status="draft")
    response = reporter_client.post(f"/admin/articles/article/{draft.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(draft.topics.all()) == [proposal]
    proposal.refresh_from_db()
    assert proposal.approved is False


# --- who changes what --------------------------------------------------------------


def test_a_reporter_reads_an_approved_topic_with_a_dutch_notice(iskp, reporter_client):
    response = reporter_client.get(change_url(iskp))
    assert response.status_code == 200
    assert "Je kunt dit onderwerp alleen lezen" in response.text
    assert 'name="name"' not in response.text  # no field to type in


@pytest.mark.parametrize(
    "data",
    [
        {"name": "ISKP (gekaapt)", "slug": "iskp", "description": "Overgenomen."},
        {"name": "ISKP", "slug": "iskp", "description": "", "aliases-0-DELETE": "on"},
    ],
)
def test_a_reporters_post_to_an_approved_topic_is_refused(iskp, reporter_client, data):
    """A forged change or alias deletion: 403 with the Dutch reason, nothing
    changed."""
    alias = iskp.aliases.get()
    form = topic_form("ISKP", "iskp", initial=1) | {
        "aliases-TOTAL_FORMS": "1",
        "aliases-0-id": alias.pk,
        "aliases-0-topic": iskp.pk,
        "aliases-0-name": alias.name,
    }
    response = reporter_client.post(change_url(iskp), form | data)
    assert response.status_code == 403  # templates/403.html shows the reason
    iskp.refresh_from_db()
    assert (iskp.name, iskp.description) == ("ISKP", "De Afghaanse tak van IS.")
    assert iskp.aliases.get() == alias


def test_a_reporter_cannot_delete_a_topic(iskp, proposal, reporter_client):
    for topic in (iskp, proposal):
        response = reporter_client.post(
            f"/admin/articles/topic/{topic.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
    assert Topic.objects.filter(pk__in=[iskp.pk, proposal.pk]).count() == 2


def test_a_reporter_changes_their_own_proposal_until_it_is_approved(
    proposal, reporter_client, editor
):
    alias = proposal.aliases.get()
    form = topic_form("Lobbyregister", "lobbyregister", "Lobbyistenregister",
                      initial=1) | {"aliases-0-id": alias.pk}  # fmt: skip
    response = reporter_client.post(change_url(proposal), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert proposal.aliases.get().name == "Lobbyistenregister"
    approve_topics([proposal], user=editor)
    response = reporter_client.post(change_url(proposal), form | {"name": "Anders"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.name == "Lobbyregister"


def test_a_colleagues_proposal_is_read_only(proposal, make_user):
    """Refused with the Dutch reason the 403 page shows."""
    colleague = make_user("collega", "reporter")
    assert not may(colleague, "articles.change_topic", proposal)
    with pytest.raises(PermissionDenied, match="Je kunt dit onderwerp alleen lezen"):
        save_topic(proposal, user=colleague)
    alias = proposal.aliases.get()
    with pytest.raises(PermissionDenied, match="Je kunt deze alias niet wijzigen"):
        save_alias(alias, user=colleague)


def test_an_editor_changes_any_topic_and_it_stays_as_approved_as_it_was(
    proposal, editor_client
):
    form = topic_form("Lobbyregister", "lobbyregister", description="Nieuw.")
    response = editor_client.post(change_url(proposal), form)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.description, proposal.approved) == ("Nieuw.", False)


# --- addresses: an alias never takes a topic's or another alias's slug --------------


def test_the_hijack_alias_iskp_bang_is_refused(iskp, editor_client, make_article):
    """Issue #14: "ISKP!" on another topic would get the slug iskp and take over
    /onderwerp/ISKP/. Refused in the form with a Dutch message, what was typed
    kept."""
    other = Topic.objects.create(name="Taliban", slug="taliban")
    response = editor_client.post(
        change_url(other), topic_form("Taliban", "taliban", "ISKP!")
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "is al het adres van het onderwerp ISKP" in text
    assert 'value="ISKP!"' in text
    assert not TopicAlias.objects.filter(slug="iskp").exists()
    moved = editor_client.get("/onderwerp/ISKP/")
    assert moved["Location"] == "/onderwerp/iskp/"


def test_an_alias_taking_another_alias_address_is_refused(iskp, editor_client):
    other = Topic.objects.create(name="Taliban", slug="taliban")
    response = editor_client.post(
        change_url(other), topic_form("Taliban", "taliban", "Is K!")
    )
    assert response.status_code == 200
    assert "IS-K" in response.content.decode()
    assert not other.aliases.exists()


def test_a_topic_taking_an_alias_address_is_refused(iskp, editor_client):
    response = editor_client.post(ADD, topic_form("IS-K", "is-k"))
    assert response.status_code == 200
    assert "is al een alias van het onderwerp ISKP" in response.content.decode()
    assert not Topic.objects.filter(slug="is-k").exists()


def test_a_topic_named_as_another_topics_alias_is_refused(iskp, reporter_client):
    """A new topic "is-k" (under another slug) would answer /onderwerp/IS-K/ in
    place of ISKP."""
    response = reporter_client.post(ADD, topic_form("is-k", "isk-2"))
    assert response.status_code == 200
    assert "is al een alias van het onderwerp ISKP" in response.content.decode()
    assert Topic.objects.resolve("IS-K").topic == iskp


def test_two_aliases_with_one_address_in_one_form_are_refused(editor_client, db):
    """ "IS-K" and "IS K" would both be is-k: a message, not a database error."""
    response = editor_client.post(ADD, topic_form("ISKP", "iskp", "IS-K", "IS K"))
    assert response.status_code == 200
    assert "hetzelfde webadres" in response.content.decode()
    assert not Topic.objects.exists()


def test_the_model_and_services_refuse_the_same(iskp, editor):
    """Without the admin: full_clean and the services refuse both ways, and taggit
    making a topic from a name skips an alias's slug."""
    other = Topic.objects.create(name="Taliban", slug="taliban")
    with pytest.raises(ValidationError, match="ISKP"):
        save_alias(TopicAlias(topic=other, name="ISKP!", slug="iskp"), user=editor)
    with pytest.raises(ValidationError, match="IS-K"):
        save_alias(TopicAlias(topic=other, name="is k", slug="is-k"), user=editor)
    with pytest.raises(ValidationError, match="alias"):
        save_topic(Topic(name="IS K", slug="IS-K"), user=editor)
    made = Topic.objects.create(name="IS-K")  # as article.topics.add("IS-K") does
    assert made.slug == "is-k_1"


def test_the_reporter_is_told_the_proposal_waits_for_an_editor(reporter_client):
    response = reporter_client.post(
        ADD, topic_form("Vliegveld Kabul", "vliegveld-kabul", ""), follow=True
    )
    assert "lezers zien het pas wanneer een redacteur" in response.content.decode()
