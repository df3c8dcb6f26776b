"""The 500 handler: a Dutch 503 with Retry-After when the database is unreachable.

Django calls ``server_error`` while handling the exception, so the exception is still
at hand. A database that is down or restarting (OperationalError, InterfaceError) is a
temporary state, not a bug: readers get templates/503.html and a ``Retry-After``,
monitoring sees 503s. Anything else is templates/500.html, including the database
refusing what it was sent (DataError, IntegrityError, ProgrammingError): that is a bug
to fix, not an outage to wait out. (Bad bytes in URLs never get this far:
newsroom/guards.py answers them with a 400.) Neither template touches the database,
the request or static files (whose manifest may be what failed): plain HTML, readable
as it is.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("Database unavailable, answering 503: %s", error)
        response = HttpResponseServerError(loader.get_template("503.html").render())
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
