"""A failing task is tried again later and later; when it gives up, the
Hoofdredactie sees it in the admin, in Dutch, and can try it again. Nobody else
sees that page."""

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.failures import gave_up
from background.retry import DELAYS
from embeds.models import Embed
from embeds.post import Post
from embeds.services import archive_post
from tests.helpers.samples.embeds import X_URL

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "/admin/articles/failedtask/"


def ready_attempt() -> DBTaskResult:
    (row,) = DBTaskResult.objects.filter(
        status="READY", task_path="embeds.enrichment.tasks.enrich_post"
    )
    return row


def fail_until_given_up(queue) -> list:
    """Archive a post whose provider keeps failing and let the worker try until it
    gives up, moving each retry's time to now (time passing, without waiting).
    Returns the delays the retries were scheduled with."""
    with transaction.atomic():
        archive_post(Post(provider="x", url=X_URL), fetch=True)
    delays = []
    queue()
    for _delay in DELAYS:
        row = ready_attempt()
        finished = DBTaskResult.objects.filter(status="FAILED").latest("finished_at")
        delays.append(row.run_after - finished.finished_at)
        DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
        queue()
    return delays


def test_a_failing_task_is_retried_later_each_time_then_gives_up(queue, provider):
    """Five attempts; each retry waits longer than the last (30 s, 2, 10, 60 min)."""
    provider.state["answer"] = 503
    delays = fail_until_given_up(queue)
    assert len(provider.log) == len(DELAYS) + 1
    assert delays == sorted(delays) and len(set(delays)) == len(DELAYS)
    for scheduled, wanted in zip(delays, DELAYS, strict=True):
        assert abs((scheduled - wanted).total_seconds()) < 1, (scheduled, wanted)
    (last,) = gave_up()
    assert last.args_kwargs["kwargs"]["attempt"] == len(DELAYS) + 1
    assert (
        last.exception_class_path == "embeds.enrichment.completing.EnrichmentIncomplete"
    )
    assert not DBTaskResult.objects.filter(status="READY").exists()
    # The post stays as it was pasted, with the reason on it.
    assert "503" in Embed.objects.get(url=X_URL).check_error


def test_the_chief_sees_it_in_dutch_and_tries_again(
    queue, provider, chief_client, django_assert_max_num_queries
):
    """The admin lists it (task, what about, attempts, error, when); trying again
    enqueues a first attempt, which succeeds once the provider is back."""
    provider.state["answer"] = 503
    fail_until_given_up(queue)
    embed = Embed.objects.get(url=X_URL)
    with django_assert_max_num_queries(12):  # no query per row: all on the row
        page = chief_client.get(ADMIN).content.decode()
    assert "Mislukte taken" in page or "mislukte taken" in page
    assert "Gegevens van een bericht ophalen" in page
    assert f"bericht {embed.pk}" in page
    assert "EnrichmentIncomplete: X gaf geen aanvullende gegevens" in page
    assert ">5<" in page
    dashboard = chief_client.get("/admin/").content.decode()
    assert "1 taak op de achtergrond is mislukt" in dashboard

    provider.state["answer"] = {"author_name": "Jane Reporter"}
    (row,) = gave_up()
    response = chief_client.post(
        ADMIN,
        {"action": "try_again", "_selected_action": [row.pk], "index": 0},
        follow=True,
    )
    assert "1 taak staat weer in de wachtrij." in response.content.decode()
    assert not gave_up().exists()
    fresh = ready_attempt()
    assert "attempt" not in fresh.args_kwargs["kwargs"]
    queue()
    embed.refresh_from_db()
    assert embed.author_name == "Jane Reporter"
    assert "mislukt" not in chief_client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_other_roles_get_the_dutch_403(queue, provider, role, request):
    """A Verslaggever or Redacteur is refused the list and the action, in Dutch,
    and nothing changes."""
    provider.state["answer"] = 503
    fail_until_given_up(queue)
    client = request.getfixturevalue(f"{role}_client")
    (row,) = gave_up()
    listing = client.get(ADMIN)
    assert listing.status_code == 403
    assert "Er is niets gewijzigd." in listing.content.decode()
    action = client.post(
        ADMIN, {"action": "try_again", "_selected_action": [row.pk], "index": 0}
    )
    assert action.status_code == 403
    assert list(gave_up()) == [row]
    assert "mislukt" not in client.get("/admin/").content.decode()
