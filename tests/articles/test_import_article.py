"""``manage.py import_article``: what it writes, what it prints, what it refuses."""

import os
import subprocess
import sys
from datetime import datetime, timedelta
from io import StringIO
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.management.commands.import_article import MAX_FILE_BYTES
from articles.management.reading import authors_by_slug
from articles.models import Article, Author, Section
from tests.helpers.parts import ROOT

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

EXAMPLE = """date 2024-03-22 Aanslag bij Moskou: wat we weten

De eerste alinea wordt de intro.

Wie zit erachter
Een alinea mag over meerdere regels lopen;
die worden één alinea.

Wat nu

Hij zei: “Dit is nog niet voorbij.”
"""


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in tmp_path and return its path as a string."""
    counter = {"n": 0}

    def write(content: str | bytes, name: str | None = None) -> str:
        counter["n"] += 1
        path = tmp_path / (name or f"artikel-{counter['n']}.txt")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return str(path)

    return write


class Result:
    def __init__(self, stdout: str, stderr: str):
        self.stdout = stdout
        self.stderr = stderr

    @property
    def last_line(self) -> str:
        return self.stdout.splitlines()[-1]


def run(*args, **options) -> Result:
    """call_command('import_article', ...) with stdout and stderr captured."""
    out, err = StringIO(), StringIO()
    call_command("import_article", *args, stdout=out, stderr=err, **options)
    return Result(out.getvalue(), err.getvalue())


def counts() -> tuple[int, int, int]:
    return Article.objects.count(), Section.objects.count(), Author.objects.count()


def assert_refused(*args, match: str, **options) -> CommandError:
    """The command raises CommandError matching ``match`` and writes nothing."""
    before = counts()
    with pytest.raises(CommandError, match=match) as caught:
        run(*args, **options)
    assert counts() == before
    return caught.value


def public_path(article: Article) -> str:
    return f"/artikel/{article.slug}/"


def admin_path(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


# --- The happy path: what is stored ---------------------------------------------


def test_draft_by_default(db, write):
    """Without --publish or --publish-at the article is a draft without times."""
    run(write(EXAMPLE))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.publish_at is None
    assert article.first_published_at is None


def test_headline_lede_and_body_are_stored(db, write):
    """Headline, lede and body (<p>/<h2>) come from the file as documented."""
    run(write(EXAMPLE))
    article = Article.objects.get()
    assert article.headline == "Aanslag bij Moskou: wat we weten"
    assert article.slug == "aanslag-bij-moskou-wat-we-weten"
    assert article.lede == "De eerste alinea wordt de intro."
    assert article.body == (
        "<p>Wie zit erachter Een alinea mag over meerdere regels lopen; die worden "
        "één alinea.</p><h2>Wat nu</h2><p>Hij zei: “Dit is nog niet voorbij.”</p>"
    )


def test_lede_only_file_gives_an_empty_body(db, write):
    """A file with only a lede imports with an empty body."""
    run(write("date 2024-03-22 Kop\n\nAlleen een intro.\n"))
    article = Article.objects.get()
    assert article.lede == "Alleen een intro."
    assert article.body == ""


def test_messy_file_imports_cleanly(db, write):
    """BOM, CRLF, tabs, non-breaking spaces and stray spaces do not end up stored."""
    messy = (
        "\ufeff  date\t2024-03-22\u00a0 Aanslag bij\u00a0Moskou  \r\n"
        "\t \r\n"
        "\u00a0De eerste\talinea.  \r\n"
        "\r\n"
        "  Wie zit erachter\t\r\n"
        "\u00a0\r\n"
        "Een alinea\r\n"
        "\tover twee regels.\r\n"
    )
    run(write(messy.encode("utf-8")))
    article = Article.objects.get()
    assert article.headline == "Aanslag bij Moskou"
    assert article.lede == "De eerste alinea."
    assert (
        article.body == "<h2>Wie zit erachter</h2><p>Een alinea over twee regels.</p>"
    )


def test_sentence_in_curly_quotes_is_not_a_heading(db, write):
    """A short standalone line ending in .” is stored as a paragraph, not an h2."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n\n“We gaan door.”\n"))
    assert Article.objects.get().body == "<p>“We gaan door.”</p>"


