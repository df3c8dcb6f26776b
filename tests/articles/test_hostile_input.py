"""Hostile input in every editor field, rendered on every surface: it never runs.

For each payload of ``tests.helpers.hostile.PAYLOADS`` one article is written the way an
editor writes it: section, image, topic (with alias) and author through their admin
forms, the article added as a draft and then changed through the article form to
carry the payload in every field (kicker, headline, lede, SEO fields, body typed and
pasted, a quote's attribution, embed code pasted into the body, a post pasted as
text, a correction), published. A post whose archive was edited outside the app
(raw HTML in its text) is embedded too. Then every surface is fetched and parsed:
pages, search, feeds, sitemaps, the JSON-LD and Open Graph tags, and the admin's
lists, change pages and revision diff. Chromium opens a sample of them.

Each field gets the payload with its own marker (``zq07hl``: payload 7, headline),
so a problem names the payload, the field and the surface.

Further down: headlines, slugs and topics in Pashto, Arabic, Dutch with combining
accents and emoji work on every surface and in search.
"""

import html
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Image, Section, Topic
from embeds.models import Embed, EmbedMedia
from tests.helpers.forms import ARTICLE_INLINES
from tests.helpers.hostile import PAYLOADS, html_problems, markers_in, xml_problems
from tests.helpers.html import first, json_ld, meta_content, text_of
from tests.helpers.parts import say_at_the_end
from tests.helpers.samples.images import encode, scene

# The fields an editor fills, by the code in their marker.
FIELDS = {
    "hl": "headline",
    "ld": "lede",
    "bd": "body (typed and pasted HTML)",
    "qa": "quote attribution",
    "cp": "caption",
    "al": "alt text",
    "cr": "credit",
    "tn": "topic name",
    "td": "topic description",
    "ta": "topic alias",
    "an": "author name",
    "ab": "author bio",
    "ec": "embed code",
    "pt": "post pasted as text",
    "ar": "archived post text (edited outside the app)",
    "co": "correction",
    "kc": "kicker (its first 60 characters)",
    "sn": "section name (its first 80 characters)",
    "sx": "section description",
}
# SEO title and description, on every other payload: they take the place of the
# headline and lede in <title> and the description tags, which the others check.
SEO = {"so": "SEO title and description (first 70 and 160 characters)"}
ADMIN = "/admin/articles"
# What ran, for the summary at the end: (payload, field, surface) checked and those
# where the field's marker was in the output (it got there and stayed inert).
TALLY: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    """Say at the end how many (payload, field, surface) checks ran."""
    yield
    if TALLY["checked"]:
        say_at_the_end(
            request,
            f"\nhostile input: {TALLY['payloads']} payloads, {TALLY['fields']} "
            f"payload-field pairs, {TALLY['checked']} payload x field x surface "
            f"checks; a field's marker reached the output in {TALLY['reached']}",
        )


@dataclass
class Hostile:
    """One payload's article and everything around it, with the stored values."""

    index: int
    article: Article
    section: Section
    topic: Topic
    author: Author
    image: Image
    archived: Embed
    values: dict[str, str] = field(default_factory=dict)
    fields: int = 0


def _ok(response):
    """A redirect after a successful admin save; else the form's errors."""
    if response.status_code != 302:
        context = response.context
        errors = context["adminform"].form.errors if context else response.content
        inline = [f.errors for f in context["inline_admin_formsets"]] if context else []
        raise AssertionError(f"admin refused the save: {errors} {inline}")
    return response


def x_code(text: str, index: int) -> str:
    """X's embed code, the payload as the post's text and the author's name."""
    handle = f"hostile{index:02d}"
    return (
        f'<blockquote class="twitter-tweet"><p lang="nl" dir="ltr">{text}</p>&mdash; '
        f'{text} (@{handle}) <a href="https://twitter.com/{handle}/status/'
        f'99000000{index:02d}?ref_src=twsrc%5Etfw">March 3, 2024</a></blockquote> '
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8">'
        "</script>"
    )


def _archived_post(index: int, text: str) -> Embed:
    """A post whose archive someone edited outside the app: raw HTML everywhere."""
    embed = Embed.objects.create(
        url=f"https://x.com/archief{index:02d}/status/88000000{index:02d}",
        provider="x",
        post_id=f"88000000{index:02d}",
        author_name=text[:200],
        author_handle=text[:200],
        title=text[:300],
        text_html=text,
        text=text,
        language="nl",
        source=Embed.Source.CODE,
        published_at=timezone.now(),
    )
    media = EmbedMedia(embed=embed, kind="image", alt=text, source_url=embed.url)
    media.image.save("kopie.jpg", ContentFile(encode(scene((32, 24)), "JPEG")))
    return embed


