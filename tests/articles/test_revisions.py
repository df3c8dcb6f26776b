"""Every save keeps a full snapshot; the admin lists, compares and restores them."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Revision, Topic
from articles.services.articles import save_article
from articles.services.restore import restore_revision
from articles.services.revisions import create_revision, diff_revisions, snapshot
from tests.helpers.forms import ARTICLE_INLINES
from tests.helpers.samples.embeds import X_URL


@pytest.fixture
def topics(db):
    return (
        Topic.objects.create(name="ISKP", slug="iskp"),
        Topic.objects.create(name="Taliban", slug="taliban"),
    )


def edit(article: Article, **changes) -> Article:
    """Change fields and save as the admin does: a new version, a new revision."""
    topics = changes.pop("topics", None)
    for name, value in changes.items():
        setattr(article, name, value)
    if topics is not None:
        article.topics.set(topics)
    save_article(article, new_version=True)
    return article


def change_form_data(article: Article, **overrides) -> dict:
    """What the admin's change form sends back for ``article``, with ``overrides``."""
    publish_at = timezone.localtime(article.publish_at)
    data = {
        "kicker": article.kicker,
        "headline": article.headline,
        "slug": article.slug,
        "kind": article.kind,
        "lede": article.lede,
        "body": article.body,
        "section": article.section_id,
        "authors": [author.pk for author in article.authors.all()],
        "topics": [topic.pk for topic in article.topics.all()],
        "status": article.status,
        "publish_at_0": publish_at.strftime("%d-%m-%Y"),
        "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "updated_at_0": "",
        "updated_at_1": "",
        "language": article.language,
        "seo_title": "",
        "seo_description": "",
        "base_version": article.version,
        **ARTICLE_INLINES,
    }
    data.update(overrides)
    return data


def url(name: str, *args) -> str:
    return reverse(f"admin:articles_article_{name}", args=args)


def test_creating_an_article_stores_its_first_revision(make_article, topics):
    """A new article has revision 1, with its authors and topics."""
    article = make_article(headline="Wat we weten", topics=[topics[0]])
    revision = article.revisions.get()
    assert revision.version == article.version == 1
    assert revision.snapshot["headline"] == "Wat we weten"
    assert [a["name"] for a in revision.snapshot["authors"]] == ["Eva Mulder"]
    assert [t["name"] for t in revision.snapshot["topics"]] == ["ISKP"]