def test_html_in_the_file_is_stored_as_escaped_text(db, write):
    """Markup typed in the file is stored as text, never as tags."""
    run(
        write(
            "date 2024-03-22 Kop\n\nIntro.\n\n"
            "<script>alert(1)</script> en <a href='javascript:x'>klik</a>.\n\n"
            "<img src=x onerror=alert(1)>\n"
        )
    )
    body = Article.objects.get().body
    assert "<script" not in body
    assert "<a " not in body
    assert "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;a href=" in body
    assert body.startswith("<p>&lt;script&gt;")
    assert "<h2>&lt;img src=x onerror=alert(1)&gt;</h2>" in body


def test_the_import_renders_as_text_on_the_public_page(db, write, client):
    """A published import shows the escaped markup as text on its page."""
    text = "date 2024-03-22 Kop\n\nIntro.\n\n<script>alert(1)</script> tekst.\n"
    result = run(write(text), "--publish")
    response = client.get(result.last_line)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


# --- Publication times -------------------------------------------------------


def test_publish_uses_midnight_amsterdam_of_the_date_line(db, write):
    """--publish: published at 00:00 Amsterdam time of the date, first published too."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n"), "--publish")
    article = Article.objects.get()
    expected = datetime(2024, 3, 22, 0, 0, tzinfo=AMSTERDAM)
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == expected
    assert article.publish_at == datetime(2024, 3, 21, 23, 0, tzinfo=ZoneInfo("UTC"))
    assert article.first_published_at == expected
    assert article.is_visible()


def test_publish_in_summer_time_is_midnight_cest(db, write):
    """In summer the date line's midnight is 22:00 UTC the day before."""
    run(write("date 2024-07-15 Kop\n\nIntro.\n"), "--publish")
    article = Article.objects.get()
    assert article.publish_at == datetime(2024, 7, 14, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert timezone.localtime(article.publish_at, AMSTERDAM).hour == 0


def test_publish_with_month_only_date_uses_the_first_of_the_month(db, write):
    """--publish with 'date YYYY-MM' publishes at 00:00 on the first of that month."""
    run(write("date 2024-03 Kop\n\nIntro.\n"), "--publish")
    article = Article.objects.get()
    assert article.publish_at == datetime(2024, 3, 1, tzinfo=AMSTERDAM)
    assert article.first_published_at == article.publish_at


def test_publish_with_a_future_date_line_schedules(db, write):
    """--publish with a date still to come schedules the article, not shows it."""
    result = run(write("date 2099-01-01 Toekomst\n\nIntro.\n"), "--publish")
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_scheduled
    assert not article.is_visible()
    assert "ingepland" in result.stdout
    assert result.last_line == public_path(article)


def test_publish_at_naive_time_is_amsterdam(db, write):
    """--publish-at without a zone is Amsterdam time and overrides the date line."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n"), "--publish-at", "2099-06-01T09:30")
    article = Article.objects.get()
    expected = datetime(2099, 6, 1, 9, 30, tzinfo=AMSTERDAM)
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == expected
    assert article.publish_at == datetime(2099, 6, 1, 7, 30, tzinfo=ZoneInfo("UTC"))
    assert article.first_published_at == expected
    assert article.is_scheduled


def test_publish_at_an_hour_from_now_is_scheduled(db, write):
    """An article with a publish time an hour from now is scheduled, not shown."""
    soon = (timezone.now() + timedelta(hours=1)).astimezone(AMSTERDAM)
    result = run(write(EXAMPLE), "--publish-at", soon.isoformat())
    article = Article.objects.get()
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    assert result.last_line == public_path(article)


def test_publish_at_with_a_space_instead_of_t(db, write):
    """--publish-at accepts 'YYYY-MM-DD HH:MM' as well."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n"), "--publish-at", "2030-12-01 09:30")
    assert Article.objects.get().publish_at == datetime(
        2030, 12, 1, 9, 30, tzinfo=AMSTERDAM
    )


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("2030-12-01T09:30+05:30", datetime(2030, 12, 1, 4, 0)),
        ("2030-12-01T09:30:00-04:00", datetime(2030, 12, 1, 13, 30)),
        ("2030-12-01T09:30Z", datetime(2030, 12, 1, 9, 30)),
        ("2030-12-01T09:30+00:00", datetime(2030, 12, 1, 9, 30)),
    ],
)
def test_publish_at_with_an_offset_respects_it(db, write, value, utc):
    """--publish-at with an explicit offset (or Z) means exactly that moment."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n"), "--publish-at", value)
    article = Article.objects.get()
    assert article.publish_at == utc.replace(tzinfo=ZoneInfo("UTC"))
    assert article.first_published_at == article.publish_at


def test_publish_at_in_the_past_publishes(db, write):
    """--publish-at a past moment publishes at once, with that publication time."""
    result = run(
        write("date 2024-03-22 Kop\n\nIntro.\n"), "--publish-at", "2024-03-23T08:00"
    )
    article = Article.objects.get()
    assert article.publish_at == datetime(2024, 3, 23, 8, 0, tzinfo=AMSTERDAM)
    assert article.is_visible()
    assert "gepubliceerd" in result.stdout


def test_publish_at_keyword_from_code(db, write):
    """call_command(publish_at=...) works like --publish-at."""
    run(write("date 2024-03-22 Kop\n\nIntro.\n"), publish_at="2030-06-01T09:30")
    assert Article.objects.get().publish_at == datetime(
        2030, 6, 1, 9, 30, tzinfo=AMSTERDAM
    )


def test_publish_and_publish_at_together_are_refused(db, write):
    """--publish with --publish-at is an argument error and nothing is written."""
    path = write("date 2024-03-22 Kop\n\nIntro.\n")
    assert_refused(
        path,
        "--publish",
        "--publish-at",
        "2030-06-01T09:30",
        match="--publish-at: not allowed with argument --publish",
    )


def test_publish_and_publish_at_keywords_together_are_refused(db, write):
    """call_command(publish=True, publish_at=...) is refused too, nothing written."""
    path = write("date 2024-03-22 Kop\n\nIntro.\n")
    assert_refused(
        path, publish=True, publish_at="2030-06-01T09:30", match="niet allebei"
    )


@pytest.mark.parametrize(
    "value",
    ["morgen", "2030-13-01T09:00", "2030-02-30T09:00", "09:30", "", "   ", "2030"],
)
def test_invalid_publish_at_is_refused(db, write, value):
    """An unreadable --publish-at is an error naming the value; nothing written."""
    path = write("date 2024-03-22 Kop\n\nIntro.\n")
    error = assert_refused(path, "--publish-at", value, match="geen geldige tijd")
    assert repr(value.strip()) in str(error)
    assert "ISO 8601" in str(error)


# --- Section and authors --------------------------------------------------------


def test_default_section_and_house_byline_are_created(db, write):
    """Without --section/--author: section 'nieuws' and byline 'Redactie', created."""
    assert counts() == (0, 0, 0)
    run(write(EXAMPLE))
    article = Article.objects.get()
    assert article.section.slug == "nieuws"
    assert article.section.name == "Nieuws"
    assert [(a.slug, a.name) for a in article.authors.all()] == [
        ("redactie", "Redactie")
    ]


def test_default_section_and_house_byline_are_reused(db, write):
    """Existing 'nieuws' and 'redactie' are used, not duplicated."""
    section = Section.objects.create(slug="nieuws", name="Het nieuws")
    house = Author.objects.create(slug="redactie", name="De redactie")
    run(write(EXAMPLE))
    run(write(EXAMPLE))
    assert Section.objects.count() == 1
    assert Author.objects.count() == 1
    for article in Article.objects.all():
        assert article.section == section
        assert list(article.authors.all()) == [house]


def test_named_section_is_used(db, write):
    """--section SLUG puts the article in that section; no default is created."""
    section = Section.objects.create(slug="buitenland", name="Buitenland")
    run(write(EXAMPLE), "--section", "buitenland")
    assert Article.objects.get().section == section
    assert not Section.objects.filter(slug="nieuws").exists()


def test_named_authors_are_used_without_the_house_byline(db, write):
    """--author SLUG (repeatable) sets the byline; 'Redactie' is not added."""
    eva = Author.objects.create(slug="eva-mulder", name="Eva Mulder")
    bas = Author.objects.create(slug="bas-de-vries", name="Bas de Vries")
    run(write(EXAMPLE), "--author", "eva-mulder", "--author", "bas-de-vries")
    assert set(Article.objects.get().authors.all()) == {eva, bas}
    assert not Author.objects.filter(slug="redactie").exists()


def test_duplicate_authors_are_collapsed(db, write):
    """The same --author twice is one byline."""
    eva = Author.objects.create(slug="eva-mulder", name="Eva Mulder")
    run(write(EXAMPLE), "--author", "eva-mulder", "--author", "eva-mulder")
    assert list(Article.objects.get().authors.all()) == [eva]


def test_authors_keep_their_order_and_lose_duplicates(db):
    """The command resolves --author slugs in the order given, each once."""
    zoe = Author.objects.create(slug="zoe", name="Zoë Zwart")
    anna = Author.objects.create(slug="anna", name="Anna Appel")
    mo = Author.objects.create(slug="mo", name="Mo Mulder")
    resolved = authors_by_slug(["zoe", "anna", "zoe", "mo", "anna"])
    assert resolved == [zoe, anna, mo]


def test_unknown_section_is_refused(db, write):
    """An unknown --section names the slug and the existing ones; nothing written."""
    Section.objects.create(slug="buitenland", name="Buitenland")
    error = assert_refused(
        write(EXAMPLE), "--section", "sport", match="Sectie 'sport' bestaat niet"
    )
    assert "buitenland" in str(error)


def test_unknown_section_on_an_empty_database_writes_nothing(db, write):
    """With no sections at all the error says so and no default section appears."""
    assert_refused(
        write(EXAMPLE), "--section", "sport", match="Bestaande secties: geen"
    )
    assert counts() == (0, 0, 0)


def test_unknown_author_is_refused(db, write):
    """An unknown --author names that slug (once); nothing is written."""
    Author.objects.create(slug="eva-mulder", name="Eva Mulder")
    error = assert_refused(
        write(EXAMPLE),
        "--author",
        "eva-mulder",
        "--author",
        "jan-jansen",
        "--author",
        "jan-jansen",
        match="Onbekende auteur",
    )
    message = str(error)
    assert "jan-jansen" in message
    assert message.count("jan-jansen") == 1
    assert "eva-mulder" not in message


def test_unknown_author_does_not_create_the_defaults(db, write):
    """A refused import leaves no default section or house byline behind."""
    assert_refused(write(EXAMPLE), "--author", "niemand", match="niemand")
    assert counts() == (0, 0, 0)


# --- Output -------------------------------------------------------------------


def test_draft_output_ends_with_the_admin_change_path(db, write):
    """For a draft the last line printed is the admin change path, nothing after."""
    result = run(write(EXAMPLE))
    article = Article.objects.get()
    assert result.last_line == admin_path(article)
    assert result.stdout.endswith(admin_path(article) + "\n")
    assert result.stdout.count("\n") == 2
    assert "Concept opgeslagen" in result.stdout
    assert result.stderr == ""


def test_published_output_ends_with_the_public_path(db, write):
    """For a published article the last line is /artikel/<slug>/, nothing after."""
    result = run(write(EXAMPLE), "--publish")
    article = Article.objects.get()
    assert result.last_line == public_path(article)
    assert result.stdout.endswith(public_path(article) + "\n")
    assert result.stdout.startswith("Artikel gepubliceerd: ")
    assert result.stderr == ""


def test_scheduled_output_ends_with_the_public_path(db, write):
    """For a scheduled article the last line is its public path as well."""
    result = run(write(EXAMPLE), "--publish-at", "2099-01-01T09:00")
    article = Article.objects.get()
    assert article.is_scheduled
    assert result.last_line == public_path(article)
    assert result.stdout.startswith("Artikel ingepland: ")


def test_printed_public_path_opens_the_article(db, write, client):
    """The printed path of a published import is the article's page."""
    result = run(write(EXAMPLE), "--publish")
    response = client.get(result.last_line)
    assert response.status_code == 200
    assert "Aanslag bij Moskou: wat we weten" in response.text


