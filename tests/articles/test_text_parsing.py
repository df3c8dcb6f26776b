"""The import format, parsed without a database (articles/importing.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from articles.text_import import (
    SUBHEADING_MAX_LENGTH,
    ArticleTextError,
    ParsedArticle,
    is_subheading,
    parse_article_text,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

EXAMPLE = """date 2024-03-22 Aanslag bij Moskou: wat we weten

De eerste alinea wordt de intro.

Wie zit erachter
Een alinea mag over meerdere regels lopen;
die worden één alinea.

Wat nu
"""


def test_example_from_the_docstring():
    """The documented example gives date, headline, lede and body blocks."""
    parsed = parse_article_text(EXAMPLE)
    assert isinstance(parsed, ParsedArticle)
    assert parsed.published_on == date(2024, 3, 22)
    assert parsed.month_only is False
    assert parsed.headline == "Aanslag bij Moskou: wat we weten"
    assert parsed.lede == "De eerste alinea wordt de intro."
    assert parsed.blocks == [
        (
            "p",
            "Wie zit erachter Een alinea mag over meerdere regels lopen; "
            "die worden één alinea.",
        ),
        ("h2", "Wat nu"),
    ]


def test_first_paragraph_is_the_lede_and_the_rest_the_body():
    """The first paragraph becomes the lede; only later paragraphs are body blocks."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n\nIntro.\n\nTweede alinea.\n\nDerde alinea.\n"
    )
    assert parsed.lede == "Intro."
    assert parsed.blocks == [("p", "Tweede alinea."), ("p", "Derde alinea.")]


def test_lede_alone_gives_an_empty_body():
    """An article with only a lede has no body blocks and an empty body."""
    parsed = parse_article_text("date 2024-03-22 Kop\n\nAlleen een intro.")
    assert parsed.lede == "Alleen een intro."
    assert parsed.blocks == []
    assert parsed.body_html() == ""


def test_lede_may_follow_the_date_line_without_a_blank_line():
    """Text right under the date line is still the lede."""
    parsed = parse_article_text("date 2024-03-22 Kop\nIntro direct eronder.\n")
    assert parsed.lede == "Intro direct eronder."


def test_short_first_paragraph_is_the_lede_not_a_heading():
    """The lede is never a subheading, however short."""
    parsed = parse_article_text("date 2024-03-22 Kop\n\nKort\n\nMeer tekst.\n")
    assert parsed.lede == "Kort"
    assert parsed.blocks == [("p", "Meer tekst.")]


def test_multi_line_lede_is_joined_with_spaces():
    """A lede over several lines is one paragraph, its lines joined with spaces."""
    parsed = parse_article_text("date 2024-03-22 Kop\n\nEen\ntwee\ndrie.\n")
    assert parsed.lede == "Een twee drie."


def test_multi_line_block_is_one_paragraph():
    """Lines without a blank line between them form one paragraph."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n\nIntro.\n\nRegel een\nregel twee\nregel drie.\n"
    )
    assert parsed.blocks == [("p", "Regel een regel twee regel drie.")]


def test_multi_line_block_of_short_lines_is_not_a_heading():
    """Two short lines together are a paragraph, not two headings."""
    parsed = parse_article_text("date 2024-03-22 Kop\n\nIntro.\n\nKort\nook kort\n")
    assert parsed.blocks == [("p", "Kort ook kort")]


def test_several_blank_lines_separate_like_one():
    """Extra blank lines between paragraphs do not create empty paragraphs."""
    parsed = parse_article_text(
        "\n\ndate 2024-03-22 Kop\n\n\n\nIntro.\n\n\n\nTekst.\n\n\n"
    )
    assert parsed.lede == "Intro."
    assert parsed.blocks == [("p", "Tekst.")]


def test_standalone_short_line_is_a_subheading():
    """A short line standing alone between paragraphs becomes an h2."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n\nIntro.\n\nWie zit erachter\n\nDe groep.\n"
    )
    assert parsed.blocks == [("h2", "Wie zit erachter"), ("p", "De groep.")]


