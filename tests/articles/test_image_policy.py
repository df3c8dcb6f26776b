"""Images under the policy: a reporter changes only their own images of their own
never-published drafts; an image readers have seen changes only through an editor,
and that change is a revision of every article using it and a Logboek entry."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import logbook
from accounts.models import AuditEvent
from articles.images.services import delete_image, set_focal_point, store_upload
from articles.models import Article, Image
from articles.policy import image_refusal, may
from articles.services.workflow import transition
from tests.helpers.samples.images import photo

pytestmark = pytest.mark.django_db

S = Article.Status
PUBLISHED_NOTICE = (
    "Deze afbeelding staat in een gepubliceerd artikel; alleen een redacteur kan "
    "haar wijzigen."
)
COLLEAGUE_NOTICE = "Deze afbeelding is door een collega geüpload"


def upload(user, alt="Wachtenden bij de poort"):
    return store_upload(photo(320, 240), filename="poort.jpg", alt=alt,
                        caption="Bij de poort.", credit="ANP", user=user)  # fmt: skip


def url(image):
    return f"/admin/articles/image/{image.pk}/change/"


def form_data(**changes):
    data = {"alt": "Nieuwe alt", "caption": "Nieuw bijschrift", "credit": "Nieuw",
            "focal_x": "0.1", "focal_y": "0.9"}  # fmt: skip
    return {**data, **changes}


def state(image):
    """Everything a refused change must leave as it was, the original's bytes too."""
    image = Image.objects.get(pk=image.pk)
    with image.file.open("rb") as handle:
        data = handle.read()
    fields = ("file", "alt", "caption", "credit", "focal_x", "focal_y", "renditions")
    return {name: str(getattr(image, name)) for name in fields} | {"bytes": data}


def media_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


# -- what a reporter may change ---------------------------------------------------------


@pytest.mark.parametrize("use", ["unused", "own draft"])
def test_reporter_changes_own_image_of_own_draft(
    reporter_client, reporter, make_article, use
):
    """Their own upload, unused or on their own draft: an editable form, and saved."""
    image = upload(reporter)
    if use == "own draft":
        make_article(status=S.DRAFT, created_by=reporter, hero=image)
    page = reporter_client.get(url(image))
    assert page.status_code == 200
    assert 'name="alt"' in page.content.decode()
    assert (
        "read_only_notice" not in page.context or not page.context["read_only_notice"]
    )
    response = reporter_client.post(url(image), form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert (image.alt, image.caption, image.credit) == (
        "Nieuwe alt", "Nieuw bijschrift", "Nieuw",
    )  # fmt: skip
    assert (image.focal_x, image.focal_y) == (0.1, 0.9)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMAGE_CHANGED).exists()


def _published(reporter, make_article, editor):
    image = upload(reporter)
    make_article(created_by=reporter, hero=image)
    return image, PUBLISHED_NOTICE


def _withdrawn_back_to_draft(reporter, make_article, editor):
    image = upload(reporter)
    article = make_article(created_by=reporter, hero=image)
    transition(article, S.UNPUBLISHED, user=editor, reason="Onjuist")
    transition(article, S.DRAFT, user=editor)
    return image, PUBLISHED_NOTICE


def _colleagues_unused(reporter, make_article, editor):
    return upload(editor), COLLEAGUE_NOTICE


def _colleagues_on_own_draft(reporter, make_article, editor):
    image = upload(editor)
    make_article(status=S.DRAFT, created_by=reporter, hero=image)
    return image, COLLEAGUE_NOTICE


def _own_on_colleagues_draft(reporter, make_article, editor):
    image = upload(reporter)
    make_article(status=S.DRAFT, created_by=editor, hero=image)
    return image, "in het artikel van een collega"


def _own_in_review(reporter, make_article, editor):
    image = upload(reporter)
    make_article(status=S.REVIEW, created_by=reporter, hero=image)
    return image, "ter beoordeling"


REFUSED = [
    _published,
    _withdrawn_back_to_draft,
    _colleagues_unused,
    _colleagues_on_own_draft,
    _own_on_colleagues_draft,
    _own_in_review,
]


@pytest.mark.parametrize("case", REFUSED, ids=lambda case: case.__name__[1:])
def test_reporter_reads_other_images_and_cannot_change_them(
    reporter_client, reporter, editor, make_article, settings, case
):
    """Read-only (200) with a Dutch notice saying why; a POST is refused (403) and
    changes nothing: not the row, not the original's bytes, no file on disk."""
    image, notice = case(reporter, make_article, editor)
    page = reporter_client.get(url(image))
    assert page.status_code == 200
    html = page.content.decode()
    assert notice in html
    assert 'name="alt"' not in html and 'type="file"' not in html
    assert "Wachtenden bij de poort" in html
    before, files = state(image), media_files(settings)
    versions = list(Article.objects.values_list("pk", "version"))
    forged = form_data(
        file=SimpleUploadedFile("ander.jpg", photo(400, 300), "image/jpeg")
    )
    refused = reporter_client.post(url(image), forged)
    assert refused.status_code == 403
    assert state(image) == before
    assert media_files(settings) == files
    assert list(Article.objects.values_list("pk", "version")) == versions
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMAGE_CHANGED).exists()


