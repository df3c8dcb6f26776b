"""The article page stays light: its HTML, CSS and JavaScript under 60 KB."""

from io import StringIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from demo.content import EXPLAINER_SLUG
from tests.helpers.html import parse, select

BUDGET = 60 * 1024  # bytes, uncompressed, images excluded


def test_demo_explainer_weighs_under_60_kb(client, db):
    """The demo explainer (hero, embeds, related) with the files it links."""
    call_command("load_demo", stdout=StringIO())
    response = client.get(f"/artikel/{EXPLAINER_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    page = parse(html)
    stylesheets = [link.get("href") for link in select(page, "link", rel="stylesheet")]
    scripts = [
        script.get("src") for script in select(page, "script") if script.get("src")
    ]
    assets = stylesheets + scripts
    assert any(url.endswith(".css") for url in assets)
    sizes = {"html": len(response.content)}
    for url in assets:
        assert url.startswith(settings.STATIC_URL), url
        path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        assert path, f"{url} is not in the static folders"
        with open(path, "rb") as file:
            sizes[url] = len(file.read())
    total = sum(sizes.values())
    print(f"article page weight: {total} bytes {sizes}")
    assert total < BUDGET, sizes
