"""An editor chooses how precisely a publication time is known; the admin keeps it,
stores the start of the period and never shows a time the article does not have."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.dates import Precision, precise_iso, precise_label, start_of
from articles.models import Article, Revision
from articles.services.articles import save_article
from articles.services.revisions import diff_revisions
from articles.text_import import ArticleTextError, parse_article_text
from tests.helpers.forms import article_form, change_form

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MOMENT = datetime(2021, 8, 26, 14, 30, tzinfo=AMSTERDAM)
ADD = "/admin/articles/article/add/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.mark.parametrize(
    ("precision", "start", "iso", "label"),
    [
        ("month", datetime(2021, 8, 1, tzinfo=AMSTERDAM), "2021-08", "augustus 2021"),
        ("day", datetime(2021, 8, 26, tzinfo=AMSTERDAM), "2021-08-26", "26 augustus 2021"),
        ("minute", MOMENT, "2021-08-26T14:30:00+02:00", "26 augustus 2021, 14:30"),
    ],
)  # fmt: skip
def test_start_iso_and_label_for_each_precision(precision, start, iso, label):
    """The start of the period, the reduced ISO form and the Dutch label."""
    assert start_of(MOMENT, precision) == start
    assert precise_iso(start, precision) == iso
    assert precise_label(start, precision) == label


def test_the_start_of_a_month_across_a_clock_change():
    """31 March 2024 (summer time from 02:00): the month starts at 00:00 +01:00."""
    start = start_of(datetime(2024, 3, 31, 12, tzinfo=AMSTERDAM), Precision.MONTH)
    assert start.isoformat() == "2024-03-01T00:00:00+01:00"
    assert start_of(None, Precision.DAY) is None


@pytest.mark.parametrize(
    ("line", "precision", "moment"),
    [
        ("date 2021-08 Kop", "month", "2021-08-01T00:00:00+02:00"),
        ("date 2021-08-26 Kop", "day", "2021-08-26T00:00:00+02:00"),
        ("date 2021-08-26 14:30 Kop", "minute", "2021-08-26T14:30:00+02:00"),
        ("date 2021-08-26T09:05 Kop", "minute", "2021-08-26T09:05:00+02:00"),
    ],
)
def test_the_date_line_gives_the_precision(line, precision, moment):
    """Month, day, or a time (with a space or a T): the precision follows."""
    parsed = parse_article_text(f"{line}\n\nIntro.\n")
    assert parsed.precision == precision
    assert parsed.headline == "Kop"
    assert parsed.publish_time(AMSTERDAM).isoformat() == moment


def test_a_time_that_does_not_exist_is_refused():
    """ "25:00" is no time: a Dutch message naming what was typed."""
    with pytest.raises(ArticleTextError, match="2021-08-26 25:00 bestaat niet"):
        parse_article_text("date 2021-08-26 25:00 Kop\n\nIntro.\n")


def test_the_form_offers_the_precision_beside_the_time(editor_client, filing):
    """A select with the three Dutch choices, minute selected, on the time's line."""
    html = editor_client.get(ADD).content.decode()
    select = html[html.index('name="publish_precision"') :]
    select = select[: select.index("</select>")]
    assert '<option value="minute" selected>op de minuut</option>' in select
    assert '<option value="day">alleen de dag</option>' in select
    assert '<option value="month">alleen de maand</option>' in select
    row = html[: html.index('name="publish_precision"')]
    assert row.rindex("field-publish_at") > row.rindex('class="form-row')


