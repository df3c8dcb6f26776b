"""import_article recognises posts: URL lines, pasted code, posts copied as text."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from embeds.models import Embed
from tests.helpers.samples.embeds import X_CODE, X_URL

pytestmark = pytest.mark.django_db

DOCUMENT = f"""date 2021-08-27 Wat we weten over de aanslag

De intro van het stuk.

Wat we zagen

https://twitter.com/janereporter/status/1430000000000000002?s=20

{X_CODE}

Een gewone alinea ertussen.



Eerste alinea van een lange post.

Tweede alinea, met een link https://example.org/verslag — Sam Field (@samfield) August 26, 2021

Slotalinea.
"""


def test_import_turns_each_kind_of_post_into_one_embed(tmp_path):
    """A URL line, a code block and a two-paragraph text post give three embeds."""
    path = tmp_path / "stuk.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_article", str(path), "--publish", stdout=out, stderr=StringIO()
    )
    article = Article.objects.get()
    assert out.getvalue().strip().splitlines()[-1] == article.get_absolute_url()
    embeds = {e.url: e for e in article.embeds.all()}
    assert "https://x.com/janereporter/status/1430000000000000002" in embeds
    assert X_URL in embeds and embeds[X_URL].author_name == "Jane Reporter"
    text_post = next(e for e in embeds.values() if e.source == "text")
    assert "Eerste alinea van een lange post." in text_post.text
    assert "Tweede alinea" in text_post.text
    assert text_post.author_handle.lstrip("@") == "samfield"
    assert len(embeds) == 3
    body = article.body
    assert "<h2>Wat we zagen</h2>" in body
    assert "Een gewone alinea ertussen." in body and "Slotalinea." in body
    assert "Eerste alinea van een lange post." not in body
    assert "blockquote" not in body and "script" not in body
    assert (
        body.index("Een gewone alinea")
        < body.index(text_post.url)
        < body.index("Slotalinea")
    )


def test_failed_import_archives_no_post(tmp_path):
    """An import refused for an unknown author leaves no archived post behind."""
    path = tmp_path / "stuk.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    with pytest.raises(Exception, match="auteur"):
        call_command(
            "import_article", str(path), "--author", "niemand", stdout=StringIO()
        )
    assert Embed.objects.count() == 0 and Article.objects.count() == 0
