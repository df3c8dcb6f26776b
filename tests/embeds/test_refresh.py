"""refresh_embeds re-checks posts through oEmbed on a real loopback server."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from werkzeug import Response

from embeds.models import Embed

pytestmark = pytest.mark.django_db

LIVE = "https://x.com/bron/status/1"
GONE = "https://x.com/bron/status/2"
BROKEN = "https://x.com/bron/status/3"


def oembed_answer(request):
    url = request.args.get("url")
    if url == GONE:
        return Response("Not Found", status=404)
    if url == BROKEN:
        return Response("oops", status=500)
    return Response(
        json.dumps(
            {
                "type": "rich",
                "version": "1.0",
                "url": url,
                "author_name": "Bron",
                "author_url": "https://x.com/bron",
                "provider_name": "X",
                "html": '<blockquote class="twitter-tweet"><p lang="nl">Nog steeds '
                'hier.</p>&mdash; Bron (@bron) <a href="' + url + '">August 26, '
                "2021</a></blockquote>",
            }
        ),  # fmt: skip
        content_type="application/json",
    )


@pytest.fixture
def provider(httpserver, settings):
    settings.EMBEDS_ALLOW_LOOPBACK = True
    settings.EMBEDS_OEMBED_ENDPOINTS = {"x": httpserver.url_for("/x/oembed")}
    httpserver.expect_request("/x/oembed").respond_with_handler(oembed_answer)
    return httpserver


@pytest.fixture
def embeds():
    made = {
        url: Embed.objects.create(
            url=url, provider="x", post_id=url[-1], text="Archief"
        )
        for url in (LIVE, GONE, BROKEN)
    }
    made["instagram"] = Embed.objects.create(
        url="https://www.instagram.com/p/Abc123/", provider="instagram"
    )
    return made


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("refresh_embeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_refresh_marks_deleted_keeps_unchanged_and_reports_failures(provider, embeds):
    """404 marks deleted (archive kept), 200 stays live, 500 is listed and unchanged."""
    out, err = run()
    live, gone, broken = (Embed.objects.get(url=u) for u in (LIVE, GONE, BROKEN))
    assert gone.state == Embed.State.DELETED and gone.text == "Archief"
    assert live.state == Embed.State.LIVE and live.last_seen_at is not None
    assert broken.state == Embed.State.LIVE and broken.check_error
    assert all(e.last_checked_at for e in (live, gone, broken))
    assert "3 bericht(en) te controleren; 1 overgeslagen" in out
    assert "[3/3]" in out
    assert "Klaar:" in out and "verwijderd 1" in out and "mislukt 1" in out
    assert BROKEN in err and LIVE not in err


def test_refresh_fills_what_the_archive_lacked(provider, embeds):
    """A live post's missing author and text are filled; archived text is kept."""
    run()
    live = Embed.objects.get(url=LIVE)
    assert live.author_name == "Bron"
    assert live.text == "Archief"


def test_deleted_posts_are_skipped_unless_asked(provider, embeds):
    """Known-deleted posts are not asked about again without --include-deleted."""
    Embed.objects.filter(url=GONE).update(state=Embed.State.DELETED)
    out, _ = run()
    assert "2 bericht(en) te controleren" in out
    out, _ = run("--include-deleted")
    assert "3 bericht(en) te controleren" in out


def test_older_than_selects_posts_not_checked_recently(provider, embeds):
    """--older-than DAYS leaves recently checked posts alone."""
    Embed.objects.filter(url__in=[LIVE, GONE]).update(last_checked_at=timezone.now())
    out, _ = run("--older-than", "7")
    assert "1 bericht(en) te controleren" in out
    assert Embed.objects.get(url=GONE).state == Embed.State.LIVE


def test_provider_filter(provider, embeds):
    """--provider limits the run to one platform."""
    out, _ = run("--provider", "youtube")
    assert "0 bericht(en) te controleren" in out and "niets te doen" in out


def test_bad_options_are_refused(embeds):
    """Negative ages and silly worker counts get a clear error."""
    with pytest.raises(CommandError, match="--older-than"):
        run("--older-than", "-1")
    with pytest.raises(CommandError, match="--workers"):
        run("--workers", "50")
