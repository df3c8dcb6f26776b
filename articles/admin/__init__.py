"""The editors' admin, in Dutch: one module per admin, each registering itself.

``articles`` is the article admin (its extra views listed in one ``get_urls``);
``workflow``, ``notes``, ``previews`` and ``revisions`` hold the views and inlines it
lists; ``sections``, ``authors``, ``topics``, ``frontpage``, ``images`` and ``tasks``
(failed tasks) are the other admins; ``media`` carries the CSP nonce to the editor's
inline script.

May use everything in the articles app, accounts and embeds; writes go through
``articles.services``.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import (  # noqa: F401 (each registers its admin)
    articles,
    authors,
    frontpage,
    images,
    sections,
    tasks,
    topics,
)

admin.site.site_header = _("Redactie")
admin.site.site_title = _("Redactie")
admin.site.index_title = _("Beheer van de nieuwssite")