def test_printed_admin_path_opens_the_change_form(db, write, editor_client):
    """The printed admin path of a draft is that article's change form."""
    result = run(write(EXAMPLE))
    response = editor_client.get(result.last_line)
    assert response.status_code == 200
    assert "Aanslag bij Moskou: wat we weten" in response.text


# --- Slugs ----------------------------------------------------------------------


def test_importing_twice_gives_a_numbered_slug(db, write):
    """The same file twice gives slugs x and x-2, two articles."""
    path = write(EXAMPLE)
    first = run(path, "--publish")
    second = run(path, "--publish")
    slugs = list(Article.objects.order_by("pk").values_list("slug", flat=True))
    assert slugs == [
        "aanslag-bij-moskou-wat-we-weten",
        "aanslag-bij-moskou-wat-we-weten-2",
    ]
    assert first.last_line == "/artikel/aanslag-bij-moskou-wat-we-weten/"
    assert second.last_line == "/artikel/aanslag-bij-moskou-wat-we-weten-2/"


def test_pashto_headline_keeps_its_letters_in_the_slug(db, write):
    """A Pashto headline gives a slug in Pashto letters, and a path to it."""
    result = run(write("date 2021-08-26 د کابل هوايي ډګر\n\nIntro.\n"), "--publish")
    article = Article.objects.get()
    assert article.headline == "د کابل هوايي ډګر"
    assert article.slug == "د-کابل-هوايي-ډګر"
    assert unquote(result.last_line) == "/artikel/د-کابل-هوايي-ډګر/"
    assert result.last_line == article.get_absolute_url()


