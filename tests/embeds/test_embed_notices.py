"""One notice per post that lacked data, naming it and saying what its card shows;
a provider that is down (a real loopback server answering 503) gives no more."""

from werkzeug import Response

from articles.models import Article
from embeds.models import Embed
from tests.helpers.forms import article_form
from tests.helpers.samples.embeds import SIGNATURE_TEXT

URLS = [f"https://x.com/user{i}/status/14300000000000000{i}" for i in range(5)]


def _offline(httpserver, settings):
    settings.EMBEDS_FETCH = True
    settings.EMBEDS_ALLOW_LOOPBACK = True
    settings.EMBEDS_OEMBED_ENDPOINTS = {"x": httpserver.url_for("/oembed")}
    httpserver.expect_request("/oembed").respond_with_response(
        Response("down", status=503)
    )


def _warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_offline_provider_gives_one_notice_per_post_naming_it(
    editor_client, filing, httpserver, settings
):
    """Five bare URLs, provider down: five different notices, each naming its post
    (platform, handle, URL) and what the card shows; none for a post pasted as text,
    whose card has its content."""
    _offline(httpserver, settings)
    body = "".join(f"<p>{url}</p>" for url in URLS) + f"<p>{SIGNATURE_TEXT}</p>"
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, body=body), follow=True
    )
    assert response.status_code == 200
    assert Article.objects.get().embeds.count() == 6
    warnings = _warnings(response)
    assert len(warnings) == len(set(warnings)) == 5
    for index, url in enumerate(URLS):
        assert warnings[index] == (
            f"X-bericht van {url}: X gaf nu geen gegevens; we vragen het "
            "later op de achtergrond opnieuw. Tot dan toont de kaart alleen X en een link naar het "
            "origineel."
        )
    assert not any("samfield" in warning for warning in warnings)
    assert len(httpserver.log) == 5  # asked once per post, in the immediate backend


def test_saving_again_does_not_repeat_the_notices(
    editor_client, filing, httpserver, settings
):
    """A second save of the same posts adds no notices (they are archived now)."""
    _offline(httpserver, settings)
    body = "".join(f"<p>{url}</p>" for url in URLS[:2])
    first = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, body=body), follow=True
    )
    assert len(_warnings(first)) == 2
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form(filing, headline="Tweede", body=body),
        follow=True,
    )
    assert _warnings(response) == []
    assert Embed.objects.count() == 2


def test_queued_fetch_says_it_happens_in_the_background(make_article, settings):
    """With the fetch still queued, the notice says so (and names the post)."""
    from django.db import transaction

    from embeds.services import lacking_notice

    embed = Embed(url=URLS[0], provider="x", author_handle="@user0")
    with transaction.atomic():
        notice = lacking_notice(embed, pending=True)
    assert notice == (
        f"X-bericht van @user0 ({URLS[0]}): de gegevens worden op de achtergrond "
        "opgehaald. Tot dan toont de kaart alleen X en een link naar het origineel."
    )
    assert lacking_notice(Embed(url=URLS[0], provider="x", text="Iets")) is None
