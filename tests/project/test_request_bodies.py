"""Request bodies are capped and uploads come only from logged-in staff in the admin:
both decided on the headers, before Django reads a byte of the body
(newsroom/guards.py)."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory

from articles.images.processing import MAX_UPLOAD_BYTES
from articles.models import Image
from tests.helpers.samples.images import photo

ROOT = Path(__file__).resolve().parents[2]
MULTIPART = "multipart/form-data; boundary=grens"


class Untouchable:
    """A request body that fails the test if anything reads it."""

    def __init__(self):
        self.read_at_all = False

    def read(self, *args):
        self.read_at_all = True
        raise AssertionError("the body was read")

    readline = read


def send(path, *, length, content_type=MULTIPART, cookie=""):
    """A POST of ``length`` bytes through Django's real WSGI handler; the status,
    the page and whether the body was read."""
    body = Untouchable()
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(length),
        HTTP_COOKIE=cookie,
        **{"wsgi.input": body},
    )
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])

    page = b"".join(WSGIHandler()(environ, start_response)).decode()
    return started["status"], page, body.read_at_all


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/", "/zoeken/", "/artikel/iets/", "/en/", "/feed/"]
)
@pytest.mark.parametrize("length", [1000, 500 * 1024 * 1024])
def test_anonymous_uploads_are_refused_unread(db, path, length):
    """Multipart from someone not logged in: 400 (or 413), and the body stays unread."""
    status, page, read = send(path, length=length)
    assert status == (413 if length > settings.REQUEST_BODY_MAX_BYTES else 400)
    assert not read
    if status == 400:
        assert "Hier kun je geen bestanden versturen" in page


def test_staff_uploads_to_the_login_page_are_refused_too(editor):
    """The login page expects no file from anyone."""
    status, _page, read = send(
        "/admin/login/", length=1000, cookie=session_cookie(editor)
    )
    assert status == 400 and not read


def test_a_logged_in_editor_may_upload_in_the_admin(editor):
    """Staff in the admin pass the guard: Django goes on to read the body (for the
    CSRF token first)."""
    cookie = f"{session_cookie(editor)}; {settings.CSRF_COOKIE_NAME}={'k' * 32}"
    _status, _page, read = send(
        "/admin/articles/image/add/", length=1000, cookie=cookie
    )
    assert read


def test_too_large_bodies_are_refused_unread_with_a_dutch_413(editor):
    """Past REQUEST_BODY_MAX_BYTES even staff get 413, before anything is read."""
    status, page, read = send(
        "/admin/articles/image/add/",
        length=settings.REQUEST_BODY_MAX_BYTES + 1,
        cookie=session_cookie(editor),
    )
    assert status == 413 and not read
    assert "Te groot om te versturen" in page
    assert "30 MB" in page


def test_an_editor_uploads_an_image(editor_client, editor):
    """The admin's image upload works as before, multipart and all."""
    response = editor_client.post(
        "/admin/articles/image/add/",
        {"file": SimpleUploadedFile("foto.jpg", photo(640, 480), "image/jpeg"),
         "alt": "Een plein", "caption": "", "credit": "", "focal_x": "0.5",
         "focal_y": "0.5"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Image.objects.get().uploaded_by == editor


def test_too_much_form_text_in_the_admin_is_a_dutch_400(editor_client, settings):
    """A form body past DATA_UPLOAD_MAX_MEMORY_SIZE: Django's refusal, in Dutch."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = editor_client.post(
        "/admin/articles/section/add/",
        urlencode({"name": "x" * 2000, "slug": "x"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Dit verzoek klopt niet" in response.content.decode()


def test_too_many_fields_in_the_admin_is_a_dutch_400(editor_client, settings):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: the same Dutch page."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = editor_client.post(
        "/admin/articles/section/add/",
        {f"veld{n}": "x" for n in range(20)},
    )
    assert response.status_code == 400
    assert "Dit verzoek klopt niet" in response.content.decode()


def test_the_limits_are_set_on_purpose_and_match_the_proxy():
    """Body cap = the 25 MB image limit + a form's fields; the nginx example agrees."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 2000
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert settings.REQUEST_BODY_MAX_BYTES == (
        MAX_UPLOAD_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    operations = (ROOT / "docs" / "operations.md").read_text()
    proxy = re.search(r"client_max_body_size (\d+)m;", operations)
    assert proxy and int(proxy[1]) * 1024 * 1024 == settings.REQUEST_BODY_MAX_BYTES


def test_make_demo_binds_gunicorn_to_loopback_on_the_command_line():
    """Tools find the demo's processes by the address on gunicorn's command line."""
    makefile = (ROOT / "Makefile").read_text()
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"gunicorn newsroom\.wsgi --bind 127\.0\.0\.1:\$\(PORT\)", demo)
