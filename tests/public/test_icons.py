"""The favicon, the app icons and the web app manifest: ours, served from our static
files, named in every page's head, with a theme colour for light and dark."""

import json
import re

from django.contrib.staticfiles import finders
from PIL import Image

from demo.icons import PNGS, svg

SIZES = {name: size for name, (size, _maskable) in PNGS.items()}


def _head(client):
    html = client.get("/").text
    return html[: html.index("</head>")]


def test_every_page_names_the_icons_manifest_and_theme_colours(client, db):
    """Icon links (SVG and PNG), apple-touch-icon, manifest and two theme colours."""
    head = _head(client)
    assert re.search(r'<link rel="icon" href="/static/icons/favicon[^"]*\.svg"', head)
    assert re.search(r'<link rel="icon" href="/static/icons/icon-32[^"]*\.png"', head)
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon' in head
    assert '<link rel="manifest" href="/manifest.webmanifest">' in head
    assert (
        '<meta name="theme-color" content="#ffffff" '
        'media="(prefers-color-scheme: light)">' in head
    )
    assert (
        '<meta name="theme-color" content="#141414" '
        'media="(prefers-color-scheme: dark)">' in head
    )
    assert "data:," not in head


def test_icon_files_are_served_with_their_types(client, db):
    """Every icon the head names answers 200 with an image content type."""
    head = _head(client)
    urls = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', head)
    assert len(urls) == 3
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content)
        expected = "image/svg+xml" if url.endswith(".svg") else "image/png"
        assert response["Content-Type"] == expected, url
        assert content.startswith(b"<svg" if url.endswith(".svg") else b"\x89PNG")


def test_manifest_is_json_with_the_site_name_and_existing_icons(client, db, settings):
    """The manifest: JSON of its own type, the site's name, icons that exist as files
    at their stated sizes (one maskable), start URL, display and colours."""
    settings.SITE_NAME = "Het Testblad"
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Het Testblad"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == manifest["background_color"] == "#ffffff"
    purposes = set()
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        path = finders.find(name)
        assert path, icon["src"]
        width, height = map(int, icon["sizes"].split("x"))
        with Image.open(path) as image:
            assert image.size == (width, height) and image.format == "PNG"
        purposes.add(icon["purpose"])
    assert {"any", "maskable"} <= purposes
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}


def test_the_committed_icons_are_the_drawn_ones():
    """static/icons/ holds every size demo/icons.py draws, and its SVG."""
    for name, size in SIZES.items():
        with Image.open(finders.find(f"icons/{name}")) as image:
            assert image.size == (size, size), name
    with open(finders.find("icons/favicon.svg")) as handle:
        assert handle.read() == svg()
    # The maskable icon fills its square: the corners are the house red, not clear.
    with Image.open(finders.find("icons/icon-maskable-512.png")) as image:
        assert image.convert("RGB").getpixel((2, 2)) == (0xB3, 0x26, 0x1E)
