"""Limits, expiry, bounces, withdrawn articles, batches and digests, against the
loopback SMTP server."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Author, Topic
from articles.signals import article_became_visible
from subscriptions import services
from subscriptions.models import DigestRun, SendLog, Subscriber
from subscriptions.tasks import enqueue_due_digest
from tests.subscriptions.conftest import links, parts, post_form

pytestmark = pytest.mark.django_db


def _follow(email, *, topic=None, author=None, mode="instant"):
    kind = "topic" if topic else "author" if author else "daily"
    pending = services.request_following(email, kind, topic or author)
    subscriber = services.confirm(pending)
    subscriber.followings.update(mode=mode)
    return subscriber


def _ask(client, email, ip="203.0.113.7"):
    return post_form(
        client,
        "/volgen/",
        {"email": email, "kind": "daily", "target": ""},
        REMOTE_ADDR=ip,
    )


def test_confirmation_mails_to_one_address_stop_at_three_a_day(client, smtp):
    """The fourth request for one address is a friendly 429 that keeps the address."""
    for _ in range(3):
        assert _ask(client, "a@voorbeeld.nl").status_code == 302
    response = _ask(client, "A@voorbeeld.nl")
    assert response.status_code == 429
    assert 'value="A@voorbeeld.nl"' in response.content.decode()
    assert "Probeer het over een uur" in response.content.decode()
    assert len(smtp.to("a@voorbeeld.nl")) == 3


def test_one_network_is_limited_whatever_the_addresses(client, smtp):
    """Twenty requests from one /24 pass, the 21st (another host there) does not;
    another network still may."""
    for n in range(20):
        assert (
            _ask(client, f"l{n}@voorbeeld.nl", ip=f"198.51.100.{n}").status_code == 302
        )
    assert _ask(client, "x@voorbeeld.nl", ip="198.51.100.200").status_code == 429
    assert _ask(client, "x@voorbeeld.nl", ip="192.0.2.1").status_code == 302


def test_an_ipv6_network_is_a_slash_64(client, smtp):
    for n in range(20):
        _ask(client, f"v{n}@voorbeeld.nl", ip=f"2001:db8:0:1::{n + 1:x}")
    assert _ask(client, "y@voorbeeld.nl", ip="2001:db8:0:1:ffff::1").status_code == 429
    assert _ask(client, "y@voorbeeld.nl", ip="2001:db8:0:2::1").status_code == 302


def test_the_limit_expires(client, smtp):
    """The counters live in the cache with a time to live."""
    for _ in range(3):
        _ask(client, "t@voorbeeld.nl")
    from django.core.cache import cache

    cache.clear()  # what the time to live does after a day
    assert _ask(client, "t@voorbeeld.nl").status_code == 302


def test_a_bad_address_is_refused_and_kept(client, smtp):
    response = _ask(client, "geen adres")
    assert response.status_code == 400
    assert 'value="geen adres"' in response.content.decode()
    assert "geen geldig e-mailadres" in response.content.decode()
    assert not Subscriber.objects.exists() and not smtp.messages


def test_a_post_from_another_site_is_refused(client, smtp):
    response = post_form(
        client,
        "/volgen/",
        {"email": "c@voorbeeld.nl", "kind": "daily"},
        HTTP_ORIGIN="https://kwaadaardig.test",
    )
    assert response.status_code == 403 and not smtp.messages


def test_a_confirmation_link_expires_after_48_hours(client, smtp):
    _ask(client, "e@voorbeeld.nl")
    [link] = [u for u in links(parts(smtp.messages[0])[0]) if "/bevestig/" in u]
    path = link.removeprefix("https://verklaring.test")
    with time_machine.travel(timezone.now() + timedelta(hours=48, minutes=1)):
        assert client.get(path).status_code == 410
        assert post_form(client, path).status_code == 410
    assert Subscriber.objects.get().confirmed_at is None


def test_a_hard_bounce_suppresses_the_address(smtp, make_article):
    """A 550 at RCPT: counted as suppressed, and the address gets nothing more."""
    topic = Topic.objects.create(name="Asiel", slug="asiel")
    _follow("weg@voorbeeld.nl", topic=topic)
    _follow("wel@voorbeeld.nl", topic=topic)
    smtp.refuse.add("weg@voorbeeld.nl")
    article = make_article(topics=[topic])
    article_became_visible.send(sender=Article, article=article)
    log = SendLog.objects.get(article=article)
    assert (log.sent, log.suppressed, log.failed) == (1, 1, 0)
    gone = Subscriber.objects.get(email="weg@voorbeeld.nl")
    assert gone.suppressed_reason == "bounce" and gone.suppressed_at
    smtp.refuse.clear()
    second = make_article(topics=[topic])
    article_became_visible.send(sender=Article, article=second)
    assert [m["To"] for m in smtp.messages] == ["wel@voorbeeld.nl"] * 2


def test_a_reader_following_topic_and_author_gets_one_mail(smtp, make_article):
    topic = Topic.objects.create(name="Wonen", slug="wonen")
    author = Author.objects.create(name="Sam de Vries", slug="sam-de-vries")
    subscriber = _follow("beide@voorbeeld.nl", topic=topic)
    services.confirm(services.request_following(subscriber.email, "author", author))
    article = make_article(topics=[topic], authors=[author])
    article_became_visible.send(sender=Article, article=article)
    assert len(smtp.to("beide@voorbeeld.nl")) == 1


def test_a_withdrawn_article_is_not_sent(smtp, make_article):
    topic = Topic.objects.create(name="Zorg", slug="zorg")
    _follow("z@voorbeeld.nl", topic=topic)
    article = make_article(topics=[topic])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    article_became_visible.send(sender=Article, article=article)
    assert not smtp.messages
    assert SendLog.objects.get(article=article).skipped


def test_alerts_go_in_batches(smtp, make_article, settings):
    """Five readers, batches of two: three batches, each over its own connection,
    everyone once."""
    settings.MAIL_BATCH_SIZE = 2
    topic = Topic.objects.create(name="Energie", slug="energie")
    for n in range(5):
        _follow(f"b{n}@voorbeeld.nl", topic=topic)
    article = make_article(topics=[topic])
    article_became_visible.send(sender=Article, article=article)
    assert sorted(m["To"] for m in smtp.messages) == [
        f"b{n}@voorbeeld.nl" for n in range(5)
    ]
    log = SendLog.objects.get(article=article)
    assert log.sent == 5 and log.finished_at


def test_the_digest_goes_once_a_day_after_its_time(smtp, make_article, settings):
    """Daily followers get one mail with the day's articles; a second run that day
    sends nothing; before DIGEST_TIME nothing starts."""
    settings.DIGEST_TIME = "07:00"
    topic = Topic.objects.create(name="Onderwijs", slug="onderwijs")
    _follow("dag@voorbeeld.nl", topic=topic, mode="daily")
    _follow("alles@voorbeeld.nl", mode="daily")  # the daily update: everything
    local = timezone.get_default_timezone()
    evening = timezone.make_aware(timezone.datetime(2025, 9, 1, 20, 0), local)
    with time_machine.travel(evening, tick=False):
        on_topic = make_article(headline="Scholen open", topics=[topic])
        other = make_article(headline="Iets anders")
        for article in (on_topic, other):
            article_became_visible.send(sender=Article, article=article)
    assert not smtp.messages  # daily mode: no instant alert
    with time_machine.travel(evening + timedelta(hours=10), tick=False):  # 06:00
        assert enqueue_due_digest() is None
    with time_machine.travel(evening + timedelta(hours=11, minutes=5), tick=False):
        assert enqueue_due_digest() is not None
        assert enqueue_due_digest() is None
    [mine] = smtp.to("dag@voorbeeld.nl")
    text, html = parts(mine)
    assert "Scholen open" in text and "Iets anders" not in text
    [everything] = smtp.to("alles@voorbeeld.nl")
    assert (
        "Scholen open" in parts(everything)[0] and "Iets anders" in parts(everything)[0]
    )
    assert DigestRun.objects.get().sent == 2


def test_publishing_alerts_on_commit_and_an_editors_ask_sends_once_more(
    smtp, make_article, django_capture_on_commit_callbacks
):
    """The articles side's own signal, not one sent by the test: publishing claims
    the article and, on commit, the alert leaves; saving it again sends nothing;
    the editor's "Stuur opnieuw een alert" (alert_again) sends one more round."""
    from articles.alerts.claims import alert_again

    topic = Topic.objects.create(name="Water", slug="water")
    _follow("lezer@voorbeeld.nl", topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(headline="Dijken verhoogd", topics=[topic])
    assert [m["Subject"] for m in smtp.to("lezer@voorbeeld.nl")] == ["Dijken verhoogd"]
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert len(smtp.to("lezer@voorbeeld.nl")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_again(article, at=timezone.now() + timedelta(seconds=5))
    assert len(smtp.to("lezer@voorbeeld.nl")) == 2
    assert SendLog.objects.get(article=article).sent == 2


def test_an_alert_sent_again_for_a_correction_says_so(
    smtp, make_article, django_capture_on_commit_callbacks
):
    """The round an editor asks for on a correction: its subject and both parts
    name the correction and give its text; the first alert named none."""
    from articles.alerts.claims import alert_again
    from articles.models import ArticleNote

    topic = Topic.objects.create(name="Water", slug="water")
    _follow("lezer@voorbeeld.nl", topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(headline="Dijken verhoogd", topics=[topic])
    note = ArticleNote.objects.create(
        article=article, kind="correction", text="De dijk ging 2 meter omhoog, niet 3."
    )
    later = timezone.now() + timedelta(seconds=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_again(article, at=later, note=note)
    first, again = smtp.to("lezer@voorbeeld.nl")
    assert first["Subject"] == "Dijken verhoogd"
    assert again["Subject"] == "Correctie: Dijken verhoogd"
    for part in parts(again):
        assert "Correctie bij een artikel dat je eerder kreeg" in part
        assert "De dijk ging 2 meter omhoog, niet 3." in part
    assert "orrectie" not in "".join(parts(first))
    assert SendLog.objects.get(article=article).note == note


@pytest.mark.parametrize("kind", ["topic", "author"])
def test_what_only_drafts_use_cannot_be_followed(client, smtp, make_article, kind):
    """A topic or author that only a draft uses has no page; a crafted post for it
    is refused like an unknown one, stores nothing and mails no name."""
    topic = Topic.objects.create(name="Geheim plan", slug="geheim-plan", approved=True)
    author = Author.objects.create(name="Nog Onbekend", slug="nog-onbekend")
    make_article(topics=[topic], authors=[author], status=Article.Status.DRAFT)
    slug = topic.slug if kind == "topic" else author.slug
    response = post_form(
        client,
        "/volgen/",
        {"email": "nieuwsgierig@voorbeeld.nl", "kind": kind, "target": slug},
    )
    assert response.status_code == 400
    assert "Dit kun je niet volgen." in response.content.decode()
    assert not Subscriber.objects.exists() and smtp.messages == []
    make_article(topics=[topic], authors=[author])  # published: now it can
    response = post_form(
        client,
        "/volgen/",
        {"email": "nieuwsgierig@voorbeeld.nl", "kind": kind, "target": slug},
    )
    assert response.status_code == 302
