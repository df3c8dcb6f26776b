"""How long an editor waits on slow work: `python -m bench.slow_work`.

Two requests through the admin (Django's test client, one process, SQLite in a temp
folder), timed from the POST to its answer:
(a) uploading a 24-megapixel JPEG photo (6000 x 4000) in the image form;
(b) saving a new article with 20 pasted post URLs while the provider's oEmbed
    endpoint, a loopback socket, accepts connections and never answers.
With the task queue both answer without that work (a worker does it later, and is not
timed here); before it, (a) waited for every rendition and (b) for 20 timeouts. Run it
on the branch and on a checkout from before (same venv) to compare; docs quote a run.
"""

import io
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

FOLDER = Path(tempfile.mkdtemp(prefix="redactie-slow-work-"))
os.environ.update(
    DEBUG="off",
    HTTPS="off",
    SECRET_KEY="bench-only-" + "x" * 50,
    DATABASE_URL=f"sqlite:///{FOLDER / 'db.sqlite3'}",
    MEDIA_ROOT=str(FOLDER / "media"),
    STATIC_ROOT=str(FOLDER / "static"),
    PAGE_CACHE="off",
)
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

POSTS = 20
INLINES = {
    f"{prefix}-{name}": value
    for prefix in ("comments", "notes")
    for name, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


def photo() -> bytes:
    """A 24-megapixel JPEG with detail everywhere (noise), as a camera makes."""
    grey = Image.effect_noise((6000, 4000), 40)
    picture = Image.merge("RGB", (grey, grey.rotate(180), grey.transpose(0)))
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=90)
    return output.getvalue()


def silent_provider() -> str:
    """A loopback endpoint that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held = []

    def accept():
        while True:
            connection, _ = server.accept()
            held.append(connection)  # kept open, never answered

    threading.Thread(target=accept, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}/oembed"


def timed(client: Client, url: str, data: dict) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.post(url, data)
    return time.perf_counter() - start, response.status_code


def main() -> None:
    from articles.models import Author, Section
    from embeds.providers import PROVIDERS

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMBEDS_FETCH = True
    settings.EMBEDS_ALLOW_LOOPBACK = True
    PROVIDERS["x"]["oembed"] = silent_provider()
    user = get_user_model().objects.create_superuser("bench", password="x" * 20)
    client = Client()
    client.force_login(user)
    section = Section.objects.create(name="Buitenland", slug="buitenland")
    author = Author.objects.create(name="Eva Mulder", slug="eva-mulder")

    data = photo()
    upload = io.BytesIO(data)
    upload.name = "foto.jpg"
    upload_s, upload_status = timed(
        client,
        "/admin/articles/image/add/",
        {"file": upload, "alt": "Een foto", "caption": "", "credit": "",
         "focal_x": "0.5", "focal_y": "0.5"},
    )  # fmt: skip

    urls = [
        f"https://x.com/iemand/status/{1_700_000_000_000_000_000 + n}"
        for n in range(POSTS)
    ]
    links = "".join(f'<p><a href="{url}">{url}</a></p>' for url in urls)
    now = timezone.localtime()
    save_s, save_status = timed(
        client,
        "/admin/articles/article/add/",
        {"headline": "Twintig berichten", "kind": "news", "lede": "Intro.",
         "body": f"<p>Tekst.</p>{links}", "add_post": "", "section": section.pk,
         "authors": [author.pk], "status": "draft",
         "publish_at_0": now.strftime("%d-%m-%Y"),
         "publish_at_1": now.strftime("%H:%M:%S"),
         "publish_precision": "minute", "language": "nl", **INLINES},
    )  # fmt: skip

    from embeds.models import Embed

    assert Embed.objects.count() == POSTS, "the posts were not recognised"
    print(f"(a) upload of a 24-megapixel photo ({len(data) / 1e6:.1f} MB): "
          f"{upload_s:.2f} s (HTTP {upload_status})")  # fmt: skip
    print(f"(b) save with {POSTS} pasted posts, provider silent: "
          f"{save_s:.2f} s (HTTP {save_status})")  # fmt: skip


if __name__ == "__main__":
    main()
