"""The card renders from our archive alone and points nowhere else for resources."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from embeds.models import Embed, EmbedMedia
from embeds.rendering import load_config, render_card
from tests.helpers.html import attributes

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def embed():
    return Embed.objects.create(
        url="https://x.com/janereporter/status/1430000000000000001",
        provider="x",
        post_id="1430000000000000001",
        author_name="Jane Reporter",
        author_handle="@janereporter",
        author_url="https://x.com/janereporter",
        text_html='<p>Long queues. <a href="https://x.com/hashtag/Kabul">#Kabul</a></p>',
        text="Long queues. #Kabul",
        language="en",
        published_at=datetime(2021, 8, 26, 12, tzinfo=AMSTERDAM),
        published_has_time=False,
        source="code",
        last_seen_at=datetime(2021, 8, 27, 9, tzinfo=AMSTERDAM),
    )


def test_card_shows_the_archived_post(embed):
    """Provider, author with handle and profile link, text, Dutch date, original."""
    html = render_card(embed)
    assert "<svg" in html and 'class="embed-provider">X<' in html
    assert 'href="https://x.com/janereporter"' in html
    assert "Jane Reporter" in html and "@janereporter" in html
    assert "Long queues." in html and 'href="https://x.com/hashtag/Kabul"' in html
    assert "26 augustus 2021" in html
    assert f'href="{embed.url}"' in html
    assert 'lang="en"' in html


def test_live_card_offers_the_original_behind_a_hidden_consent_box(embed):
    """The load button exists for live posts, hidden until our script shows it."""
    html = render_card(embed)
    assert '<div class="embed-consent" hidden>' in html
    assert "Bekijk origineel op X" in html
    assert "Onthoud mijn keuze voor X" in html


@pytest.mark.parametrize(
    ("state", "note"),
    [
        ("deleted", "Dit bericht is inmiddels verwijderd."),
        ("unavailable", "niet te bereiken"),
    ],
)
def test_missing_post_keeps_its_card_with_a_note_and_no_button(embed, state, note):
    """A deleted or unavailable post reads as before, with a note and last-seen date."""
    embed.state = state
    html = render_card(embed)
    assert "Long queues." in html
    assert note in html
    assert "Laatst gezien op 27 augustus 2021" in html
    assert "embed-load" not in html


def test_no_attribute_of_the_card_loads_from_another_origin(embed):
    """Only plain links (a href) may point elsewhere; every src is our own."""
    EmbedMedia.objects.create(embed=embed, kind="image", source_url="https://pbs.example/x.jpg",
                              alt="Een menigte", image=ContentFile(b"x", name="x.webp"))  # fmt: skip
    EmbedMedia.objects.create(embed=embed, kind="video", source_url=embed.url)
    html = render_card(embed)
    found = attributes(str(html))
    assert any(name == "src" for _tag, name, _value in found)
    for tag, name, value in found:
        points_elsewhere = "://" in value or value.startswith("//")
        if points_elsewhere:
            assert (tag, name) == ("a", "href"), (tag, name, value)
        if name in {"src", "srcset", "poster", "data", "action", "formaction"}:
            assert value.startswith("/") and not value.startswith("//"), value
        assert name != "style"


def test_hostile_archive_text_never_reaches_the_page(embed):
    """Text edited into the archive outside the app is sanitized on the way out."""
    embed.text_html = (
        '<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">link</a></p>'
    )
    html = render_card(embed)
    for bad in ("<script", "onerror", "onclick", "javascript:", "<img src=x"):
        assert bad not in html


def test_card_escapes_archived_names(embed):
    """Author names and titles are text, never markup."""
    embed.author_name = '<b onmouseover="x()">Eve</b>'
    embed.title = "</p><script>alert(1)</script>"
    html = render_card(embed)
    assert "<b onmouseover" not in html and "<script>alert(1)" not in html
    assert "&lt;b onmouseover" in html


def test_load_config_lists_each_provider_once():
    """The browser gets what it needs per provider; URLs live in JSON, not attributes."""
    config = load_config(["x", "youtube", "x"])
    assert sorted(config) == ["x", "youtube"]
    assert config["x"]["kind"] == "script"
    assert config["youtube"]["src"].startswith("https://www.youtube-nocookie.com/")


def test_a_post_known_to_the_day_shows_no_time(embed):
    """Stored at noon for the zones' sake, shown as the day alone: no invented
    12:00, not even in the datetime attribute."""
    html = render_card(embed)
    assert '<time datetime="2021-08-26">26 augustus 2021</time>' in html
    assert "12:00" not in html and "T12" not in html


def test_a_post_with_a_full_time_keeps_it(embed):
    """A time the source gave (oEmbed, a <time datetime>) is shown with its hour."""
    embed.published_at = datetime(2021, 8, 26, 17, 48, tzinfo=AMSTERDAM)
    embed.published_has_time = True
    html = render_card(embed)
    assert (
        '<time datetime="2021-08-26T17:48:00+02:00">26 augustus 2021, 17:48</time>'
        in html
    )
