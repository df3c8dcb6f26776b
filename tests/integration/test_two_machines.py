"""Two machines, simulated: two app servers and a task worker, each its own process,
sharing one PostgreSQL, one Redis, one object store (moto's S3 server on loopback) and
the database task queue, as docs/scaling.md describes.

An image uploaded through server one is made into renditions by the worker (not by
either server) and served by server two from the bucket; an article published through
server one is on every process of server two's cached front page within the content
version's bound (docs/caching.md).
"""

import re
import subprocess
import sys
import time
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Image
from tests.helpers.parts import ROOT
from tests.helpers.s3 import KEYS, use_s3
from tests.helpers.samples.images import photo
from tests.helpers.servers import AdminSession, Gunicorn, manage, production_env
from tests.integration.test_two_servers import _database_url, _from_bound_on

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.s3]

REDIS_DB = "redis://127.0.0.1:6379/13"
WORKER = "werker-op-machine-drie"


@pytest.fixture
def machines(transactional_db, tmp_path, s3_store, settings, monkeypatch):
    # This process, which writes the article and looks at the rows, is configured
    # like the machines: the same bucket as the media store.
    use_s3(s3_store, settings, monkeypatch)
    subprocess.run(["redis-cli", "-u", REDIS_DB, "flushdb"], check=True)
    s3_store.make_public()
    env = production_env(
        tmp_path,
        _database_url(),
        REDIS_URL=REDIS_DB,
        PAGE_CACHE="on",
        MEDIA_STORAGE="s3",
        S3_BUCKET=s3_store.bucket,
        S3_ENDPOINT_URL=s3_store.endpoint,
        S3_REGION="us-east-1",
        TASKS_BACKEND="database",
        **KEYS,
    )
    manage(env, "collectstatic", "--noinput")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay",
         "--interval", "0.2", "--no-reload", "--worker-id", WORKER],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "worker.log", "w"),  # noqa: SIM115 (closed with the process)
    )  # fmt: skip
    started = []
    try:
        started.append(Gunicorn(env, workers=2, log=tmp_path / "one.log"))
        started.append(Gunicorn(env, workers=2, log=tmp_path / "two.log"))
        yield started[0], started[1], tmp_path
    finally:
        for server in started:
            server.stop()
        worker.terminate()
        worker.wait(timeout=30)


def _until(condition, *, attempts: int = 240):
    """Ask ``condition`` every quarter second until it is true (at most a minute):
    the worker is another process, so its result arrives when it arrives."""
    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError("the worker never finished the task")


def test_an_upload_on_one_server_is_served_by_the_other_with_the_workers_renditions(
    machines, make_article, editor, s3_store
):
    one, two, workdir = machines
    editor.password = PBKDF2PasswordHasher().encode("Geheim-wachtwoord-1", "zout1234")
    editor.save()
    session = AdminSession(one, editor.username, "Geheim-wachtwoord-1")

    form = session.get("/admin/articles/image/add/")
    session.post(
        "/admin/articles/image/add/",
        {"alt": "Wachtenden bij de Abbey Gate", "caption": "De poort op 26 augustus.",
         "credit": "Redactie", "focal_x": "0.5", "focal_y": "0.4"},
        form,
        files={"file": ("poort.jpg", photo(2400, 1600))},
    )  # fmt: skip
    image = Image.objects.get()
    assert image.file.name in s3_store.keys()  # noqa: SIM118 (a list of keys)
    assert not (workdir / "media").exists()  # nothing on either server's disk

    def renditions_made():
        image.refresh_from_db()
        return any(r["format"] == "avif" for r in image.renditions)

    _until(renditions_made)
    (task,) = DBTaskResult.objects.filter(task_path__endswith="make_image_renditions")
    assert task.status == "SUCCESSFUL" and task.worker_ids == [WORKER]
    assert {r["name"] for r in image.renditions} <= set(s3_store.keys())

    draft = make_article(
        headline="Wachten bij de poort", hero=image, status=Article.Status.DRAFT
    )
    status, front = two.get("/")
    assert status == 200 and "Wachten bij de poort" not in front
    assert two.get("/")[1] == front and two.last_headers["X-Cache"] == "hit"
    changelist = session.get("/admin/articles/article/")
    before_commit = timezone.now()
    session.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [str(draft.pk)]},
        changelist,
    )
    # Every process of server two serves it within the content version's bound.
    fronts = _from_bound_on(before_commit, (two,), "/")
    assert all("Wachten bij de poort" in front for front in fronts)

    status, page = two.get(draft.get_absolute_url())
    assert status == 200
    sources = re.findall(r'srcset="([^"]+)"', page)
    urls = {entry.split()[0] for srcset in sources for entry in srcset.split(", ")}
    bucket = f"{s3_store.endpoint}/{s3_store.bucket}/"
    assert any(url.endswith(".avif") for url in urls)
    assert urls and all(url.startswith(bucket) for url in urls)
    avif = next(url for url in sorted(urls) if url.endswith(".avif"))
    with urllib.request.urlopen(avif, timeout=10) as answer:  # noqa: S310 (loopback)
        served = answer.read()
    stored = s3_store.client.get_object(
        Bucket=s3_store.bucket, Key=avif.removeprefix(bucket)
    )["Body"].read()
    assert served == stored and served[4:12] == b"ftypavif"
