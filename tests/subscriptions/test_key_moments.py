"""A live article's followers get its key moments, through the real path: the form
on the live page, an entry saved by the desk's service, the claim on commit, the
mail as the SMTP server received it."""

import pytest

from articles.live.services import close_coverage, post_entry, save_entry
from articles.models import Article
from subscriptions.models import SendLog
from tests.subscriptions.conftest import links, parts, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(make_article):
    return make_article(
        headline="Storm trekt over het land",
        lede="Code rood in het noorden. Alles over de storm.",
        kind=Article.Kind.LIVE,
    )


def _follow_live(client, smtp, blog, email):
    page = client.get(blog.get_absolute_url()).content.decode()
    assert "Volg de kernmomenten" in page
    assert f'name="target" value="{blog.slug}"' in page
    response = post_form(
        client, "/volgen/", {"email": email, "kind": "live", "target": blog.slug}
    )
    assert response.status_code == 302
    [mail] = smtp.to(email)
    [confirm] = [u for u in links(parts(mail)[0]) if "/bevestig/" in u]
    assert (
        post_form(client, confirm.removeprefix("https://verklaring.test")).status_code
        == 302
    )
    smtp.messages.clear()


def test_a_key_moment_reaches_the_followers_once(
    client, smtp, blog, chief, django_capture_on_commit_callbacks
):
    _follow_live(client, smtp, blog, "lezer@voorbeeld.nl")

    with django_capture_on_commit_callbacks(execute=True):
        post_entry(blog, user=chief, body="<p>Het waait hard.</p>")
    assert smtp.messages == []  # not a key moment: nothing

    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(
            blog,
            user=chief,
            title="Afsluitdijk dicht",
            body="<p>Rijkswaterstaat sluit de Afsluitdijk.</p>",
            key_moment=True,
        )
    [alert] = smtp.to("lezer@voorbeeld.nl")
    assert alert["Subject"] == "Kernmoment: Afsluitdijk dicht"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = alert["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<https://verklaring.test/volgen/afmelden/")
    text, html = parts(alert)
    url = f"https://verklaring.test{blog.get_absolute_url()}#bericht-{entry.pk}"
    assert url in text and f'href="{url}"' in html
    assert "Kernmoment in Storm trekt over het land" in text
    assert "Afsluitdijk dicht" in html and "<img" not in html.lower()
    assert unsubscribe.strip("<>") in text

    # Saved again (an edit), the same entry sends nothing more.
    entry.body = "<p>Rijkswaterstaat sluit de Afsluitdijk voor alle verkeer.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        save_entry(entry, user=chief)
    assert len(smtp.to("lezer@voorbeeld.nl")) == 1
    log = SendLog.objects.get(entry=entry)
    assert (log.sent, log.failed) == (1, 0)
    assert not SendLog.objects.filter(
        entry=None
    ).exists()  # the article itself: not here


def test_an_entry_made_a_key_moment_later_is_sent_then(
    client, smtp, blog, chief, django_capture_on_commit_callbacks
):
    _follow_live(client, smtp, blog, "lezer@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(
            blog, user=chief, title="Dak eraf", body="<p>In Lelystad.</p>"
        )
    assert smtp.messages == []
    entry.key_moment = True
    with django_capture_on_commit_callbacks(execute=True):
        save_entry(entry, user=chief)
    [alert] = smtp.to("lezer@voorbeeld.nl")
    assert alert["Subject"] == "Kernmoment: Dak eraf"


def test_the_form_is_offered_only_while_the_coverage_is_open(client, blog, chief):
    close_coverage(blog, user=chief)
    page = client.get(blog.get_absolute_url()).content.decode()
    assert "Volg de kernmomenten" not in page
    assert 'name="kind" value="live"' not in page