def _article_data(section, author, topics, image=None, **fields):
    """The article form's fields, as the admin's browser sends them."""
    data = {
        "kicker": "",
        "slug": "",
        "kind": "explainer",
        "hero": image.pk if image else "",
        "section": section.pk,
        "authors": [author.pk],
        "topics": [topic.pk for topic in topics],
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "language": "nl",
        "seo_title": "",
        "seo_description": "",
        "transition_reason": "",
        "add_post": "",
        **ARTICLE_INLINES,
    }
    data.update(fields)
    if data["status"] == "published":
        moment = timezone.localtime() - timezone.timedelta(minutes=5)
        data["publish_at_0"] = moment.strftime("%d-%m-%Y")
        data["publish_at_1"] = moment.strftime("%H:%M:%S")
    return data


def build(client, index: int, payload) -> Hostile:
    """Write ``payload`` into every field through the editors' own forms."""
    codes = {**FIELDS, **(SEO if index % 2 else {})}
    value = {code: payload.fill(f"zq{index:02d}{code}") for code in codes}
    _ok(
        client.post(
            f"{ADMIN}/section/add/",
            {
                "name": value["sn"][:80],
                "slug": f"sectie-{index}",
                "description": value["sx"],
                "position": "0",
            },
        )
    )
    section = Section.objects.latest("pk")
    _ok(
        client.post(
            f"{ADMIN}/image/add/",
            {
                "file": SimpleUploadedFile(
                    "foto.jpg", encode(scene((96, 64)), "JPEG"), "image/jpeg"
                ),
                "alt": value["al"],
                "caption": value["cp"],
                "credit": value["cr"],
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )
    )
    image = Image.objects.latest("pk")
    _ok(
        client.post(
            f"{ADMIN}/topic/add/",
            {
                "name": value["tn"],
                "slug": f"onderwerp-{index}",
                "description": value["td"],
                "aliases-TOTAL_FORMS": "1",
                "aliases-INITIAL_FORMS": "0",
                "aliases-MIN_NUM_FORMS": "0",
                "aliases-MAX_NUM_FORMS": "1000",
                "aliases-0-name": value["ta"],
            },
        )
    )
    topic = Topic.objects.latest("pk")
    _ok(
        client.post(
            f"{ADMIN}/author/add/",
            {
                "name": value["an"],
                "slug": f"auteur-{index}",
                "bio": value["ab"],
                "user": "",
            },
        )
    )
    author = Author.objects.latest("pk")
    archived = _archived_post(index, value["ar"])

    # A plain draft first, then the editor's change: two versions to compare.
    plain = _article_data(
        section, author, [topic], image, headline=f"Concept {index}", lede="Intro.",
        body="<p>Tekst.</p>",
    )  # fmt: skip
    _ok(client.post(f"{ADMIN}/article/add/", plain))
    article = Article.objects.latest("pk")
    typed, pasted = html.escape(value["bd"]), value["bd"]
    body = (
        f"<h2>{typed}</h2><p>{typed} zoekwoord{index:02d}</p><p>{pasted}</p>"
        f'<p><a href="https://example.org/" title="{typed}">{typed}</a></p>'
        f"<blockquote><p>Citaat.</p><p>— {html.escape(value['qa'])}, in "
        f"{html.escape(value['qa'])}</p></blockquote>"
        f"<blockquote><p>Citaat.</p><p>— {value['qa']}, in {value['qa']}</p>"
        "</blockquote>"
        f"<p>{html.escape(x_code(value['ec'], index))}</p>"
        f'<p><a href="{archived.url}">{archived.url}</a></p>'
    )
    now = timezone.localtime()
    change = _article_data(
        section,
        author,
        [topic],
        image,
        headline=value["hl"],
        lede=value["ld"],
        body=body,
        kicker=value["kc"][:60],
        seo_title=value.get("so", "")[:70],
        seo_description=value.get("so", "")[:160],
        status="published",
        base_version=article.version,
        add_post=f"{value['pt']}\n— {value['pt']} (@tekst{index:02d}) March 3, 2024",
        **{
            "notes-TOTAL_FORMS": "1",
            "notes-0-kind": "correction",
            "notes-0-text": value["co"],
            "notes-0-at_0": now.strftime("%d-%m-%Y"),
            "notes-0-at_1": now.strftime("%H:%M:%S"),
        },
    )
    _ok(client.post(f"{ADMIN}/article/{article.pk}/change/", change))
    article.refresh_from_db()
    assert article.is_visible(), article.status
    # The post pasted as text and the archived one always; the embed code when the
    # payload leaves it readable as X's code (otherwise it stays in the body as text).
    urls = set(article.embeds.values_list("url", flat=True))
    assert archived.url in urls and any("/tekst" in url for url in urls), urls
    stored = {
        "hl": article.headline,
        "ld": article.lede,
        "tn": topic.name,
        "an": author.name,
        "co": article.notes.get().text,
        "so": article.seo_description,
        "sn": section.name,
    }
    return Hostile(
        index, article, section, topic, author, image, archived, stored, len(codes)
    )


def surfaces(item: Hostile) -> dict[str, str]:
    """Every surface the article and its surroundings show on, by name."""
    article, topic, author = item.article, item.topic, item.author
    section = {"slug": item.section.slug}
    change = f"{ADMIN}/article/{article.pk}"
    code_embed = article.embeds.filter(url__contains="/hostile").first()
    return {
        "article page": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "section": item.section.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": reverse("articles:search") + f"?q=zoekwoord{item.index:02d}",
        "search by topic name": reverse("articles:search") + "?q=" + quote(topic.name),
        "rss": reverse("articles:feed"),
        "atom": reverse("articles:feed-atom"),
        "section rss": reverse("articles:section-feed", kwargs=section),
        "section atom": reverse("articles:section-feed-atom", kwargs=section),
        "topic rss": reverse("articles:topic-feed", kwargs={"slug": topic.slug}),
        "topic atom": reverse("articles:topic-feed-atom", kwargs={"slug": topic.slug}),
        "author rss": reverse("articles:author-feed", kwargs={"slug": author.slug}),
        "author atom": reverse(
            "articles:author-feed-atom", kwargs={"slug": author.slug}
        ),
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-artikelen.xml",
        "sitemap sections": "/sitemap-secties.xml",
        "sitemap topics": "/sitemap-onderwerpen.xml",
        "sitemap authors": "/sitemap-auteurs.xml",
        "news sitemap": "/sitemap-news.xml",
        "admin dashboard": "/admin/",
        "admin sections": f"{ADMIN}/section/",
        "admin section": f"{ADMIN}/section/{item.section.pk}/change/",
        "admin articles": f"{ADMIN}/article/",
        "admin article search": f"{ADMIN}/article/?q=zoekwoord{item.index:02d}",
        "admin article": f"{change}/change/",
        "admin versions": f"{change}/versies/",
        "admin diff": f"{change}/versies/1/2/",
        "admin topics": f"{ADMIN}/topic/",
        "admin topic": f"{ADMIN}/topic/{topic.pk}/change/",
        "admin authors": f"{ADMIN}/author/",
        "admin author": f"{ADMIN}/author/{author.pk}/change/",
        "admin images": f"{ADMIN}/image/",
        "admin image": f"{ADMIN}/image/{item.image.pk}/change/",
        "admin posts": "/admin/embeds/embed/",
        "admin post (archived)": f"/admin/embeds/embed/{item.archived.pk}/change/",
        "admin post (pasted code)": (
            f"/admin/embeds/embed/{code_embed.pk}/change/"
            if code_embed
            else f"/admin/embeds/embed/{item.archived.pk}/change/"
        ),
    }


def _fidelity(item: Hostile, page: str) -> list[str]:
    """The article page says exactly what the editor typed: in JSON-LD and Open
    Graph the text comes back whole (escaped once, not twice, not cut open)."""
    problems = []
    data, crumbs = json_ld(page)
    values = item.values
    expected = {
        "JSON-LD headline": (data["headline"], values["hl"][:110]),
        "JSON-LD description": (data["description"], values["ld"]),
        "JSON-LD author": (data["author"][0]["name"], values["an"]),
        "JSON-LD keywords": (data["keywords"], [values["tn"]]),
        "JSON-LD section": (data["articleSection"], values["sn"]),
        "JSON-LD correction": (data["correction"][0]["text"], values["co"]),
        "breadcrumb": (crumbs["itemListElement"][2]["name"], values["hl"]),
    }
    meta = meta_content(page)
    expected |= {
        "og:title": (meta["og:title"], [values["hl"]]),
        "twitter:title": (meta["twitter:title"], [values["hl"]]),
        "og:description": (
            meta["og:description"],
            [truncatechars(values["so"] or values["ld"], 200)],
        ),
        "article:section": (meta["article:section"], [values["sn"]]),
        "article:tag": (meta["article:tag"], [values["tn"]]),
        "og:image:alt": (meta["og:image:alt"], [item.image.alt]),
    }
    for name, (found, wanted) in expected.items():
        if found != wanted:
            problems.append(f"{name}: {found!r} != {wanted!r}")
    return problems


@pytest.mark.parametrize(
    ("index", "payload"), list(enumerate(PAYLOADS)), ids=[p.name for p in PAYLOADS]
)
def test_payload_in_every_field_is_inert_on_every_surface(
    chief_client, client, index, payload
):
    """Every field holding the payload: each surface parses with nothing that runs,
    and the article page's metadata repeats the editor's text exactly. Written and
    read in the admin by the Hoofdredactie: a section is among the fields, and only
    the Hoofdredactie makes sections."""
    item = build(chief_client, index, payload)
    problems = []
    reached = 0
    pages = surfaces(item)
    for name, url in pages.items():
        reader = chief_client if name.startswith("admin") else client
        response = reader.get(url)
        if response.status_code != 200:
            problems.append(f"{name} ({url}): status {response.status_code}")
            continue
        text = response.content.decode()
        is_xml = "xml" in response["Content-Type"]
        found = xml_problems(text) if is_xml else html_problems(text)
        problems += [f"{name}: {problem}" for problem in found]
        reached += len(markers_in(text))
        if name == "article page":
            problems += [f"{name}: {problem}" for problem in _fidelity(item, text)]
    TALLY.update(
        payloads=1,
        fields=item.fields,
        checked=len(pages) * item.fields,
        reached=reached,
    )
    assert not problems, "\n".join(problems)


def test_feed_channel_descriptions_are_escaped(client, make_article):
    """RSS readers show a channel's description as HTML, as they do an item's: a
    topic's description and an author's name go in escaped. Atom's subtitle is
    text and says what was typed."""
    import xml.etree.ElementTree as ET

    topic = Topic.objects.create(
        name="Onderwerp", slug="onderwerp", description="<img src=x onerror=alert(1)>"
    )
    author = Author.objects.create(name="<b>Eva</b>", slug="eva")
    make_article(topics=[topic], authors=[author])
    feeds = {
        ("topic-feed", "onderwerp"): topic.description,
        ("author-feed", "eva"): "De nieuwste artikelen van <b>Eva</b>",
    }
    for (name, slug), text in feeds.items():
        rss = client.get(reverse(f"articles:{name}", kwargs={"slug": slug}))
        channel = ET.fromstring(rss.content).find("channel")  # noqa: S314 (ours)
        assert channel.findtext("description") == html.escape(text)
        atom = client.get(reverse(f"articles:{name}-atom", kwargs={"slug": slug}))
        root = ET.fromstring(atom.content)  # noqa: S314 (our own output)
        subtitle = root.findtext("{http://www.w3.org/2005/Atom}subtitle")
        assert subtitle == text
        assert not xml_problems(rss.content.decode())


def test_the_corpus_is_caught_when_rendered_raw():
    """The checks are not blind: each payload pasted raw into a page, in text and in
    quoted attributes, is reported (except the two that hold neither markup nor
    quotes)."""
    inert = {"bidi", "template"}  # no markup, no quote: harmless even raw
    for index, payload in enumerate(PAYLOADS):
        raw = payload.fill(f"zq{index:02d}hl")
        page = (
            f'<!doctype html><title>x</title><p>{raw}</p><a title="{raw}">x</a>'
            f"<a title='{raw}'>x</a>"
        )
        assert bool(html_problems(page)) != (payload.name in inert), payload.name


def test_feed_checks_read_the_html_inside_items():
    """A script inside an RSS item's escaped HTML, or a javascript: link, is found."""
    feed = (
        '<?xml version="1.0"?><rss xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/"><channel><item><description>&lt;img src=x onerror=alert(1)&gt;'
        '</description><content:encoded>&lt;a href="javascript:x"&gt;x&lt;/a&gt;'
        "</content:encoded><link>javascript:alert(1)</link></item></channel></rss>"
    )
    problems = xml_problems(feed)
    assert len(problems) == 3, problems
    assert xml_problems("<rss><channel><title>a & b</title></channel></rss>")


# --- right-to-left, combining marks and emoji -------------------------------------

# Headline, expected slug, a word to search for.
SCRIPTS = {
    "pashto": (
        "د کابل هوايي ډګر برید: څه پېښ شول؟ 🇦🇫",
        "د-کابل-هوايي-ډګر-برید-څه-پېښ-شول",
        "برید",
    ),
    "arabic": ("الْهُجُومُ عَلَى مَطَارِ كَابُل ✈️", "الهجوم-على-مطار-كابل", "مَطَارِ"),
    # Typed with combining accents (NFD, as macOS pastes): the slug is composed.
    "dutch": (
        "Cafe\u0301 in Dwingeloo: e\u0301e\u0301n e\u0301n ander 👩🏽‍💻",
        "café-in-dwingeloo-één-én-ander",
        "Dwingeloo",
    ),
    "emoji only": ("🇳🇱🇦🇫", "artikel", "🇳🇱🇦🇫"),
}
TOPICS = {"طالبان": "طالبان", "داعش خراسان": "داعش-خراسان", "Oranje 🇳🇱": "oranje"}


@pytest.fixture
def scripts(editor_client, db):
    """Articles in Pashto, Arabic, Dutch with combining marks and pure emoji, with
    topics in Arabic script and with emoji, all written through the admin by an
    editor."""
    section = Section.objects.create(name="Buitenland", slug="buitenland")
    author = Author.objects.create(name="مریم احمدزی", slug="مریم-احمدزی")
    for name, slug in TOPICS.items():
        _ok(editor_client.post(f"{ADMIN}/topic/add/", _topic_data(name, slug)))
    topics = list(Topic.objects.order_by("pk"))
    for headline, _slug, _word in SCRIPTS.values():
        data = _article_data(
            section, author, topics, headline=headline, status="published",
            lede=f"{headline} — لومړی راپور.", body=f"<p>{headline}</p>",
        )  # fmt: skip
        _ok(editor_client.post(f"{ADMIN}/article/add/", data))
    # By the headline as typed (stored composed).
    return {
        typed: Article.objects.get(headline=unicodedata.normalize("NFC", typed))
        for typed, _slug, _word in SCRIPTS.values()
    }


def _topic_data(name: str, slug: str, alias: str = "") -> dict:
    return {
        "name": name,
        "slug": slug,
        "description": f"{name}: بیان.",
        "aliases-TOTAL_FORMS": "1" if alias else "0",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-name": alias,
    }


@pytest.mark.parametrize("script", SCRIPTS)
def test_headlines_in_any_script_get_working_slugs_and_pages(client, scripts, script):
    """Letters of any script stay in the slug (combining accents composed, vowel
    marks and emoji left out, an emoji-only headline falls back); the page, its
    metadata and the headline's direction are right."""
    typed, slug, _word = SCRIPTS[script]
    article = scripts[typed]
    headline = unicodedata.normalize("NFC", typed)  # stored composed
    assert article.headline == headline
    assert article.slug == slug
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert json_ld(page)[0]["headline"] == headline
    assert meta_content(page)["og:title"] == [headline]
    h1 = first(page, "h1")
    assert h1.get("dir") == "auto" and text_of(h1) == headline
    assert not html_problems(page)


def test_lists_feeds_sitemaps_and_search_carry_any_script(client, scripts):
    """Home, section, author, feeds and sitemaps list every article, with the
    headline whole; feeds and sitemaps give ASCII (percent-encoded) addresses."""
    home = client.get("/").content.decode()
    card = first(home, "h3", class_="card-title", dir="auto")
    assert text_of(card) in SCRIPTS_HEADLINES
    for url in ("/", "/sectie/buitenland/", Author.objects.get().get_absolute_url()):
        page = client.get(url).content.decode()
        assert all(html.escape(h, quote=False) in page for h in SCRIPTS_HEADLINES), url
    for url in ("/feed/", "/feed/atom/", "/sitemap-news.xml", "/sitemap-artikelen.xml"):
        response = client.get(url)
        text = response.content.decode()
        assert not xml_problems(text), url
        for article in scripts.values():
            assert article.get_absolute_url() in text, (url, article.slug)
        if "sitemap-artikelen" not in url:
            assert all(h in text for h in SCRIPTS_HEADLINES), url


SCRIPTS_HEADLINES = [
    unicodedata.normalize("NFC", headline)
    for headline, _slug, _word in SCRIPTS.values()
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_search_finds_words_in_any_script(client, scripts, script):
    """A word of the headline finds its article, marked in the result."""
    headline, _slug, word = SCRIPTS[script]
    page = client.get(reverse("articles:search"), {"q": word}).content.decode()
    assert scripts[headline].get_absolute_url() in html.unescape(page)
    assert f"<mark>{word}</mark>" in page


@pytest.mark.parametrize(("name", "slug"), TOPICS.items())
def test_topics_in_any_script_resolve(client, scripts, name, slug):
    """A topic named in Arabic script or with an emoji has its page and feed."""
    topic = Topic.objects.get(name=name)
    assert topic.slug == slug
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == len(SCRIPTS)
    feed = client.get(reverse("articles:topic-feed", kwargs={"slug": topic.slug}))
    assert feed.status_code == 200 and not xml_problems(feed.content.decode())
    found = client.get(reverse("articles:search"), {"q": name}).content.decode()
    assert all(a.get_absolute_url() in html.unescape(found) for a in scripts.values())


def test_a_topic_alias_in_arabic_script_redirects(editor_client, client, scripts):
    """An alias in Arabic script leads to its topic's page (a published article
    uses the topic: only then has it a page)."""
    _ok(
        editor_client.post(
            f"{ADMIN}/topic/add/",
            _topic_data("ISKP", "iskp", alias="داعش ولایت خراسان"),
        )
    )
    next(iter(scripts.values())).topics.add(Topic.objects.get(slug="iskp"))
    response = client.get("/onderwerp/داعش-ولایت-خراسان/")
    assert response.status_code == 301
    assert response["Location"] == "/onderwerp/iskp/"


def test_search_matches_composed_and_decomposed_accents(client, scripts):
    """A headline typed with combining accents is found by the same word typed with
    composed letters (what a keyboard gives), and the other way round."""
    dutch = scripts[SCRIPTS["dutch"][0]]
    for query in ("Café", "Cafe\u0301", "één", "e\u0301e\u0301n"):
        page = client.get(reverse("articles:search"), {"q": query}).content.decode()
        assert dutch.get_absolute_url() in html.unescape(page), query


# --- in a real browser ----------------------------------------------------------

# Payloads that would run on their own if they got through: handlers, a closed
# script element, the polyglot, an attribute breakout.
BROWSER_SAMPLE = ["img_onerror", "close_script", "polyglot", "attr_double", "mathml"]
# What the page reports: a canary a payload would set, CSP violations (an inline
# script or handler that got into the page and was stopped), and any handler or
# payload-named attribute in the live DOM (after our own scripts ran).
PAGE_STATE = """() => ({
    pwned: typeof window.__pwned,
    violations: window.__violations,
    attributes: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
        .filter(a => /^on|^xss|zq\\d\\d/i.test(a.name))
        .map(a => el.tagName + ' ' + a.name)),
    direction: getComputedStyle(document.querySelector('h1')).direction,
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hostile_pages_run_nothing_in_chromium(
    browser, live_server, chief_client, settings
):
    """A sample of the hostile articles in Chromium, as a reader and as the
    Hoofdredactie in the admin (where inline scripts are allowed): no dialog, no
    canary, no policy violation, no handler in the DOM; an RTL headline is laid out
    right to left."""
    items = [
        build(chief_client, index, payload)
        for index, payload in enumerate(PAYLOADS)
        if payload.name in BROWSER_SAMPLE
    ]
    from articles.services.articles import create_article

    pashto = create_article(
        headline=SCRIPTS["pashto"][0],
        lede="لومړی راپور.",
        section=items[0].section,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now(),
    )

    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": chief_client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    dialogs, refusals = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda m: refusals.append(m.text) if "Refused" in m.text else 0)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.sample));"
    )
    for item in items:
        query = quote(item.values["hl"])
        for path in (
            item.article.get_absolute_url(),
            item.topic.get_absolute_url(),
            item.author.get_absolute_url(),
            reverse("articles:search") + f"?q={query}",
            f"{ADMIN}/article/{item.article.pk}/change/",
            f"{ADMIN}/article/{item.article.pk}/versies/1/2/",
        ):
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)  # hover handlers, had any got through
            state = page.evaluate(PAGE_STATE)
            where = f"{item.values['hl']} at {path}"
            assert state["pwned"] == "undefined", where
            assert state["violations"] == [], where
            assert state["attributes"] == [], where
    assert dialogs == [] and refusals == [], (dialogs, refusals)
    page.goto(live_server.url + pashto.get_absolute_url())
    assert page.evaluate(PAGE_STATE)["direction"] == "rtl"
    context.close()
