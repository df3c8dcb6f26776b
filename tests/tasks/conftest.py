"""The real queue for these tests: django-tasks' database backend and its worker,
run in-process (the class behind ``manage.py db_worker --batch``).

Transactional tests: a task's row is enqueued with the writing transaction and some
work happens on commit (purges, deleting replaced files), as in production.
"""

import json

import pytest
from django_tasks_db.management.commands.db_worker import Worker

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    """The database backend for this test; ``work()`` runs a worker until nothing
    is ready (or ``max_tasks`` ran), and returns how many tasks it ran."""
    settings.TASKS = DATABASE_BACKEND

    def work(max_tasks: int | None = None) -> int:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        worker.run()
        return worker._run_tasks

    return work


PURGED: list[tuple[list[str], list[str]]] = []


def remember_purge(urls, keys):
    """A purge hook standing in for a CDN: it remembers what it was told."""
    PURGED.append((urls, keys))


@pytest.fixture
def purged(settings):
    """What the CDN was told to purge during the test."""
    settings.PAGE_CACHE_PURGE = "tests.tasks.conftest.remember_purge"
    PURGED.clear()
    yield PURGED
    PURGED.clear()


# What X's oEmbed endpoint says of tests.helpers.samples.embeds.X_URL.
X_ANSWER = {
    "author_name": "Jane Reporter",
    "author_url": "https://twitter.com/janereporter",
    "html": (
        '<blockquote class="twitter-tweet"><p lang="nl" dir="ltr">Lange rijen bij '
        "de grensovergang.</p>&mdash; Jane Reporter (@janereporter) "
        '<a href="https://twitter.com/janereporter/status/1430000000000000001">'
        "May 13, 2024</a></blockquote>"
    ),
}


@pytest.fixture
def provider(httpserver, settings, monkeypatch):
    """X's oEmbed endpoint on a loopback server, fetching on. ``provider.answer``
    is what it says next: a dict (JSON) or a status code."""
    from werkzeug import Response

    from embeds.providers import PROVIDERS

    settings.EMBEDS_FETCH = True
    settings.EMBEDS_ALLOW_LOOPBACK = True
    monkeypatch.setitem(PROVIDERS["x"], "oembed", httpserver.url_for("/x/oembed"))
    state = {"answer": X_ANSWER}

    def answer(_request):
        said = state["answer"]
        if isinstance(said, int):
            return Response("", status=said)
        return Response(json.dumps(said), content_type="application/json")

    httpserver.expect_request("/x/oembed").respond_with_handler(answer)
    httpserver.state = state
    return httpserver
