"""Every public page is valid HTML, checked by the Nu Html Checker (vnu.jar)."""

import json
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from articles.models import Article
from demo.content import EXPLAINER_SLUG
from demo.live import LIVE_SLUG
from tests.helpers.parts import VNU_JAR
from tests.helpers.samples.seed import SEED_EXPLAINER

pytestmark = pytest.mark.java

PAGES = {
    "home": ("/", 200),
    "home-en": ("/en/", 200),
    "article": (f"/artikel/{EXPLAINER_SLUG}/", 200),
    "article-en": (f"/en/artikel/{EXPLAINER_SLUG}/", 200),
    "section": ("/sectie/buitenland/", 200),
    "topic": ("/onderwerp/iskp/", 200),
    "author": ("/auteur/eva-mulder/", 200),
    "live": (f"/artikel/{LIVE_SLUG}/", 200),
    "not-found": ("/artikel/bestaat-niet/", 404),
    "withdrawn": ("/artikel/ingetrokken-verhaal/", 410),
    "over-ons": ("/over-ons/", 200),
    "colofon": ("/colofon/", 200),
    "correctiebeleid": ("/correctiebeleid/", 200),
    "privacy": ("/privacy/", 200),
    "contact": ("/contact/", 200),
}


def test_public_pages_are_valid_html(client, db, tmp_path, make_article):
    """vnu.jar reports no error and no warning on any public page of the demo."""
    call_command("load_demo", stdout=StringIO())
    withdrawn = make_article(headline="Ingetrokken verhaal")
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.UNPUBLISHED)
    # Dates known only to the month or the day: <time datetime="2021-08">, and
    # "2021-08-26" on an article and on the card of a post pasted as text.
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED_EXPLAINER, encoding="utf-8")
    call_command("import_article", str(seed), "--publish", stdout=StringIO())
    day = make_article(headline="Alleen de dag", publish_precision="day")
    pages = {
        **PAGES,
        "month-precise": (
            Article.objects.get(publish_precision="month").get_absolute_url(),
            200,
        ),
        "day-precise": (day.get_absolute_url(), 200),
    }
    files = []
    for name, (url, status) in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    error_page = tmp_path / "server-error.html"
    error_page.write_text(render_to_string("500.html"), encoding="utf-8")
    files.append(error_page)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--also-check-css",
         *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert problems == []