def test_admin_edit_stores_a_second_revision(editor_client, editor, make_article):
    """Saving the change form adds revision 2 by that user; revision 1 is untouched."""
    article = make_article(headline="Wat we weten", lede="Oude intro.")
    topic = Topic.objects.create(name="ISKP", slug="iskp")
    data = change_form_data(article, headline="Wat we nu weten", topics=[topic.pk])
    response = editor_client.post(url("change", article.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    first, second = article.revisions.order_by("version")
    assert (first.version, second.version) == (1, 2)
    assert first.snapshot["headline"] == "Wat we weten"
    assert first.snapshot["topics"] == []
    assert second.snapshot["headline"] == "Wat we nu weten"
    assert second.snapshot["topics"] == [{"id": topic.pk, "name": "ISKP"}]
    assert second.snapshot["lede"] == "Oude intro."
    assert second.created_by == editor


def test_snapshot_holds_topics_authors_and_embeds(make_article, topics):
    """The snapshot is plain JSON with relations as ids and names, embeds as URLs."""
    second = Author.objects.create(name="Ahmad Rahimi", slug="ahmad-rahimi")
    eva = Author.objects.create(name="Eva Mulder", slug="eva-mulder")
    article = make_article(
        body=f"<p>Voor.</p><p>{X_URL}</p>",
        authors=[eva, second],
        topics=list(topics),
    )
    data = snapshot(article)
    assert json.loads(json.dumps(data)) == data
    assert data["authors"] == [
        {"id": second.pk, "name": "Ahmad Rahimi"},
        {"id": eva.pk, "name": "Eva Mulder"},
    ]
    assert {t["name"] for t in data["topics"]} == {"ISKP", "Taliban"}
    assert data["embeds"] == [X_URL]
    assert data["section"]["name"] == "Buitenland"
    assert data["publish_at"] == article.publish_at.isoformat()
    assert data["version"] == 1


def test_saving_a_version_again_updates_its_revision(make_article):
    """create_revision for an existing version replaces the snapshot, keeps one row."""
    article = make_article(headline="Eerst")
    Article.objects.filter(pk=article.pk).update(headline="Daarna")
    article.refresh_from_db()
    create_revision(article, comment="bijgewerkt")
    revision = article.revisions.get()
    assert revision.snapshot["headline"] == "Daarna"
    assert revision.comment == "bijgewerkt"


def test_diff_shows_changed_words_in_headline_lede_and_body(make_article):
    """Word-level chunks: inserted and deleted words, unchanged fields left out."""
    article = make_article(
        headline="Wat we weten over ISKP",
        lede="De groep eiste de aanslag op.",
        body="<p>De aanslag was bij de poort.</p><p>Tweede alinea.</p>",
    )
    edit(
        article,
        headline="Wat we nu weten over ISK",
        lede="De groep eiste de aanslag gisteren op.",
        body="<p>De aanslag was bij de oostpoort.</p><p>Tweede alinea.</p>",
    )
    old, new = article.revisions.order_by("version")
    diffs = {diff.name: diff for diff in diff_revisions(old, new)}
    assert set(diffs) == {"headline", "lede", "body"}
    assert diffs["headline"].label == "Kop"
    assert diffs["headline"].chunks == [
        ("equal", "Wat we"),
        ("insert", "nu"),
        ("equal", "weten over"),
        ("delete", "ISKP"),
        ("insert", "ISK"),
    ]
    assert ("insert", "gisteren") in diffs["lede"].chunks
    body = diffs["body"].chunks
    assert ("delete", "poort.") in body and ("insert", "oostpoort.") in body
    assert ("equal", "Tweede alinea.") not in body  # joined to the text before it
    assert "\n" in "".join(text for op, text in body if op == "equal")
    assert not any("<" in text for _, text in body)


def test_diff_lists_added_and_removed_topics(make_article, topics):
    """Lists show names: the removed topic as deleted, the added one as inserted."""
    iskp, taliban = topics
    article = make_article(topics=[iskp])
    edit(article, topics=[taliban])
    old, new = article.revisions.order_by("version")
    (diff,) = diff_revisions(old, new)
    assert diff.name == "topics" and diff.is_list
    assert diff.chunks == [("delete", "ISKP"), ("insert", "Taliban")]


def test_diff_page_escapes_hostile_text(editor_client, make_article):
    """Markup stored in a revision shows as text on the diff page, never as markup."""
    article = make_article(headline="Rustige kop")
    edit(article, headline="Nog een kop")
    Revision.objects.filter(article=article, version=2).update(
        snapshot={
            **article.revisions.get(version=2).snapshot,
            "headline": "<script>alert(1)</script> kop",
            "body": '<p>Tekst <img src=x onerror="alert(2)"><b>vet</b></p>',
        }
    )
    response = editor_client.get(url("revision_diff", article.pk, 1, 2))
    content = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content
    assert "onerror" not in content and "<b>vet</b>" not in content
    assert "<ins>Tekst vet</ins>" in content


def test_restore_brings_back_old_content_as_a_new_version(editor_client, make_article):
    """Restoring version 1 saves its headline, body and topics as version 3."""
    iskp = Topic.objects.create(name="ISKP", slug="iskp")
    taliban = Topic.objects.create(name="Taliban", slug="taliban")
    article = make_article(headline="Oud", body="<p>Oude tekst.</p>", topics=[iskp])
    edit(article, headline="Nieuw", body="<p>Nieuwe tekst.</p>", topics=[taliban])
    response = editor_client.post(url("revision_restore", article.pk, 1))
    assert response.status_code == 302
    assert response["Location"] == url("change", article.pk)
    article.refresh_from_db()
    assert article.version == 3
    assert (article.headline, article.body) == ("Oud", "<p>Oude tekst.</p>")
    assert list(article.topics.all()) == [iskp]
    assert list(article.revisions.values_list("version", flat=True)) == [3, 2, 1]
    latest = article.revisions.get(version=3)
    assert latest.comment == "Hersteld van versie 1"
    assert latest.snapshot["headline"] == "Oud"
    assert article.revisions.get(version=2).snapshot["headline"] == "Nieuw"


def test_restore_keeps_status_and_skips_deleted_topics(make_article, editor):
    """A topic deleted since is skipped with a notice; the status is not restored."""
    gone = Topic.objects.create(name="Verdwenen", slug="verdwenen")
    article = make_article(status=Article.Status.DRAFT, topics=[gone])
    edit(article, status=Article.Status.REVIEW, topics=[])
    gone.delete()
    notices = []
    article = restore_revision(
        article.revisions.get(version=1), user=editor, notices=notices
    )
    assert article.status == Article.Status.REVIEW
    assert list(article.topics.all()) == []
    assert any("Verdwenen" in notice for notice in notices)
    assert article.revisions.get(version=3).created_by == editor


def test_restore_asks_first_and_a_get_changes_nothing(editor_client, make_article):
    """A GET on the restore URL is the confirmation page; nothing is restored."""
    article = make_article()
    edit(article, headline="Nieuw")
    response = editor_client.get(url("revision_restore", article.pk, 1))
    assert response.status_code == 200
    assert "Ja, herstel versie 1" in response.content.decode()
    article.refresh_from_db()
    assert (article.version, article.headline) == (2, "Nieuw")


def test_restore_needs_change_permission(client, make_article, make_user):
    """Staff who may only view articles see the versions but get 403 on restore."""
    viewer = make_user("lezer", None, permissions=["view_article"])
    client.force_login(viewer)
    article = make_article()
    edit(article, headline="Nieuw")
    assert client.get(url("revisions", article.pk)).status_code == 200
    response = client.post(url("revision_restore", article.pk, 1))
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.version, article.headline) == (2, "Nieuw")


def test_revision_pages_answer_for_an_editor(editor_client, make_article):
    """The list, a diff, the compare form and the change form's link all work."""
    article = make_article(headline="Eerste kop")
    edit(article, headline="Tweede kop")
    Revision.objects.filter(article=article, version=2).update(comment="Kop scherper")
    listing = editor_client.get(url("revisions", article.pk))
    assert listing.status_code == 200
    assert "Kop scherper" in listing.content.decode()
    assert url("revision_diff", article.pk, 1, 2) in listing.content.decode()
    diff = editor_client.get(url("revision_diff", article.pk, 2, 1))
    assert diff.status_code == 200
    assert "<del>Eerste</del> <ins>Tweede</ins>" in diff.content.decode()
    compare = editor_client.get(url("revisions", article.pk), {"van": 1, "naar": 2})
    assert compare["Location"] == url("revision_diff", article.pk, 1, 2)
    change_form = editor_client.get(url("change", article.pk))
    assert url("revisions", article.pk) in change_form.content.decode()
    missing = editor_client.get(url("revision_diff", article.pk, 1, 9))
    assert missing.status_code == 404
