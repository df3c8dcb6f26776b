"""One reader, from the form on a topic page through an alert to one-click
unsubscribe, with every mail read as the SMTP server received it."""

from urllib.parse import urlsplit

import pytest

from articles.models import Article, Topic
from articles.signals import article_became_visible
from subscriptions.models import SendLog, Subscriber
from tests.subscriptions.conftest import links, parts, post_form

pytestmark = pytest.mark.django_db


def _path(url):
    return urlsplit(url).path


def test_a_reader_follows_a_topic_gets_one_alert_and_unsubscribes(
    client, smtp, make_article
):
    """Subscribe, confirm, one alert (a second signal sends nothing), one-click
    unsubscribe, then nothing more."""
    topic = Topic.objects.create(name="Klimaat", slug="klimaat")
    make_article(headline="Ouder stuk", topics=[topic])
    page = client.get(f"/onderwerp/{topic.slug}/")
    assert 'name="kind" value="topic"' in page.content.decode()
    response = post_form(
        client,
        "/volgen/",
        {"email": "Lezer@Voorbeeld.nl", "kind": "topic", "target": "klimaat"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert client.get(response["Location"]).status_code == 200
    assert "Kijk in je mail" in client.get(response["Location"]).content.decode()

    [mail] = smtp.to("lezer@voorbeeld.nl")
    assert mail["Subject"] == "Bevestig: het onderwerp Klimaat volgen"
    assert mail["From"] == "De Verklaring <alerts@verklaring.test>"
    text, html = parts(mail)
    [confirm] = [u for u in links(text) if "/bevestig/" in u]
    assert confirm in html and "<img" not in html
    # Opening the link (a mail scanner would) confirms nothing.
    assert client.get(_path(confirm)).status_code == 200
    assert Subscriber.objects.get().confirmed_at is None
    response = post_form(client, _path(confirm))
    assert response.status_code == 302 and "/volgen/beheer/" in response["Location"]
    assert Subscriber.objects.get().confirmed_at is not None
    assert post_form(client, _path(confirm)).status_code == 410  # used up

    article = make_article(
        headline="Zeespiegel stijgt sneller",
        lede="Nieuwe metingen laten zien hoe snel.",
        topics=[topic],
    )
    article_became_visible.send(sender=Article, article=article)
    [alert] = [m for m in smtp.to("lezer@voorbeeld.nl") if m is not mail]
    assert alert["Subject"] == "Zeespiegel stijgt sneller"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = alert["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("https://verklaring.test/volgen/afmelden/")
    text, html = parts(alert)
    url = f"https://verklaring.test{article.get_absolute_url()}"
    assert url in text and f'href="{url}"' in html
    assert "Nieuwe metingen laten zien hoe snel." in text
    assert "Nieuwe metingen laten zien hoe snel." in html
    assert all("?" not in link for link in links(text) + links(html))
    assert "<img" not in html.lower()

    article_became_visible.send(sender=Article, article=article)
    assert len(smtp.to("lezer@voorbeeld.nl")) == 2
    assert SendLog.objects.get(article=article).sent == 1

    # The mail client's one-click POST: no cookie, no CSRF token.
    one_click = client.__class__(enforce_csrf_checks=True)
    response = post_form(
        one_click, _path(unsubscribe), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()

    third = make_article(headline="Derde stuk", topics=[topic])
    article_became_visible.send(sender=Article, article=third)
    assert len(smtp.to("lezer@voorbeeld.nl")) == 2
    assert SendLog.objects.get(article=third).sent == 0
