"""One reader in Chromium: the form on a topic page, the confirmation mail as the
SMTP server received it, the confirm button, an alert for an article published
through the real claim path, the unsubscribe button, and nobody left. Axe at zero
on every follow page it passes, and the two mails rendered as a mail client would."""

import os
from pathlib import Path

import pytest

from articles.models import Topic
from subscriptions.models import Following, PendingConfirmation, SendLog, Subscriber
from tests.public.test_accessibility import axe_violations
from tests.subscriptions.conftest import links, parts

# Where the mails' screenshots go (FOLLOW_SHOTS to keep them; a temporary folder).
SHOTS = os.environ.get("FOLLOW_SHOTS")


def _axe(browser, url, shots, name):
    """Violations at 390 and 1280 px, light and dark; a screenshot of each."""
    problems = []
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            context = browser.new_context(
                color_scheme=scheme,
                viewport={"width": width, "height": 844},
                bypass_csp=True,  # our CSP rightly refuses the injected axe script
            )
            page = context.new_page()
            page.goto(url)
            page.screenshot(path=str(shots / f"{name}-{width}-{scheme}.png"))
            problems += [f"{url} {scheme} {width}: {v}" for v in axe_violations(page)]
            context.close()
    return problems


def _render_mail(browser, message, path):
    """The HTML part as a 600 px wide mail client shows it: nothing loaded."""
    context = browser.new_context(viewport={"width": 600, "height": 700})
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.set_content(parts(message)[1])
    page.screenshot(path=str(path), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert requests == []  # no image, font or pixel fetched
    assert width <= 600  # nothing scrolls sideways


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_follows_a_topic_in_the_browser_and_leaves_again(
    browser, live_server, smtp, settings, make_article, tmp_path
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    shots = Path(SHOTS) if SHOTS else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    topic = Topic.objects.create(name="Klimaat", slug="klimaat")
    make_article(headline="Ouder stuk", topics=[topic])
    problems = []

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/onderwerp/klimaat/")
    form = page.get_by_role("region", name="Volg dit onderwerp")
    form.get_by_label("Je e-mailadres").fill("lezer@voorbeeld.nl")
    form.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/volgen/kijk-in-je-mail/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in je mail"
    problems += _axe(browser, page.url, shots, "sent")

    [confirmation] = smtp.to("lezer@voorbeeld.nl")
    assert confirmation["Subject"] == "Bevestig: het onderwerp Klimaat volgen"
    [confirm] = [u for u in links(parts(confirmation)[0]) if "/bevestig/" in u]
    assert confirm.startswith(f"{live_server.url}/volgen/bevestig/")
    _render_mail(browser, confirmation, shots / "confirmation.png")
    problems += _axe(browser, confirm, shots, "confirm")  # opening it confirms nothing
    assert Subscriber.objects.get().confirmed_at is None

    page.goto(confirm)
    page.get_by_role("button", name="Bevestig").click()
    page.wait_for_url("**/volgen/beheer/**")
    assert Subscriber.objects.get().confirmed_at is not None
    assert "Klimaat" in page.get_by_role("list", name="Wat je volgt").inner_text()
    problems += _axe(browser, page.url, shots, "manage")

    article = make_article(
        headline="Zeespiegel stijgt sneller dan gedacht",
        lede="Nieuwe metingen langs de kust laten zien hoe snel het water stijgt.",
        topics=[topic],
    )  # create_article claims it; the signal goes on commit
    [alert] = [m for m in smtp.to("lezer@voorbeeld.nl") if m is not confirmation]
    assert alert["Subject"] == "Zeespiegel stijgt sneller dan gedacht"
    assert SendLog.objects.get(article=article).sent == 1
    text, html = parts(alert)
    assert f'href="{live_server.url}{article.get_absolute_url()}"' in html
    _render_mail(browser, alert, shots / "alert.png")
    unsubscribe = alert["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe in text
    problems += _axe(browser, unsubscribe, shots, "unsubscribe")

    page.goto(unsubscribe)
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_role("heading", name="Je bent afgemeld").wait_for()
    assert not Subscriber.objects.exists()
    assert not Following.objects.exists() and not PendingConfirmation.objects.exists()
    context.close()
    assert problems == [], "\n".join(problems)
