"""load_demo creates the demo newsroom once; running it again changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.http import HttpRequest

from articles.admin.editor.writing import DESCRIPTION_LIMIT
from articles.models import Article, Author, Section, Topic, TopicAlias
from demo import content as demo


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Article, Author, Section, Topic, TopicAlias)
    } | {"modified": sorted(Article.objects.values_list("modified_at", flat=True))}


def test_load_demo_is_idempotent(db):
    """A second run creates nothing and touches nothing."""
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert "niets veranderd" in out.getvalue()


def test_load_demo_recreates_only_what_is_missing(db):
    """A deleted demo article comes back; an edited one stays as the editor left it."""
    call_command("load_demo", stdout=StringIO())
    Article.objects.filter(slug="nederland-beeindigt-evacuatie-uit-kabul").delete()
    explainer = Article.objects.get(slug=demo.EXPLAINER_SLUG)
    explainer.headline = "Door de redactie aangepast"
    explainer.save()
    call_command("load_demo", stdout=StringIO())
    assert Article.objects.filter(
        slug="nederland-beeindigt-evacuatie-uit-kabul"
    ).exists()
    explainer.refresh_from_db()
    assert explainer.headline == "Door de redactie aangepast"


def test_demo_explainer_has_what_the_issue_asks(client, db):
    """Lede, three subheadings, two attributed quotes, a source, related, topics."""
    call_command("load_demo", stdout=StringIO())
    explainer = Article.objects.get(slug=demo.EXPLAINER_SLUG)
    assert explainer.kind == "explainer"
    assert explainer.body.count("<h2>") == 3
    assert explainer.related.published().count() == 1
    assert {t.slug for t in explainer.topics.all()} >= {"iskp", "afghanistan"}
    response = client.get(explainer.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert html.count('<figure class="quote">') == 2
    assert "<cite>De Verklaring</cite>" in html
    assert "Volgens de" in html and "BBC" in html
    assert "Uitleg" in html
    assert 'href="/auteur/eva-mulder/"' in html


def test_every_demo_article_fits_a_search_result(db):
    """Search engines show about 155 characters of a description (the desk's
    counter): every demo article's, its own or its lede, fits, so an editor opening
    one sees no "te lang"."""
    call_command("load_demo", verbosity=0)
    for article in Article.objects.all():
        shown = article.seo_description or article.lede
        assert len(shown) <= DESCRIPTION_LIMIT, article.slug


def test_demo_topic_aliases_redirect(client, db):
    """IS-K, a demo alias, leads to the ISKP topic page."""
    call_command("load_demo", stdout=StringIO())
    response = client.get("/onderwerp/is-k/", follow=True)
    assert response.redirect_chain == [("/onderwerp/iskp/", 301)]
    assert demo.EXPLAINER_SLUG in response.text


def test_demo_has_two_sections_of_news_by_two_authors(db):
    """Short news items appear in two sections, written by two named authors."""
    call_command("load_demo", stdout=StringIO())
    news = Article.objects.published().filter(kind="news")
    assert news.values("section").distinct().count() >= 2
    assert (
        Author.objects.filter(articles__in=news).exclude(slug="redactie").distinct()
    ).count() >= 2


def test_demo_draft_stays_hidden(client, db):
    """The demo's draft is in the admin but not on the site."""
    call_command("load_demo", stdout=StringIO())
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.headline not in client.get("/").text


def test_demo_editor_command_prints_working_credentials(client, db):
    """demo_editor prints a username and password that log into the admin."""
    out = StringIO()
    call_command("demo_editor", "redactie", stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    assert lines["gebruikersnaam"] == "redactie"
    # django-axes needs the request that carries the login (HttpRequest() here).
    credentials = {"username": "redactie", "password": lines["wachtwoord"]}
    assert client.login(request=HttpRequest(), **credentials)
    assert client.get("/admin/articles/article/").status_code == 200
    call_command("demo_editor", "redactie", stdout=StringIO())
    assert not client.login(request=HttpRequest(), **credentials)


def test_demo_live_blog_of_the_attack_day(editor_client, db):
    """A closed live blog with a pinned summary, two key moments, posts pasted as
    text and as a URL archived as cards, a correction; the desk shows it all."""
    from articles.models import LiveEntry
    from demo import live

    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get(slug=live.LIVE_SLUG)
    assert article.kind == "live" and article.live_closed_at is not None
    entries = LiveEntry.objects.for_readers(article)
    assert len(entries) == len(live.LIVE_ENTRIES)
    assert entries[0].pinned and entries[0].title == "Samenvatting"
    assert sum(entry.key_moment for entry in entries) == 2
    posts = {embed.source for entry in entries for embed in entry.embeds.all()}
    assert "text" in posts
    assert sum(entry.embeds.count() for entry in entries) == 2
    assert LiveEntry.objects.filter(notes__kind="correction").count() == 1
    page = editor_client.get(f"/admin/articles/article/{article.pk}/live/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Afgelopen" in text and "Farid Noori" in text
