"""``live_entry``, ``close_live`` and ``import_article --kind``: what they write,
what they print last, and that bad input writes nothing."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article, Author, LiveEntry
from embeds.models import Embed

pytestmark = pytest.mark.django_db
S = LiveEntry.Status


def run(command, *args, **options) -> list[str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err, **options)
    return out.getvalue().splitlines()


@pytest.fixture
def text_file(tmp_path):
    def write(content, name="bericht.txt"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return write


def test_an_entry_is_placed_at_once_with_the_house_byline(live_article, text_file):
    """No options: placed now, no named author, its anchor URL printed last."""
    lines = run("live_entry", live_article.slug,
                text_file("Explosie bij Abbey Gate.\n\nMeer volgt."))  # fmt: skip
    entry = LiveEntry.objects.get()
    assert entry.status == S.PUBLISHED and entry.is_visible()
    assert entry.body == "<p>Explosie bij Abbey Gate.</p><p>Meer volgt.</p>"
    assert not entry.authors.exists()
    assert (
        lines[-1]
        == f"{settings.SITE_URL}/artikel/{live_article.slug}/#bericht-{entry.pk}"
    )


def test_title_flags_author_and_a_post_as_url(live_article, text_file):
    """--title, --pin, --key, --author; a post's URL becomes an archived post."""
    eva = Author.objects.get(slug="eva-mulder")
    run("live_entry", live_article.slug,
        text_file("Wat we weten.\n\nhttps://x.com/iemand/status/1430858000000000000\n"),
        "--title", "Samenvatting", "--pin", "--key", "--author", "eva-mulder")  # fmt: skip
    entry = LiveEntry.objects.get()
    assert (entry.title, entry.pinned, entry.key_moment) == ("Samenvatting", True, True)
    assert list(entry.authors.all()) == [eva]
    assert entry.embeds.get() == Embed.objects.get()


def test_draft_and_scheduled(live_article, text_file):
    """--draft holds it; --at in the future schedules it."""
    run("live_entry", live_article.slug, text_file("Concept."), "--draft")
    later = (timezone.localtime() + timezone.timedelta(hours=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    lines = run("live_entry", live_article.slug, text_file("Straks."), "--at", later)
    draft, scheduled = LiveEntry.objects.order_by("pk")
    assert draft.status == S.DRAFT and draft.published_at is None
    assert scheduled.is_scheduled
    assert "ingepland" in lines[-2]


def test_standard_input(live_article):
    """ "-" reads the text from standard input."""
    run("live_entry", live_article.slug, "-", stdin=StringIO("Van de wire.\n"))
    assert LiveEntry.objects.get().body == "<p>Van de wire.</p>"


@pytest.mark.parametrize(
    ("args", "content", "match"),
    [
        (["geen-artikel"], "Tekst.", "geen artikel met de slug"),
        ([], "   \n\n", "De tekst is leeg"),
        (["--at", "morgen"], "Tekst.", "geen geldige tijd"),
        (["--author", "niemand"], "Tekst.", "Onbekende auteur"),
        (["--title", "x" * 201], "Tekst.", "langer dan 200"),
        ([], b"\xff\xfe kapot", "geen UTF-8"),
    ],
)
def test_bad_input_writes_nothing(live_article, text_file, args, content, match):
    """Each bad input: a Dutch message (exit status 1), no entry, no post."""
    slug = args.pop(0) if args and args[0] == "geen-artikel" else live_article.slug
    with pytest.raises(CommandError, match=match):
        run("live_entry", slug, text_file(content), *args)
    assert not LiveEntry.objects.exists() and not Embed.objects.exists()


def test_a_missing_file_and_a_news_article_are_refused(live_article, make_article,
                                                         text_file):  # fmt: skip
    """No such file; an article that is not live: refused, nothing written."""
    with pytest.raises(CommandError, match="bestand niet gevonden"):
        run("live_entry", live_article.slug, "/geen/bestand.txt")
    news = make_article()
    with pytest.raises(CommandError, match="geen live-verslag"):
        run("live_entry", news.slug, text_file("Tekst."))
    with pytest.raises(CommandError, match="niet allebei"):
        run("live_entry", live_article.slug, text_file("Tekst."), draft=True,
            at="2030-01-01T10:00")  # fmt: skip
    assert not LiveEntry.objects.exists()


def test_the_exit_status_is_1(live_article, text_file):
    """Run as a command, a refusal exits with status 1 and says why on stderr."""
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "live_entry", "geen-artikel", "-"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def test_close_live(live_article):
    """close_live closes once; again says so; an unknown slug is refused."""
    assert run("close_live", live_article.slug)[-1].startswith(
        "Live-verslag afgesloten"
    )
    closed = Article.objects.get(pk=live_article.pk).live_closed_at
    assert closed is not None
    assert run("close_live", live_article.slug)[-1].startswith("Al afgesloten")
    assert Article.objects.get(pk=live_article.pk).live_closed_at == closed
    with pytest.raises(CommandError, match="geen artikel"):
        run("close_live", "onbekend")


@pytest.mark.parametrize("code", Article.Kind.values)
def test_import_article_takes_every_kind(db, text_file, code):
    """Every stored kind code makes an article of that kind."""
    run(
        "import_article", text_file("date 2021-08-26 Kabul\n\nIntro.\n"), "--kind", code
    )
    assert Article.objects.get().kind == code


def test_import_article_refuses_an_unknown_kind(db, text_file):
    """An unknown code names the known ones; nothing written."""
    with pytest.raises(CommandError, match="Onbekende soort 'blog'.*live"):
        run("import_article", text_file("date 2021-08-26 Kabul\n\nIntro.\n"),
            "--kind", "blog")  # fmt: skip
    assert not Article.objects.exists()