def test_last_block_can_be_a_subheading():
    """A standalone short line at the end of the file is still a subheading."""
    parsed = parse_article_text("date 2024-03-22 Kop\n\nIntro.\n\nTot slot")
    assert parsed.blocks == [("h2", "Tot slot")]


@pytest.mark.parametrize("ending", [".", "?", "!", ":"])
def test_line_ending_a_sentence_is_not_a_subheading(ending):
    """A short standalone line ending in . ? ! or : is a paragraph."""
    line = f"Dit is een zin{ending}"
    parsed = parse_article_text(f"date 2024-03-22 Kop\n\nIntro.\n\n{line}\n")
    assert parsed.blocks == [("p", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Hij zei: “We gaan door.”",
        "Hij zei: ‘We gaan door.’",
        'Hij zei: "We gaan door."',
        "Ze vroeg: “Waarom?”",
        "Ze riep: «Nu!»",
        "(Dat was het.)",
    ],
)
def test_sentence_ending_inside_closing_quotes_is_not_a_subheading(line):
    """A sentence ending in .” (or ?”, !», .) and the like) is not a heading."""
    parsed = parse_article_text(f"date 2024-03-22 Kop\n\nIntro.\n\n{line}\n")
    assert parsed.blocks == [("p", line)]


def test_quoted_title_without_sentence_end_is_a_subheading():
    """A short line in quotes that does not end a sentence is still a heading."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n\nIntro.\n\n“Wie zit erachter”\n\nTekst.\n"
    )
    assert parsed.blocks[0] == ("h2", "“Wie zit erachter”")


def test_subheading_length_limit_is_inclusive():
    """A line of exactly 80 characters is a heading; 81 characters is a paragraph."""
    at_limit = "a" * SUBHEADING_MAX_LENGTH
    over = "b" * (SUBHEADING_MAX_LENGTH + 1)
    assert SUBHEADING_MAX_LENGTH == 80
    parsed = parse_article_text(
        f"date 2024-03-22 Kop\n\nIntro.\n\n{at_limit}\n\n{over}\n"
    )
    assert parsed.blocks == [("h2", at_limit), ("p", over)]


def test_heading_length_counts_characters_not_bytes():
    """The 80-character limit counts letters, so non-Latin headings qualify."""
    heading = "د" * SUBHEADING_MAX_LENGTH
    assert len(heading.encode()) > SUBHEADING_MAX_LENGTH
    assert is_subheading(heading)


def test_is_subheading_rejects_empty_and_closers_only():
    """An empty line or one of only quotes/brackets is not a heading."""
    assert not is_subheading("")
    assert not is_subheading("”")
    assert not is_subheading("”)")


def test_crlf_line_endings_are_fine():
    """Windows (CRLF) and old Mac (CR) line endings parse like LF."""
    lf = parse_article_text(EXAMPLE)
    assert parse_article_text(EXAMPLE.replace("\n", "\r\n")) == lf
    assert parse_article_text(EXAMPLE.replace("\n", "\r")) == lf


def test_byte_order_mark_is_ignored():
    """A UTF-8 BOM before the date line does not break the date line."""
    parsed = parse_article_text("\ufeff" + EXAMPLE)
    assert parsed == parse_article_text(EXAMPLE)
    assert parsed.published_on == date(2024, 3, 22)


def test_stray_whitespace_tabs_and_non_breaking_spaces_are_normalised():
    """Tabs, non-breaking and repeated spaces become single spaces, ends trimmed."""
    text = (
        "  \tdate\u00a02024-03-22\t\tAanslag\u00a0bij   Moskou  \n"
        " \t \n"
        "\u00a0De\teerste  alinea.\u00a0\n"
        "\u00a0\u00a0\n"
        "\tWie zit\u202ferachter\t\n"
        "   \n"
        "Tekst\u2009hier.  \n"
    )
    parsed = parse_article_text(text)
    assert parsed.published_on == date(2024, 3, 22)
    assert parsed.headline == "Aanslag bij Moskou"
    assert parsed.lede == "De eerste alinea."
    assert parsed.blocks == [("h2", "Wie zit erachter"), ("p", "Tekst hier.")]


def test_whitespace_only_lines_separate_paragraphs():
    """A line of only spaces, tabs or non-breaking spaces counts as blank."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n \t\nIntro.\n\u00a0\nTekst.\n\u200b\nMeer.\n"
    )
    assert parsed.lede == "Intro."
    assert parsed.blocks == [("p", "Tekst."), ("p", "Meer.")]


