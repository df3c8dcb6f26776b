"""The admin: counts for a Redacteur (no addresses), the list and its CSV export
for the Hoofdredactie, a Dutch 403 for a Verslaggever."""

import pytest

from articles.models import Topic
from subscriptions import services

pytestmark = pytest.mark.django_db
COUNTS = "/admin/subscriptions/sendlog/volgers/"


@pytest.fixture
def follower(db):
    topic = Topic.objects.create(name="Klimaat", slug="klimaat")
    return services.confirm(
        services.request_following("l@voorbeeld.nl", "topic", topic)
    )


def test_an_editor_sees_counts_but_no_addresses(editor_client, follower):
    page = editor_client.get(COUNTS).content.decode()
    assert "Klimaat" in page and "<td>1</td>" in page
    assert "l@voorbeeld.nl" not in page
    assert editor_client.get("/admin/subscriptions/subscriber/").status_code == 403


def test_a_reporter_gets_the_dutch_403(reporter_client, follower):
    for url in (COUNTS, "/admin/subscriptions/sendlog/"):
        response = reporter_client.get(url)
        assert response.status_code == 403
        assert "Er is niets gewijzigd." in response.content.decode()


def test_the_chief_exports_the_list(chief_client, follower):
    response = chief_client.post(
        "/admin/subscriptions/subscriber/",
        {"action": "export_csv", "_selected_action": [follower.pk], "index": 0},
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "l@voorbeeld.nl" in body and "Klimaat (meteen)" in body
