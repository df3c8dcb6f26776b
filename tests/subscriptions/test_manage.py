"""The reader's manage page (/volgen/beheer/<token>/): at once or daily per item,
one item removed, everything deleted; an unknown token is a friendly 404, and the
page's forms need their CSRF token."""

import pytest
from django.test import Client

from articles.models import Author, Topic
from subscriptions import services
from subscriptions.models import Following, PendingConfirmation, Subscriber
from tests.subscriptions.conftest import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A reader following a topic, an author and the daily update, with a
    confirmation for a second topic still pending."""
    klimaat = Topic.objects.create(name="Klimaat", slug="klimaat")
    eva = Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    for kind, target in (("topic", klimaat), ("author", eva), ("daily", None)):
        subscriber = services.confirm(
            services.request_following("lezer@voorbeeld.nl", kind, target)
        )
    energie = Topic.objects.create(name="Energie", slug="energie")
    services.request_following("lezer@voorbeeld.nl", "topic", energie)
    return subscriber


def _page(reader):
    return f"/volgen/beheer/{reader.token}/"


def _csrf_client():
    """A browser's client: CSRF enforced, the token taken from the page."""
    return Client(enforce_csrf_checks=True)


def _token(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.cookies["csrftoken"].value, response.content.decode()


def test_the_page_lists_what_is_followed_with_its_choice(client, reader):
    html = client.get(_page(reader)).content.decode()
    topic = reader.followings.get(kind="topic")
    assert "lezer@voorbeeld.nl" in html
    assert "Onderwerp: Klimaat" in html and "Auteur: Eva Mulder" in html
    assert f'name="mode-{topic.pk}" value="instant" checked' in html
    assert "elke ochtend" in html
    assert "Energie" not in html  # not confirmed: not followed
    assert client.get(_page(reader))["Cache-Control"].startswith("max-age=0")


def test_a_topic_switches_to_daily_and_back(reader):
    client = _csrf_client()
    token, _ = _token(client, _page(reader))
    topic = reader.followings.get(kind="topic")
    author = reader.followings.get(kind="author")
    daily = reader.followings.get(kind="daily")
    response = post_form(
        client,
        _page(reader),
        {
            "csrfmiddlewaretoken": token,
            "action": "save",
            f"mode-{topic.pk}": "daily",
            f"mode-{author.pk}": "instant",
            f"mode-{daily.pk}": "instant",  # the daily update has no choice
        },
    )
    assert response.status_code == 302 and response["Location"] == _page(reader)
    modes = dict(reader.followings.values_list("kind", "mode"))
    assert modes == {"topic": "daily", "author": "instant", "daily": "daily"}
    html = client.get(_page(reader)).content.decode()
    assert f'name="mode-{topic.pk}" value="daily" checked' in html
    post_form(
        client,
        _page(reader),
        {"csrfmiddlewaretoken": token, "action": "save", f"mode-{topic.pk}": "x"},
    )
    assert reader.followings.get(kind="topic").mode == "daily"  # nonsense: ignored
    post_form(
        client,
        _page(reader),
        {"csrfmiddlewaretoken": token, "action": "save", f"mode-{topic.pk}": "instant"},
    )
    assert reader.followings.get(kind="topic").mode == "instant"


def test_one_item_is_removed_and_the_rest_stays(reader):
    client = _csrf_client()
    token, _ = _token(client, _page(reader))
    author = reader.followings.get(kind="author")
    response = post_form(
        client,
        _page(reader),
        {"csrfmiddlewaretoken": token, "action": f"remove-{author.pk}"},
    )
    assert response.status_code == 302
    assert sorted(reader.followings.values_list("kind", flat=True)) == [
        "daily",
        "topic",
    ]
    assert "Eva Mulder" not in client.get(_page(reader)).content.decode()


def test_another_readers_item_or_nonsense_is_not_removed(reader):
    other = services.confirm(
        services.request_following("ander@voorbeeld.nl", "daily", None)
    )
    theirs = other.followings.get()
    client = _csrf_client()
    token, _ = _token(client, _page(reader))
    for action in (f"remove-{theirs.pk}", "remove-abc", "remove-", "iets"):
        response = post_form(
            client, _page(reader), {"csrfmiddlewaretoken": token, "action": action}
        )
        assert response.status_code == 302, action
    assert Following.objects.filter(pk=theirs.pk).exists()
    assert reader.followings.count() == 3


def test_delete_everything_leaves_no_row(reader):
    other = services.confirm(
        services.request_following("ander@voorbeeld.nl", "daily", None)
    )
    client = _csrf_client()
    token, _ = _token(client, _page(reader))
    assert PendingConfirmation.objects.filter(subscriber=reader).count() == 1
    response = post_form(
        client, _page(reader), {"csrfmiddlewaretoken": token, "action": "delete"}
    )
    assert response.status_code == 200
    assert "Je bent afgemeld" in response.content.decode()
    assert list(Subscriber.objects.all()) == [other]
    assert not Following.objects.filter(subscriber_id=reader.pk).exists()
    assert not PendingConfirmation.objects.filter(subscriber_id=reader.pk).exists()
    assert Following.objects.count() == 1
    # The old link now says it no longer works.
    response = client.get(_page(reader))
    assert response.status_code == 404
    assert "Deze link werkt niet meer" in response.content.decode()


@pytest.mark.parametrize("token", ["verkeerd", "x" * 64, "Token-met_tekens"])
def test_an_unknown_token_is_a_friendly_404(client, reader, token):
    for response in (
        client.get(f"/volgen/beheer/{token}/"),
        post_form(client, f"/volgen/beheer/{token}/", {"action": "delete"}),
    ):
        assert response.status_code == 404
        assert "Deze link werkt niet meer" in response.content.decode()
    assert Subscriber.objects.count() == 1


def test_the_manage_forms_need_their_csrf_token(reader):
    """A page elsewhere that posts to a reader's manage URL changes nothing."""
    client = _csrf_client()
    topic = reader.followings.get(kind="topic")
    for data in (
        {"action": "delete"},
        {"action": f"remove-{topic.pk}"},
        {"action": "save", f"mode-{topic.pk}": "daily"},
    ):
        assert post_form(client, _page(reader), data).status_code == 403
    _, html = _token(client, _page(reader))
    assert html.count('name="csrfmiddlewaretoken"') == 2
    assert (
        post_form(
            client, _page(reader), {"csrfmiddlewaretoken": "x" * 32, "action": "delete"}
        ).status_code
        == 403
    )
    assert reader.followings.count() == 3
    assert reader.followings.get(kind="topic").mode == "instant"
