"""Two middlewares that turn away malformed requests before anything reads them.

``UrlBytesMiddleware`` (first, before the page cache): a path that is not UTF-8
(``%ff``, the overlong ``%c0%af``) or holds a control character, or a query string
that is not UTF-8 or holds a NUL, answers templates/400.html. No URL of ours has
them, and PostgreSQL refuses a NUL in a query: without this, ``/artikel/%00/``
would reach the database and end as the "database down" 503. Django has already
turned bytes that are not UTF-8 back into ``%XX`` in ``path_info``; no path of ours
has a ``%`` once decoded, so a ``%`` there is refused too. Cookies with a NUL or a
control character are left out of ``request.COOKIES``.

``RequestBodyMiddleware`` (after authentication): a body longer than
``REQUEST_BODY_MAX_BYTES`` answers templates/413.html, and a multipart body (an
upload) is accepted only from a logged-in staff user in the admin; anywhere else
(``/admin/login/``, every public URL) it answers 400. Both decide on the headers,
before a byte of the body is read. Bodies that are accepted are then capped by
Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` /
``_FILES``.
"""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse

__all__ = ["RequestBodyMiddleware", "UrlBytesMiddleware"]

# C0 controls and DEL: no path of ours has one; NUL is all a query must not have.
PATH_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def _plain(template: str, status: int, **context) -> HttpResponse:
    """A static page (no database, no request context) that no cache keeps."""
    page = loader.get_template(template).render(context)
    response = HttpResponse(page, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")  # strict: overlong forms and lone surrogates fail too
    except UnicodeDecodeError:
        return False
    return True


def bad_url(request) -> bool:
    """Whether the request's path or query string has bytes no URL of ours has.

    ``path_info`` is decoded, with bytes that are not UTF-8 as ``%XX`` again;
    QUERY_STRING is as it came, percent-encoded.
    """
    if "%" in request.path_info or PATH_CONTROLS.search(request.path_info):
        return True
    raw = request.META.get("QUERY_STRING", "")
    query = unquote_to_bytes(raw.replace("+", " "))
    return b"\x00" in query or not _is_utf8(query)


class UrlBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bad_url(request):
            return _plain("400.html", 400, reason="url")
        cookies = request.COOKIES
        bad = [name for name, value in cookies.items() if PATH_CONTROLS.search(value)]
        for name in bad:
            del cookies[name]
        return self.get_response(request)


class RequestBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _plain("400.html", 400)
        limit = settings.REQUEST_BODY_MAX_BYTES
        if length > limit:
            return _plain("413.html", 413, limit_mb=limit // (1024 * 1024))
        if request.content_type == "multipart/form-data" and not self._may_upload(
            request
        ):
            return _plain("400.html", 400, reason="upload")
        return self.get_response(request)

    @staticmethod
    def _may_upload(request) -> bool:
        """Uploads are made in the admin, by staff who are logged in."""
        admin = reverse("admin:index")
        if not request.path_info.startswith(admin):
            return False
        if request.path_info == reverse("admin:login"):
            return False
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated and user.is_staff)