def test_greek_headline_keeps_its_letters_in_the_slug(db, write):
    """A Greek headline gives a lowercase Greek slug; a second import gets -2."""
    path = write("date 2024-03-22 Νέα μέτρα στην Αθήνα\n\nIntro.\n")
    run(path)
    run(path)
    slugs = list(Article.objects.order_by("pk").values_list("slug", flat=True))
    assert slugs == ["νέα-μέτρα-στην-αθήνα", "νέα-μέτρα-στην-αθήνα-2"]


def test_persian_zero_width_non_joiner_survives_the_import(db, write):
    """A ZWNJ inside a Persian word is kept in headline and lede."""
    word = "می\u200cشود"
    run(write(f"date 2024-03-22 {word}\n\n{word} گفته.\n"))
    article = Article.objects.get()
    assert article.headline == word
    assert article.lede == f"{word} گفته."


# --- Bad input: an error and nothing written --------------------------------------


def test_missing_file_is_refused(db, tmp_path):
    """A path that does not exist: 'bestand niet gevonden', nothing written."""
    missing = tmp_path / "bestaat-niet.txt"
    error = assert_refused(str(missing), match="bestand niet gevonden")
    assert str(missing) in str(error)


def test_directory_is_refused(db, tmp_path):
    """A directory instead of a file: a clear error, nothing written."""
    assert_refused(str(tmp_path), match="dit is een map, geen bestand")


