"""make demo's worker (``manage.py demo_worker``), run as make demo runs it: a process
of its own on the database the site uses. It runs the queue's tasks and enqueues the
re-check of embedded posts at start and every ``--refresh-every`` seconds, and it
stops on the SIGTERM the Makefile's trap sends.

PostgreSQL only: the suite's SQLite database lives in this process's memory, where
another process cannot see it.
"""

import signal
import subprocess
import sys
import time

import pytest
from django_tasks_db.models import DBTaskResult

from tests.helpers.parts import ROOT
from tests.helpers.servers import production_env
from tests.integration.test_two_servers import _database_url

pytestmark = pytest.mark.postgres

REFRESH = "embeds.enrichment.tasks.refresh_posts"


def test_the_demo_worker_runs_the_periodic_check_again_and_again_then_stops(
    transactional_db, tmp_path
):
    env = production_env(tmp_path, _database_url(), TASKS_BACKEND="database")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "demo_worker", "--refresh-every", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        # A worker is another process: its results arrive when they arrive (at
        # most a minute here), so the test asks every quarter second.
        for _ in range(240):
            done = DBTaskResult.objects.filter(task_path=REFRESH, status="SUCCESSFUL")
            if done.count() >= 2:
                break
            time.sleep(0.25)
        runs = list(done.order_by("enqueued_at"))
        assert len(runs) >= 2, "the worker did not run the check twice"
        assert all(run.worker_ids[0].startswith("demo-") for run in runs)
        assert runs[1].enqueued_at > runs[0].finished_at  # enqueued again, later
    finally:
        worker.send_signal(signal.SIGTERM)
        _, errors = worker.communicate(timeout=30)
    assert worker.returncode == 0, errors.decode()[-2000:]  # a clean stop