def test_the_precision_round_trips_through_the_admin_form(
    editor_client, filing, client
):
    """Chosen "alleen de maand": stored as the first of the month, shown selected,
    and the page says "augustus 2021"."""
    data = article_form(
        filing,
        publish_at_0="26-08-2021",
        publish_at_1="14:30:00",
        publish_precision="month",
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.publish_precision == "month"
    assert article.publish_at == datetime(2021, 8, 1, tzinfo=AMSTERDAM)
    assert article.first_published_at == article.publish_at
    form = editor_client.get(change_url(article)).content.decode()
    assert '<option value="month" selected>alleen de maand</option>' in form
    assert "1 augustus 2021" not in form.split('name="publish_precision"')[1]
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'Gepubliceerd <time datetime="2021-08">augustus 2021</time>' in page

    # Back to the minute: the time typed now is kept as it is.
    data = change_form(
        article,
        publish_at_0="26-08-2021",
        publish_at_1="14:30:00",
        publish_precision="minute",
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.publish_precision == "minute"
    assert article.publish_at == MOMENT


def test_a_form_without_the_precision_keeps_the_minute(editor_client, filing):
    """A post that lacks the field (an older copy of the form) saves to the minute."""
    data = article_form(filing)
    del data["publish_precision"]
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    assert Article.objects.get().publish_precision == "minute"


def test_a_bad_precision_is_refused_and_what_was_typed_stays(editor_client, filing):
    """ "week" is no choice: a Dutch message, the headline kept, nothing saved."""
    data = article_form(filing, publish_precision="week", headline="Mijn kop")
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "week is geen beschikbare keuze" in str(errors["publish_precision"])
    assert 'value="Mijn kop"' in response.content.decode()
    assert not Article.objects.exists()


def test_the_admin_list_shows_the_precision(editor_client, make_article):
    """The list's publication column: "augustus 2021", "26 augustus 2021", and a
    time only at minute precision."""
    for precision in ("month", "day", "minute"):
        make_article(
            headline=f"Stuk {precision}", publish_at=MOMENT, publish_precision=precision
        )
    html = editor_client.get("/admin/articles/article/").content.decode()
    cells = html.split('class="field-publication"')[1:]
    shown = sorted(cell[1 : cell.index("<")] for cell in cells)
    assert shown == ["26 augustus 2021", "26 augustus 2021, 14:30", "augustus 2021"]


def test_the_change_form_shows_first_publication_with_the_precision(
    editor_client, make_article
):
    """ "Eerst gepubliceerd" of a month-precise article: "augustus 2021", no 00:00."""
    article = make_article(publish_at=MOMENT, publish_precision="month")
    html = editor_client.get(change_url(article)).content.decode()
    field = html[html.index("field-first_publication") :]
    field = field[: field.index("</div>\n</div>")]
    assert "augustus 2021" in field and "00:00" not in field


def test_the_dashboard_shows_the_precision(editor_client, make_article):
    """Recently published: "augustus 2021" with datetime="2021-08"."""
    article = make_article(publish_at=MOMENT, publish_precision="month")
    article.publish_at = timezone.now()  # recent, and still known only to the month
    save_article(article)
    html = editor_client.get("/admin/").content.decode()
    month = timezone.localtime().strftime("%Y-%m")
    assert f'<time datetime="{month}">' in html


def test_a_revision_from_before_precisions_differs_in_nothing(make_article):
    """A snapshot without publish_precision was to the minute: no change shown."""
    article = make_article(publish_at=MOMENT)
    article.headline = "Nieuwe kop"
    save_article(article, new_version=True)
    old, new = Revision.objects.filter(article=article).order_by("version")
    del old.snapshot["publish_precision"]
    assert [diff.name for diff in diff_revisions(old, new)] == ["headline"]


def test_a_revision_diff_names_the_precision(make_article):
    """Changing the precision is a change the history shows, in Dutch."""
    article = make_article(publish_at=MOMENT)
    article.publish_precision = "day"
    save_article(article, new_version=True)
    old, new = Revision.objects.filter(article=article).order_by("version")
    changed = {diff.name: diff for diff in diff_revisions(old, new)}
    diff = changed["publish_precision"]
    assert diff.label == "Nauwkeurigheid"
    before = " ".join(text for op, text in diff.chunks if op != "insert")
    after = " ".join(text for op, text in diff.chunks if op != "delete")
    assert (before, after) == ("op de minuut", "alleen de dag")
