"""The newsroom's own pages (flatpages), and the article page's breadcrumbs, share
link, related articles and Open Graph tags."""

import re

import pytest
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.images.services import store_upload
from articles.models import Article, Topic
from tests.helpers.html import (
    json_ld,
    local_name,
    meta_content,
    parse_fragment,
    select,
)
from tests.helpers.samples.images import encode, scene

PAGES = {
    "/over-ons/": "Over ons",
    "/colofon/": "Colofon",
    "/correctiebeleid/": "Correctiebeleid",
    "/privacy/": "Privacy",
    "/contact/": "Contact",
}


def meta(html: str, key: str) -> list[str]:
    """The content of every <meta property|name=key>."""
    return meta_content(html).get(key, [])


def tags(html: str) -> list[tuple[str, dict]]:
    """Each element of the fragment ``html`` with its attributes, in order."""
    return [
        (local_name(element.tag), dict(element.attrib))
        for element in select(parse_fragment(html))
    ]


def section_of(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.mark.parametrize(("url", "title"), PAGES.items())
def test_newsroom_page_answers_with_its_title(client, db, url, title):
    """Each of the five pages exists after migrating, in Dutch, on site 1."""
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert f"<title>{title} · {settings.SITE_NAME}</title>" in html
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in html
    assert '<html lang="nl">' in html


def test_site_one_takes_its_domain_from_site_url(db):
    from django.contrib.sites.models import Site

    assert (
        Site.objects.get(pk=settings.SITE_ID).domain
        == (settings.SITE_URL.split("://", 1)[1])
    )


def test_page_text_is_edited_in_the_database(client, db):
    """What an editor saves in the admin is what readers see."""
    page = FlatPage.objects.get(url="/colofon/")
    page.content = "<p>Hoofdredacteur: Anna de Vries.</p>"
    page.save()
    assert "Hoofdredacteur: Anna de Vries." in client.get("/colofon/").content.decode()


def test_the_hoofdredactie_can_change_a_page(chief_client, db):
    """The newsroom's pages are the Hoofdredactie's (flatpages: CHIEF_APPS)."""
    page = FlatPage.objects.get(url="/privacy/")
    response = chief_client.get(f"/admin/flatpages/flatpage/{page.pk}/change/")
    assert response.status_code == 200


def test_only_the_five_pages_are_served(client, db):
    """No catch-all: another flatpage's URL is not a public page."""
    FlatPage.objects.create(url="/geheim/", title="Geheim", content="x").sites.add(1)
    assert client.get("/geheim/").status_code == 404
    assert "flatpages" not in " ".join(settings.MIDDLEWARE)


@pytest.fixture
def article(make_article):
    article = make_article(headline="Wat er gebeurde in Kabul")
    article.topics.add(Topic.objects.create(name="Afghanistan", slug="afghanistan"))
    article.topics.add(Topic.objects.create(name="ISKP", slug="iskp"))
    return article


@pytest.mark.parametrize("which", ["home", "home-en", "article", "section", "page"])
def test_footer_links_to_every_page(client, article, which):
    url = {
        "home": "/",
        "home-en": "/en/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "page": "/contact/",
    }[which]
    html = client.get(url).content.decode()
    footer = section_of(html, '<footer class="site-footer">', "</footer>")
    for page in PAGES:
        assert f'href="{page}"' in footer


def test_footer_marks_the_current_page(client, db):
    html = client.get("/privacy/").content.decode()
    assert '<a href="/privacy/" aria-current="page">' in html


def test_home_json_ld_names_the_newsroom_and_its_policies(client, db):
    data = json_ld(client.get("/").content.decode())
    (newsroom,) = [item for item in data if item["@type"] == "NewsMediaOrganization"]
    assert newsroom["correctionsPolicy"] == f"{settings.SITE_URL}/correctiebeleid/"
    assert newsroom["publishingPrinciples"] == f"{settings.SITE_URL}/over-ons/"
    assert newsroom["masthead"] == f"{settings.SITE_URL}/colofon/"


def test_article_publisher_has_the_policies(client, article):
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    publisher = data[0]["publisher"]
    assert publisher["correctionsPolicy"] == f"{settings.SITE_URL}/correctiebeleid/"
    assert publisher["publishingPrinciples"] == f"{settings.SITE_URL}/over-ons/"


def test_article_page_has_breadcrumbs(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    crumbs = section_of(html, '<nav class="breadcrumbs"', "</nav>")
    assert 'aria-label="Kruimelpad"' in crumbs
    assert '<a href="/">Voorpagina</a>' in crumbs
    assert f'<a href="/sectie/{article.section.slug}/">Buitenland</a>' in crumbs
    assert '<li aria-current="page">Wat er gebeurde in Kabul</li>' in crumbs


def test_share_link_loads_nothing_from_elsewhere(client, article):
    """A mailto: link and the canonical URL to copy; no script, image or frame."""
    html = client.get(article.get_absolute_url()).content.decode()
    share = section_of(html, '<aside class="share"', "</aside>")
    canonical = f"{settings.SITE_URL}{article.get_absolute_url()}"
    found = tags(share)
    assert not [tag for tag, _ in found if tag in {"script", "img", "iframe", "link"}]
    links = [attrs["href"] for tag, attrs in found if "href" in attrs]
    assert len(links) == 1
    assert links[0].startswith("mailto:?subject=Wat%20er%20gebeurde%20in%20Kabul&")
    assert links[0].endswith(
        "body=" + re.sub(":", "%3A", canonical).replace("/", "%2F")
    )
    (field,) = [attrs for tag, attrs in found if tag == "input"]
    assert field["value"] == canonical
    assert "readonly" in field
    assert not [attrs for _, attrs in found if "src" in attrs]


def test_article_page_loads_nothing_from_another_origin(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index("<body>") :]
    for tag, attrs in tags(body):
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if "://" in value:
                assert value.startswith(settings.SITE_URL), (tag, value)


def test_open_graph_and_x_card_tags(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    local = timezone.localtime(article.publish_at)
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "article:published_time") == [local.isoformat()]
    assert re.search(r"[+-]\d\d:\d\d$", meta(html, "article:published_time")[0])
    assert meta(html, "article:modified_time") == [local.isoformat()]
    assert meta(html, "article:section") == ["Buitenland"]
    assert sorted(meta(html, "article:tag")) == ["Afghanistan", "ISKP"]
    assert meta(html, "twitter:card") == ["summary"]
    assert meta(html, "twitter:title") == ["Wat er gebeurde in Kabul"]
    assert meta(html, "twitter:description") == [article.lede]
    assert meta(html, "og:url") == [f"{settings.SITE_URL}{article.get_absolute_url()}"]


def test_open_graph_image_has_size_and_alt(client, article):
    image = store_upload(
        encode(scene((1600, 900)), "JPEG"), filename="kabul.jpg", alt="Een straat"
    )
    Article.objects.filter(pk=article.pk).update(hero=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "og:image")
    assert int(meta(html, "og:image:width")[0]) > 0
    assert int(meta(html, "og:image:height")[0]) > 0
    assert meta(html, "og:image:alt") == ["Een straat"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def _related(client, article) -> list[str]:
    html = client.get(article.get_absolute_url()).content.decode()
    if '<aside class="related"' not in html:
        return []
    block = section_of(html, '<aside class="related"', "</aside>")
    return re.findall(r'<li><a href="/artikel/([^/]+)/"', block)


def test_related_by_shared_topics_only_published(client, article, make_article):
    """Most shared topics first, then newest; drafts, scheduled, withdrawn and the
    article itself never appear."""
    afghanistan, iskp = article.topics.order_by("name")
    both = make_article(headline="Beide onderwerpen")
    both.topics.set([afghanistan, iskp])
    newer_one = make_article(
        headline="Een onderwerp, nieuwer", publish_at=timezone.now()
    )
    newer_one.topics.set([iskp])
    older_one = make_article(
        headline="Een onderwerp, ouder",
        publish_at=timezone.now() - timezone.timedelta(days=3),
    )
    older_one.topics.set([afghanistan])
    make_article(headline="Geen gedeeld onderwerp").topics.add(
        Topic.objects.create(name="Sport", slug="sport")
    )
    hidden = [
        make_article(headline="Concept", status=Article.Status.DRAFT),
        make_article(
            headline="Gepland",
            publish_at=timezone.now() + timezone.timedelta(days=1),
        ),
        make_article(headline="Ingetrokken"),
    ]
    for item in hidden:
        item.topics.set([afghanistan, iskp])
    Article.objects.filter(pk=hidden[2].pk).update(status=Article.Status.UNPUBLISHED)
    assert _related(client, article) == [
        both.slug,
        newer_one.slug,
        older_one.slug,
    ]


def test_editors_picks_come_first_then_topics_fill_up_to_four(
    client, article, make_article
):
    (topic, _) = article.topics.all()
    pick = make_article(headline="Gekozen door de redactie")
    draft_pick = make_article(headline="Gekozen concept", status=Article.Status.DRAFT)
    article.related.set([pick, draft_pick])
    sharing = []
    for n in range(5):
        item = make_article(headline=f"Zelfde onderwerp {n}")
        item.topics.set([topic])
        sharing.append(item)
    found = _related(client, article)
    assert found == [pick.slug] + [item.slug for item in sharing[:3]]


def test_article_page_query_count_stays_constant_as_related_grow(
    client, article, make_article
):
    topics = list(article.topics.all())
    for n in range(2):
        make_article(headline=f"Eerst {n}").topics.set(topics)
    url = article.get_absolute_url()
    client.get(url)  # the site cache and the like, warm
    cache.clear()  # fragments cold: every part of the page is queried
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    more = [make_article(headline=f"Meer {n}") for n in range(10)]
    for item in more:
        item.topics.set(topics)
    article.related.set(more[:3])
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
    assert len(_related(client, article)) == 4
