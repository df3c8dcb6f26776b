"""refresh_embeds re-checks posts through oEmbed on a real loopback server."""

import json
from datetime import timedelta
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
    if url.startswith(BROKEN):  # ".../3", ".../33"
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
    """404 marks deleted (archive kept), 200 stays live, 500 is listed and unchanged;
    some checks succeeded, so the run succeeds (call_command raises otherwise)."""
    out, err = run()
    live, gone, broken = (Embed.objects.get(url=u) for u in (LIVE, GONE, BROKEN))
    assert gone.state == Embed.State.DELETED and gone.text == "Archief"
    assert live.state == Embed.State.LIVE and live.last_seen_at is not None
    assert broken.state == Embed.State.LIVE and broken.check_error
    assert live.last_checked_at and gone.last_checked_at
    assert broken.last_checked_at is None  # a failed check is no check
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
    Embed.objects.filter(url__in=[LIVE, BROKEN]).update(last_checked_at=timezone.now())
    out, _ = run("--older-than", "7")
    assert "1 bericht(en) te controleren" in out
    assert Embed.objects.get(url=GONE).state == Embed.State.DELETED
    assert not Embed.objects.get(url=BROKEN).check_error  # not asked


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


def test_a_failed_check_leaves_the_post_due_for_the_next_run(provider, embeds):
    """A 500 keeps the post's last_checked_at as it was, so --older-than asks again;
    a success moves it."""
    long_ago = timezone.now() - timedelta(days=30)
    Embed.objects.filter(url__in=[LIVE, BROKEN]).update(last_checked_at=long_ago)
    Embed.objects.filter(url=GONE).update(last_checked_at=timezone.now())
    run("--older-than", "7", "--provider", "x")
    broken, live = Embed.objects.get(url=BROKEN), Embed.objects.get(url=LIVE)
    assert broken.last_checked_at == long_ago and "500" in broken.check_error
    assert live.last_checked_at > long_ago
    out = StringIO()
    with pytest.raises(CommandError, match="Alle 1 controle"):
        call_command("refresh_embeds", "--older-than", "7", stdout=out, stderr=out)
    assert "1 bericht(en) te controleren" in out.getvalue()  # BROKEN again, not LIVE
    assert BROKEN in out.getvalue()


@pytest.fixture
def only_broken(embeds):
    """Two posts the provider fails on, nothing else to check."""
    Embed.objects.exclude(url=BROKEN).delete()
    Embed.objects.create(url=f"{BROKEN}3", provider="x", post_id="33")
    return [BROKEN, f"{BROKEN}3"]


def test_every_check_failing_exits_non_zero_and_says_how_many(provider, only_broken):
    """Every check a 500: the run fails with a count, after listing each failure."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Alle 2 controle"):
        call_command("refresh_embeds", stdout=out, stderr=err)
    assert "mislukt 2" in out.getvalue()
    assert all(url in err.getvalue() for url in only_broken)
    assert not Embed.objects.exclude(last_checked_at=None).exists()


def test_a_provider_whose_name_never_resolves_fails_the_run(
    provider, only_broken, settings, dns
):
    """DNS down: each lookup is given up at the deadline, every check fails, the run
    exits non-zero, and no post passes for checked."""
    settings.EMBEDS_FETCH_DEADLINE = 0.2
    settings.EMBEDS_OEMBED_ENDPOINTS = {"x": f"http://oembed.test:{provider.port}/"}
    resolver = dns(hang={"oembed.test"})
    with pytest.raises(CommandError, match="Alle 2 controle"):
        run("--workers", "2")
    assert resolver.asked == ["oembed.test"] * 2
    assert provider.log == []
    errors = Embed.objects.values_list("check_error", flat=True)
    assert all("niet binnen 0,2 seconden op te zoeken" in e for e in errors)
    assert not Embed.objects.exclude(last_checked_at=None).exists()


def test_nothing_to_check_is_no_failure(provider, only_broken):
    """An empty selection succeeds: nothing failed."""
    out, _ = run("--provider", "youtube")
    assert "niets te doen" in out