def test_curly_quotes_are_kept_as_typed():
    """Curly quotes in headline and text survive unchanged."""
    parsed = parse_article_text(
        "date 2024-03-22 ‘Dit is geen oorlog’, zegt minister\n\n"
        "“Wij zijn klaar”, zei ze.\n"
    )
    assert parsed.headline == "‘Dit is geen oorlog’, zegt minister"
    assert parsed.lede == "“Wij zijn klaar”, zei ze."


def test_zero_width_non_joiner_inside_words_is_kept():
    """ZWNJ inside Persian/Pashto words is spelling and stays; at line ends it goes."""
    word = "می\u200cشود"
    parsed = parse_article_text(
        f"date 2024-03-22 {word}\n\n\u200c{word} در کابل.\u200c\n"
    )
    assert parsed.headline == word
    assert parsed.lede == f"{word} در کابل."


def test_text_is_nfc_normalised():
    """Decomposed accents are composed, so é typed either way is the same letter."""
    parsed = parse_article_text("date 2024-03-22 Cafe\u0301\n\nE\u0301e\u0301n.\n")
    assert parsed.headline == "Café"
    assert parsed.lede == "Één."


def test_non_latin_headline_and_text():
    """Headlines and text in other scripts are kept letter for letter."""
    parsed = parse_article_text(
        "date 2021-08-26 د کابل هوايي ډګر\n\nΑθήνα: νέα μέτρα.\n"
    )
    assert parsed.headline == "د کابل هوايي ډګر"
    assert parsed.lede == "Αθήνα: νέα μέτρα."


def test_date_keyword_is_case_insensitive():
    """'Date' or 'DATE' works as well as 'date'."""
    assert parse_article_text("Date 2024-03-22 Kop\n\nIntro.\n").headline == "Kop"
    assert parse_article_text("DATE 2024-03-22 Kop\n\nIntro.\n").headline == "Kop"


def test_month_only_date_line():
    """'date YYYY-MM' is the first of that month and is marked month_only."""
    parsed = parse_article_text("date 2024-03 Kop\n\nIntro.\n")
    assert parsed.published_on == date(2024, 3, 1)
    assert parsed.month_only is True
    assert parsed.headline == "Kop"


def test_month_only_date_line_with_a_headline_starting_with_a_number():
    """'date 2024-03 22 doden' is month-only with the headline '22 doden'."""
    parsed = parse_article_text("date 2024-03 22 doden bij aanslag\n\nIntro.\n")
    assert parsed.published_on == date(2024, 3, 1)
    assert parsed.headline == "22 doden bij aanslag"


def test_single_digit_month_and_day():
    """'date 2024-3-5' is 5 March 2024."""
    parsed = parse_article_text("date 2024-3-5 Kop\n\nIntro.\n")
    assert parsed.published_on == date(2024, 3, 5)


def test_leap_day_exists_in_a_leap_year():
    """29 February is accepted in a leap year."""
    parsed = parse_article_text("date 2024-02-29 Kop\n\nIntro.\n")
    assert parsed.published_on == date(2024, 2, 29)


def test_publish_time_is_midnight_in_the_given_zone():
    """publish_time is 00:00 of the date line, in Amsterdam time (CET or CEST)."""
    winter = parse_article_text("date 2024-01-15 Kop\n\nIntro.\n")
    summer = parse_article_text("date 2024-07-15 Kop\n\nIntro.\n")
    assert winter.publish_time(AMSTERDAM) == datetime(2024, 1, 15, tzinfo=AMSTERDAM)
    assert winter.publish_time(AMSTERDAM).utcoffset().total_seconds() == 3600
    assert summer.publish_time(AMSTERDAM).utcoffset().total_seconds() == 7200
    assert summer.publish_time(AMSTERDAM).isoformat() == "2024-07-15T00:00:00+02:00"