def test_file_that_is_not_utf8_is_refused(db, write):
    """Latin-1 bytes: 'geen UTF-8-tekst' with the position, nothing written."""
    path = write("date 2024-03-22 Café\n\nIntro.\n".encode("latin-1"))
    error = assert_refused(path, match="geen UTF-8-tekst")
    assert "positie 19" in str(error)  # the é after "date 2024-03-22 Caf"
    assert "Sla het bestand op als UTF-8" in str(error)


def test_utf16_file_is_refused(db, write):
    """A UTF-16 file (as some Windows editors save) is refused as not UTF-8."""
    path = write("date 2024-03-22 Kop\n\nIntro.\n".encode("utf-16"))
    assert_refused(path, match="geen UTF-8-tekst")


def test_file_over_the_size_limit_is_refused(db, write):
    """A file larger than the limit is refused before it is read."""
    line = "date 2024-03-22 Kop\n\n" + "a" * MAX_FILE_BYTES
    assert_refused(write(line), match="groter dan 5 MB")


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"   \n\t\n\r\n  ", "\u00a0\n\u00a0".encode()],
    ids=["empty", "bom-only", "whitespace", "nbsp"],
)
def test_empty_file_is_refused(db, write, content):
    """An empty or whitespace-only file: 'Het bestand is leeg.', nothing written."""
    assert_refused(write(content), match="Het bestand is leeg")


def test_file_without_date_line_is_refused(db, write):
    """A file without a date line: an error quoting the first line."""
    error = assert_refused(
        write("Aanslag bij Moskou\n\nIntro.\n"), match="De eerste regel moet beginnen"
    )
    assert "Aanslag bij Moskou" in str(error)


@pytest.mark.parametrize("day", ["2024-02-30", "2023-02-29", "2024-04-31", "2024-13"])
def test_impossible_date_is_refused(db, write, day):
    """A date that does not exist: 'De datum ... bestaat niet.', nothing written."""
    assert_refused(
        write(f"date {day} Kop\n\nIntro.\n"),
        "--publish",
        match=f"De datum {day} bestaat niet",
    )