def test_refusal_reasons_are_specific(reporter, editor, make_article):
    """The notice says why: a published article, or a colleague's upload."""
    published, _ = _published(reporter, make_article, editor)
    colleagues, _ = _colleagues_unused(reporter, make_article, editor)
    assert image_refusal(reporter, published) == PUBLISHED_NOTICE
    assert image_refusal(reporter, colleagues).startswith(COLLEAGUE_NOTICE)
    assert image_refusal(editor, published) is None
    with pytest.raises(PermissionDenied, match="gepubliceerd artikel"):
        set_focal_point(published, 0.2, 0.2, user=reporter)
    assert Image.objects.get(pk=published.pk).focal_x == 0.5


def test_reporter_still_sees_the_image_library(
    reporter_client, reporter, editor, make_article
):
    """The changelist lists every image, a colleague's and published ones too."""
    _published(reporter, make_article, editor)
    upload(editor, alt="Foto van een collega")
    response = reporter_client.get("/admin/articles/image/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wachtenden bij de poort" in html and "Foto van een collega" in html


def test_only_the_chief_deletes_and_only_what_policy_allows(
    reporter_client, chief_client, reporter, chief
):
    """A reporter may not delete even their own image (403, still there); the
    Hoofdredactie may."""
    image = upload(reporter)
    assert (
        reporter_client.post(
            f"/admin/articles/image/{image.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert Image.objects.filter(pk=image.pk).exists()
    with pytest.raises(PermissionDenied, match="Je rol staat deze handeling niet toe"):
        delete_image(image, user=reporter)
    assert Image.objects.filter(pk=image.pk).exists()
    assert may(chief, "articles.delete_image", image)
    response = chief_client.post(
        f"/admin/articles/image/{image.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


# -- an editor's change to an image readers have seen -----------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_editor_change_of_a_published_image_is_recorded_and_shown(
    client,
    make_user,
    reporter,
    make_article,
    page_cache,
    settings,
    role,
    django_capture_on_commit_callbacks,
):
    """A revision of every article using the image, saying what changed; one
    Logboek entry; the cached page shows the new alt text at once."""
    from tests.helpers.users import client_for

    person = make_user(f"beeld-{role}", role)
    image = upload(reporter)
    lead = make_article(headline="Het hoofdverhaal", hero=image)
    draft = make_article(headline="Een concept", status=S.DRAFT, hero=image)
    page = lead.get_absolute_url()
    assert client.get(page).status_code == 200
    again = client.get(page)
    assert (
        again["X-Cache"] == "hit"
        and 'alt="Wachtenden bij de poort"' in again.content.decode()
    )
    versions = {a.pk: a.version for a in (lead, draft)}
    old_original = settings.MEDIA_ROOT / image.file.name
    assert old_original.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(person).post(
            url(image),
            form_data(alt="Mensen bij de Abbey Gate",
                      file=SimpleUploadedFile("nieuw.jpg", photo(400, 300), "image/jpeg")),
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not old_original.exists()  # the replaced photo is gone, not just unlinked
    image.refresh_from_db()
    assert (settings.MEDIA_ROOT / image.file.name).is_file()
    for article in (lead, draft):
        article.refresh_from_db()
        assert article.version == versions[article.pk] + 1
        revision = article.revisions.get(version=article.version)
        assert revision.comment.startswith("Afbeelding gewijzigd: ")
        assert set(revision.comment.split(": ", 1)[1].split(", ")) >= {
            "alt-tekst", "bestand", "bijschrift", "fotograaf / bron", "focuspunt",
        }  # fmt: skip
        assert revision.created_by == person
        assert revision.snapshot["hero"]["name"] == "Mensen bij de Abbey Gate"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.IMAGE_CHANGED)
    assert event.actor == person and event.subject == "Mensen bij de Abbey Gate"
    assert "alt-tekst" in event.detail and "Het hoofdverhaal" in event.detail
    entries = logbook.page(kind="image_changed").entries
    assert [e.username for e in entries] == [person.username]
    fresh = client.get(page)
    assert fresh.get("X-Cache") != "hit"
    html = fresh.content.decode()
    assert 'alt="Mensen bij de Abbey Gate"' in html
    assert "Wachtenden bij de poort" not in html


def test_editor_change_of_a_draft_only_image_leaves_no_record(
    editor_client, reporter, make_article
):
    """Readers never saw it: no new version, no Logboek entry."""
    image = upload(reporter)
    draft = make_article(status=S.DRAFT, created_by=reporter, hero=image)
    assert editor_client.post(url(image), form_data()).status_code == 302
    draft.refresh_from_db()
    assert draft.version == 1
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMAGE_CHANGED).exists()


def test_focal_point_service_records_a_published_image(editor, reporter, make_article):
    """set_focal_point as an editor: a revision naming the focal point."""
    image = upload(reporter)
    article = make_article(hero=image)
    set_focal_point(image, 0.25, 0.75, user=editor)
    article.refresh_from_db()
    assert article.revisions.get(version=article.version).comment == (
        "Afbeelding gewijzigd: focuspunt"
    )
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMAGE_CHANGED).count() == 1


def test_an_image_an_article_uses_is_not_deleted(chief_client, chief, make_article):
    """Not even by the Hoofdredactie: the article would lose its hero without a
    revision. The refusal says what to do first."""
    image = upload(chief)
    article = make_article(hero=image)
    response = chief_client.post(
        f"/admin/articles/image/{image.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert "Kies daar eerst een andere hoofdafbeelding" in response.content.decode()
    article.refresh_from_db()
    assert article.hero_id == image.pk
    with pytest.raises(PermissionDenied):
        delete_image(image, user=chief)
