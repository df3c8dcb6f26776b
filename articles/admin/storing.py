"""Admin pages that store a file: a failing media store is a message in the form.

The admin saves a valid form inside one transaction (``changeform_view``). When the
store fails (full, read-only, unreachable: an ``OSError`` whichever store), that
transaction is rolled back (no row, and the services delete any file this save
wrote) and the same POST is shown again as a form with the store's Dutch message on
top, everything typed still in it. Never a 500.
"""

import logging

from django import forms

from articles.images.storing import store_failure

__all__ = ["StoreFailuresInForm"]

logger = logging.getLogger(__name__)

# Set on the request for the second pass (request attributes live one request long).
FAILURE = "_media_store_failure"


class StoreFailuresInForm:
    """Mix into a ModelAdmin whose form stores files (before ``admin.ModelAdmin``)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            if request.method != "POST" or hasattr(request, FAILURE):
                raise
            logger.warning("The media store failed while saving a form", exc_info=True)
            setattr(request, FAILURE, store_failure(error))
            # Again, the same POST: the form now refuses itself with the message
            # (whose second cleaning stores nothing), so it is shown as typed.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        message = getattr(request, FAILURE, None)
        return form if message is None else _refusing(form, message)


def _refusing(form_class, message: str):
    class Refusing(form_class):
        def clean(self):
            super().clean()
            raise forms.ValidationError(message, code="media_store")

    Refusing.__name__ = form_class.__name__
    return Refusing
