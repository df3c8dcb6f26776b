"""The archive carries how precisely a publication time is known (version 2); an
archive of version 1, from before, still imports, every time to the minute."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.archive import ArchiveError, export_archive, import_archive
from articles.models import Article, Author, Section
from embeds.models import Embed
from embeds.parsing import find_posts
from embeds.services import archive_post
from tests.archive.test_export_and_import import empty_database, round_trip
from tests.helpers.samples.embeds import SIGNATURE_TEXT

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def dated(make_article):
    """Articles known to the month, the day and the minute, and a post known to
    the day only."""
    post = next(s.post for s in find_posts(SIGNATURE_TEXT) if s.post)
    archive_post(post, fetch=False)
    moment = datetime(2021, 8, 26, 14, 30, tzinfo=AMSTERDAM)
    return {
        precision: make_article(
            headline=f"Stuk {precision}",
            publish_at=moment,
            publish_precision=precision,
        )
        for precision in ("month", "day", "minute")
    }


def test_the_export_says_version_2_and_each_precision(dated):
    """Each article record has its publish_precision and its start-of-period time."""
    archive = export_archive()
    assert archive["version"] == 2
    found = {
        a["slug"]: (a["publish_precision"], a["publish_at"])
        for a in archive["articles"]
    }
    assert found == {
        "stuk-month": ("month", "2021-07-31T22:00:00+00:00"),
        "stuk-day": ("day", "2021-08-25T22:00:00+00:00"),
        "stuk-minute": ("minute", "2021-08-26T12:30:00+00:00"),
    }


def test_a_round_trip_keeps_the_precision_of_articles_and_posts(dated):
    """Export, empty, import: each article and the post are as precise as before."""
    archive = round_trip(export_archive())
    empty_database()
    import_archive(archive)
    stored = dict(Article.objects.values_list("slug", "publish_precision"))
    assert stored == {
        "stuk-month": "month",
        "stuk-day": "day",
        "stuk-minute": "minute",
    }
    month = Article.objects.get(slug="stuk-month")
    assert month.publish_at == datetime(2021, 8, 1, tzinfo=AMSTERDAM)
    embed = Embed.objects.get()
    assert embed.published_has_time is False
    assert embed.published_at.date().isoformat() == "2021-08-26"


def test_a_version_1_archive_imports_to_the_minute(dated):
    """An archive from before the precision: version 1, no publish_precision. It
    imports, every article at minute precision; posts keep published_has_time."""
    archive = round_trip(export_archive())
    archive["version"] = 1
    for record in archive["articles"]:
        del record["publish_precision"]
    empty_database()
    import_archive(archive)
    assert set(Article.objects.values_list("publish_precision", flat=True)) == {
        "minute"
    }
    assert Embed.objects.get().published_has_time is False


def test_version_2_without_the_precision_is_refused(dated):
    """The current version must carry it: the message names the record and field."""
    archive = round_trip(export_archive())
    del archive["articles"][0]["publish_precision"]
    empty_database()
    with pytest.raises(ArchiveError, match="publish_precision"):
        import_archive(archive)
    assert not Article.objects.exists()


def test_an_unknown_precision_is_refused(dated):
    """ "week" is not a precision; nothing is written."""
    archive = round_trip(export_archive())
    archive["articles"][0]["publish_precision"] = "week"
    empty_database()
    with pytest.raises(ArchiveError, match="minute, day, month"):
        import_archive(archive)
    assert not (Article.objects.exists() or Section.objects.exists())
    assert not Author.objects.exists()