def test_date_line_without_headline_is_refused(db, write):
    """'date 2024-03-22' with nothing after it: an error, nothing written."""
    assert_refused(write("date 2024-03-22\n\nIntro.\n"), match="'date JJJJ-MM-DD Kop'")


def test_date_line_without_text_after_it_is_refused(db, write):
    """A file with only the date line: 'geen tekst', nothing written."""
    assert_refused(
        write("date 2024-03-22 Kop\n\n\n"),
        "--publish",
        match="Na de datumregel staat geen tekst",
    )


def test_error_names_the_file(db, write):
    """Parse errors start with the file's path, so the editor knows which file."""
    path = write("geen datum\n")
    error = assert_refused(path, match="De eerste regel")
    assert str(error).startswith(f"{path}: ")


def test_headline_over_200_characters_is_refused(db, write):
    """A headline over 200 characters: a Dutch error on 'kop', nothing written."""
    headline = "Lang " * 41  # 205 characters before trimming
    path = write(f"date 2024-03-22 {headline}\n\nIntro.\n")
    error = assert_refused(path, "--publish", match="200")
    reason = str(error).removeprefix(f"{path}: ")
    assert reason.startswith("kop: ")
    assert "niet meer dan 200 tekens" in reason
    assert "headline" not in reason
    assert counts() == (0, 0, 0)


def test_headline_of_exactly_200_characters_is_accepted(db, write):
    """A headline of exactly 200 characters imports."""
    headline = "a" * 200
    run(write(f"date 2024-03-22 {headline}\n\nIntro.\n"))
    assert Article.objects.get().headline == headline


def test_failed_import_keeps_existing_data(db, write):
    """A refused import leaves earlier articles, sections and authors as they were."""
    run(write(EXAMPLE), "--publish")
    before = counts()
    assert before == (1, 1, 1)
    assert_refused(write("date 2024-02-30 Kop\n\nIntro.\n"), match="bestaat niet")
    assert_refused(write(EXAMPLE), "--author", "niemand", match="niemand")
    assert_refused(write(EXAMPLE), "--publish-at", "nooit", match="geen geldige tijd")
    assert counts() == before


def test_missing_file_argument_is_refused(db):
    """Without a file argument the command refuses (argparse error)."""
    before = counts()
    with pytest.raises(CommandError, match="file"):
        run()
    assert counts() == before


# --- The real command line: exit codes and streams --------------------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    """Environment for ``python manage.py`` against a migrated, throwaway SQLite DB."""
    database = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(database.parent),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "cli-test-secret-key-" + "x" * 40,
        "DEBUG": "off",
        "HTTPS": "off",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONIOENCODING": "utf-8",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    return env


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "import_article", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_cli_success_exits_zero_and_ends_with_the_path(cli_env, write):
    """On the command line a publish exits 0, prints the path last, stderr empty."""
    path = write("date 2024-03-22 Kop van de CLI\n\nIntro.\n")
    done = manage(cli_env, path, "--publish")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "/artikel/kop-van-de-cli/"
    assert done.stdout.endswith("/artikel/kop-van-de-cli/\n")
    assert done.stderr == ""


def test_cli_bad_input_exits_non_zero_with_message_on_stderr(cli_env, tmp_path):
    """A missing file: exit 1, the Dutch message on stderr, nothing on stdout."""
    done = manage(cli_env, str(tmp_path / "nergens.txt"))
    assert done.returncode == 1
    assert "bestand niet gevonden" in done.stderr
    assert done.stdout == ""


def test_cli_publish_and_publish_at_exit_with_usage_error(cli_env, write):
    """--publish with --publish-at on the command line: exit 2, nothing printed."""
    path = write("date 2024-03-22 Kop\n\nIntro.\n")
    done = manage(cli_env, path, "--publish", "--publish-at", "2030-01-01T09:00")
    assert done.returncode == 2
    assert "not allowed with argument --publish" in done.stderr
    assert done.stdout == ""


def test_cli_draft_output_ends_with_the_admin_path(cli_env, write):
    """On the command line a draft's last line is an admin change path."""
    done = manage(cli_env, write("date 2024-03-22 Concept\n\nIntro.\n"))
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("/admin/articles/article/")
    assert last.endswith("/change/")
    assert done.stdout.endswith(last + "\n")
