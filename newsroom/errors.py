"""The error views: a Dutch 403 for refusals (``permission_denied``, also for an
expired CSRF token); for a 500, a Dutch 503 with Retry-After when the database is
unreachable. An editor's form sent to the admin while the database is away gets its
text back (``unsaved``): nothing typed is lost to an outage.

Django calls ``server_error`` while handling the exception, so the exception is still
at hand. A database that is down or restarting (OperationalError, InterfaceError) is a
temporary state, not a bug: readers get templates/503.html and a ``Retry-After``,
monitoring sees 503s, and the log gets one line a minute with a count
(``articles.caching.outage``), not a traceback per request. Anything else is
templates/500.html, including the database refusing what it was sent (DataError,
IntegrityError, ProgrammingError): that is a bug to fix, not an outage to wait out.
(Bad bytes in URLs never get this far: newsroom/guards.py answers them with a 400.)
Neither template touches the database, the request or static files (whose manifest
may be what failed): plain HTML, readable as it is.
"""

import sys

from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseForbidden, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import requires_csrf_token

from articles.caching.outage import DATABASE

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        # Once a minute with a count: during an outage every request comes here.
        DATABASE.occurred(error, outcome="503")
        if request.method == "POST" and request.path.startswith("/admin/"):
            page = unsaved(request)
        else:
            page = loader.get_template("503.html").render()
        response = HttpResponseServerError(page)
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


# The text an editor gets back to read and copy, in this order; every other field
# travels along in the "probeer opnieuw" form.
SHOWN = (
    ("headline", _lazy("Kop"), 2),
    ("lede", _lazy("Intro"), 4),
    ("body", _lazy("Tekst"), 14),
)


def unsaved(request) -> str:
    """The page for a form sent to the admin while the database is away
    (templates/admin/unsaved.html, status 503): it says nothing was saved, shows the
    headline, lede and body to copy, resends every field (the CSRF token too) with
    "Probeer opnieuw", and leaves a copy in the tab's sessionStorage that the
    article form puts back into the editor when the editor goes back. Touches
    neither the database nor the session."""
    try:
        posted = [
            (name, value) for name, values in request.POST.lists() for value in values
        ]
        files = bool(request.FILES)
    except Exception:  # noqa: BLE001 (a broken upload: show what can be shown)
        posted, files = [], False
    fields = dict(posted)
    shown = [
        {"name": name, "label": label, "rows": rows, "value": fields[name]}
        for name, label, rows in SHOWN
        if fields.get(name)
    ]
    button = next(
        (name for name in ("_continue", "_addanother", "_save") if name in fields),
        "_save",
    )
    copy = {
        "path": request.path,
        "fields": {n: v for n, v in fields.items() if n != "csrfmiddlewaretoken"},
    }
    context = {
        "posted": [(n, v) for n, v in posted if n != button],
        "shown": shown,
        "files": files,
        "path": request.path,
        "button": button,
        "copy": copy,
        "nonce": getattr(request, "csp_nonce", ""),
    }
    return loader.render_to_string("admin/unsaved.html", context)


def _forbidden(request, reason: str, *, title: str):
    """The 403 page: in the admin's look for the admin, in the site's for readers.
    ``reason`` says why, in Dutch; what the user did is not repeated."""
    context = {"reason": reason, "title": title}
    template = "403.html"
    if request.path.startswith(reverse("admin:index")):
        template = "admin/403.html"
        context |= admin.site.each_context(request)
    page = loader.render_to_string(template, context, request)
    response = HttpResponseForbidden(page)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def permission_denied(request, exception=None):
    """A refusal (``PermissionDenied``): its own Dutch sentence (articles/policy.py
    gives every refusal one), or a general one when Django's own checks refused."""
    reason = str(exception or "").strip() or _(
        "Je rol staat deze pagina of handeling niet toe. Denk je dat je hier wel bij "
        "moet kunnen, vraag het dan aan de hoofdredactie."
    )
    return _forbidden(request, reason, title=_("Geen toegang"))


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (CSRF_FAILURE_VIEW): usually an
    old tab or an expired session, so say how to go on."""
    return _forbidden(
        request,
        _(
            "Het formulier is verlopen of kwam niet van deze site, daarom is er niets "
            "opgeslagen. Ga terug, laad de pagina opnieuw en probeer het nog eens; wat "
            "je typte staat nog in het formulier of in je herstelkopie."
        ),
        title=_("Formulier verlopen"),
    )
