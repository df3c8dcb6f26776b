"""Dutch first, English under /en/: the URL picks the language, the catalog is whole.

Source strings are Dutch; locale/en/LC_MESSAGES/django.po translates them. After
``make messages`` every entry must be translated and the committed .mo recompiled.
"""

import ast
import gettext
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation

from articles.models import Article

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = CATALOG / "django.po"
MO_FILE = CATALOG / "django.mo"
AUGUST = datetime(2025, 8, 14, 10, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass
class PoEntry:
    flags: set[str]
    fields: dict[str, str]

    @property
    def msgid(self) -> str:
        return self.fields["msgid"]

    @property
    def translations(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]


def read_po(path: Path) -> list[PoEntry]:
    """The entries of a .po file (header included, obsolete ``#~`` ones left out)."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
        flags, fields, key = set(), {}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := _KEYWORD.match(line):
                key = match[1]
                fields[key] = ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if "msgid" in fields:
            entries.append(PoEntry(flags, fields))
    return entries


def po_messages() -> list[PoEntry]:
    """The translatable entries: every entry but the header."""
    return [entry for entry in read_po(PO_FILE) if entry.msgid]


class _Missing(gettext.NullTranslations):
    """A fallback that marks a message the .mo does not hold."""

    def gettext(self, message):
        return MISSING

    def ngettext(self, singular, plural, n):
        return MISSING

    def pgettext(self, context, message):
        return MISSING

    def npgettext(self, context, singular, plural, n):
        return MISSING


MISSING = "\0missing from the .mo\0"


@pytest.fixture
def explainer(make_article):
    """A published explainer from 14 August 2025."""
    return make_article(
        headline="Wat we weten", kind=Article.Kind.EXPLAINER, publish_at=AUGUST
    )


def test_dutch_home_page_is_dutch(client, make_article):
    """/ is served in Dutch: lang="nl" and the Dutch labels."""
    make_article()
    make_article()
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in content
    assert response["Content-Language"] == "nl"
    assert "Laatste artikelen" in content
    assert "Naar de inhoud" in content
    assert "Latest articles" not in content


def test_english_home_page_is_english(client, make_article):
    """/en/ is served in English, and its links stay under /en/."""
    make_article()
    make_article()
    response = client.get("/en/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert response["Content-Language"] == "en"
    assert "Latest articles" in content
    assert "Skip to content" in content
    assert "Laatste artikelen" not in content
    assert 'href="/en/sectie/buitenland/"' in content


def test_empty_home_page_says_so_in_each_language(client, db):
    """Without articles, the empty-list notice is Dutch on / and English on /en/."""
    assert "Hier zijn nog geen artikelen gepubliceerd." in client.get("/").text
    assert "No articles have been published here yet." in client.get("/en/").text


def test_english_article_page_has_english_labels(client, explainer):
    """/en/artikel/<slug>/ answers 200 with English labels and the kind translated."""
    response = client.get(f"/en/artikel/{explainer.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert "Published" in content
    assert "Gepubliceerd" not in content
    assert 'class="byline">By ' in content
    assert "Explainer" in content
    assert "Uitleg" not in content


def test_dutch_article_page_has_dutch_labels(client, explainer):
    """The same article without prefix keeps the Dutch labels and kind."""
    content = client.get(f"/artikel/{explainer.slug}/").content.decode()
    assert "Gepubliceerd" in content
    assert 'class="byline">Door ' in content
    assert "Uitleg" in content
    assert "Explainer" not in content


def test_month_names_follow_the_page_language(client, explainer):
    """Dates read "14 augustus 2025" on the Dutch page, "14 August 2025" in English."""
    dutch = client.get(f"/artikel/{explainer.slug}/").content.decode()
    english = client.get(f"/en/artikel/{explainer.slug}/").content.decode()
    assert "14 augustus 2025" in dutch
    assert "August" not in dutch
    assert "14 August 2025" in english
    assert "augustus" not in english


def test_accept_language_does_not_change_the_dutch_site(client, make_article):
    """A browser asking for English on / still gets Dutch: the URL decides."""
    make_article()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert response["Content-Language"] == "nl"
    assert "Laatste artikelen" in content
    assert "Latest articles" not in content


def test_accept_language_does_not_change_the_english_site(client, make_article):
    """A browser asking for Dutch on /en/ still gets English."""
    make_article()
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en">' in response.content.decode()
    assert "Latest articles" in response.content.decode()


def test_admin_stays_dutch_for_an_english_browser(client, db):
    """The admin has no /en/ prefix, so it is Dutch whatever the browser asks."""
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.parametrize("path", ["/en/bestaat-niet/", "/en/artikel/bestaat-niet/"])
def test_english_404_page_is_english(client, db, path):
    """A missing page under /en/ gets the 404 page in English, linking to /en/."""
    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in content
    assert "Page not found" in content
    assert "Pagina niet gevonden" not in content
    assert 'href="/en/"' in content


def test_dutch_404_page_is_dutch(client, db):
    """A missing page without prefix gets the Dutch 404 page."""
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_english_withdrawn_article_page_is_english(client, make_article):
    """A withdrawn article under /en/ answers 410 in English."""
    article = make_article()
    article.status = Article.Status.UNPUBLISHED
    article.save()
    response = client.get(f"/en/artikel/{article.slug}/")
    assert response.status_code == 410
    assert "This article has been withdrawn" in response.content.decode()


def test_po_parser_reads_the_catalog():
    """The small .po parser finds the messages it is meant to check."""
    messages = {entry.msgid: entry.translations for entry in po_messages()}
    assert messages["Laatste artikelen"] == ["Latest articles"]
    assert messages["Pagina %(number)s van %(total)s"] == [
        "Page %(number)s of %(total)s"
    ]
    assert len(messages) > 50


def test_every_message_is_translated():
    """Every msgid in the English .po has a non-empty msgstr."""
    untranslated = [
        entry.msgid
        for entry in po_messages()
        if not entry.translations or not all(entry.translations)
    ]
    assert untranslated == []


def test_no_entry_is_fuzzy():
    """No entry of the English .po, the header included, is marked fuzzy."""
    fuzzy = [entry.msgid for entry in read_po(PO_FILE) if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_placeholders_survive_translation():
    """Each translation keeps exactly the %(name)s placeholders of its source: msgstr[0]
    those of msgid, the other plural forms those of msgid_plural (as msgfmt -c checks;
    a {% plural %} may add the count, as in "deze %(counter)s velden")."""
    changed = []
    for entry in po_messages():
        plural = entry.fields.get("msgid_plural", entry.msgid)
        for index, text in enumerate(entry.translations):
            source = entry.msgid if index == 0 else plural
            if sorted(_PLACEHOLDER.findall(text)) != sorted(
                _PLACEHOLDER.findall(source)
            ):
                changed.append(entry.msgid)
    assert changed == []


def test_po_header_is_filled_in():
    """The header names the language, UTF-8 and English plurals, no placeholders."""
    header = next(entry for entry in read_po(PO_FILE) if not entry.msgid)
    text = header.fields["msgstr"]
    assert "Language: en\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in text
    for placeholder in ("FULL NAME", "EMAIL@ADDRESS", "PACKAGE VERSION", "YEAR-MO"):
        assert placeholder not in text


def test_mo_file_is_compiled_from_the_current_po():
    """The .mo holds every msgid/msgstr pair of the .po: it was recompiled."""
    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    compiled.add_fallback(_Missing())
    assert compiled.info()["language"] == "en"
    stale = []
    for entry in po_messages():
        context, plural = entry.fields.get("msgctxt"), entry.fields.get("msgid_plural")
        if plural is None:
            expected = [entry.fields["msgstr"]]
            if context is None:
                found = [compiled.gettext(entry.msgid)]
            else:
                found = [compiled.pgettext(context, entry.msgid)]
        else:
            expected = [entry.fields["msgstr[0]"], entry.fields["msgstr[1]"]]
            if context is None:
                found = [compiled.ngettext(entry.msgid, plural, n) for n in (1, 2)]
            else:
                found = [
                    compiled.npgettext(context, entry.msgid, plural, n) for n in (1, 2)
                ]
        if found != expected:
            stale.append(entry.msgid)
    assert stale == []


def test_a_request_for_english_leaves_english_active_in_its_thread(client, db):
    assert client.get("/en/").status_code == 200
    assert translation.get_language() == "en"  # newsroom/middleware.py


def test_the_next_test_starts_in_dutch():
    """The test before this one left English active: tests/conftest.py gives each
    test the default language back."""
    assert translation.get_language() == "nl"