def test_publish_time_on_a_dst_change_day_is_midnight():
    """On the day the clocks go forward, midnight is still 00:00 (+01:00)."""
    parsed = parse_article_text("date 2024-03-31 Kop\n\nIntro.\n")
    assert parsed.publish_time(AMSTERDAM).isoformat() == "2024-03-31T00:00:00+01:00"


def test_body_html_uses_h2_and_p():
    """body_html renders the blocks as <h2> and <p>, in order."""
    parsed = parse_article_text(EXAMPLE)
    assert parsed.body_html() == (
        "<p>Wie zit erachter Een alinea mag over meerdere regels lopen; "
        "die worden één alinea.</p><h2>Wat nu</h2>"
    )


def test_body_html_escapes_html_in_the_text():
    """Markup typed in the file is text in body_html, never tags."""
    parsed = parse_article_text(
        "date 2024-03-22 Kop\n\nIntro.\n\n<script>alert(1)</script> A&B.\n\n"
        "<b>Vet</b>\n"
    )
    html = parsed.body_html()
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; A&amp;B.</p>" in html
    assert "<h2>&lt;b&gt;Vet&lt;/b&gt;</h2>" in html


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "   \t\n \u00a0 \n\r\n", "\ufeff", "\ufeff\n\u200b\n"],
    ids=["empty", "newlines", "whitespace", "bom", "invisibles"],
)
def test_empty_or_blank_text_is_rejected(text):
    """Empty or whitespace-only text is an error saying the file is empty."""
    with pytest.raises(ArticleTextError, match="Het bestand is leeg"):
        parse_article_text(text)


@pytest.mark.parametrize(
    "first_line",
    [
        "Aanslag bij Moskou",
        "datum 2024-03-22 Kop",
        "date 22-03-2024 Kop",
        "date 2024/03/22 Kop",
        "date 24-03-22 Kop",
        "date 2024-03-22Kop",
        "date Kop",
    ],
)
def test_missing_or_malformed_date_line_is_rejected(first_line):
    """Without a valid date line the error names the format and quotes the line."""
    with pytest.raises(ArticleTextError) as caught:
        parse_article_text(f"{first_line}\n\nIntro.\n")
    message = str(caught.value)
    assert "De eerste regel moet beginnen met 'date JJJJ-MM-DD Kop'" in message
    assert first_line in message


def test_long_bad_first_line_is_cut_in_the_message():
    """The quoted first line in the error is cut to 120 characters."""
    with pytest.raises(ArticleTextError) as caught:
        parse_article_text("x" * 500 + "\n\nIntro.\n")
    assert "x" * 120 in str(caught.value)
    assert "x" * 121 not in str(caught.value)


@pytest.mark.parametrize(
    "date_text", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-13"]
)
def test_impossible_date_is_rejected(date_text):
    """A date that does not exist is an error naming that date."""
    with pytest.raises(ArticleTextError, match=f"De datum {date_text} bestaat niet"):
        parse_article_text(f"date {date_text} Kop\n\nIntro.\n")


@pytest.mark.parametrize(
    "line", ["date 2024-03-22", "date 2024-03-22   ", "date 2024-03", "date"]
)
def test_date_line_without_headline_is_rejected(line):
    """A date line with nothing after the date has no headline: an error."""
    with pytest.raises(ArticleTextError, match="date JJJJ-MM-DD Kop"):
        parse_article_text(f"{line}\n\nIntro.\n")


@pytest.mark.parametrize(
    "text",
    ["date 2024-03-22 Kop", "date 2024-03-22 Kop\n", "date 2024-03-22 Kop\n \n\t\n"],
)
def test_date_line_without_any_text_after_it_is_rejected(text):
    """Only a date line (and blank lines) is an empty article: an error."""
    with pytest.raises(ArticleTextError, match="Na de datumregel staat geen tekst"):
        parse_article_text(text)


def test_article_text_error_is_a_value_error():
    """ArticleTextError is a ValueError, so generic callers can catch it."""
    assert issubclass(ArticleTextError, ValueError)
