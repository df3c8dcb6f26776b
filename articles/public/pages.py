"""The newsroom's own pages: Over ons, Colofon, Correctiebeleid, Privacy, Contact.

Flatpages, edited in the admin (Sites: site 1); migration 0008 wrote their first text.
Served by explicit paths (this URLconf, outside i18n_patterns: one Dutch page each),
never by the flatpages catch-all middleware. The footer and the JSON-LD link here.
"""

from django.contrib.flatpages.views import flatpage
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["PAGES", "page_url", "urlpatterns"]

app_name = "pages"
# slug (the URL /<slug>/ and the URL name pages:<slug>) -> the footer's label
PAGES = {
    "over-ons": _("Over ons"),
    "colofon": _("Colofon"),
    "correctiebeleid": _("Correctiebeleid"),
    "privacy": _("Privacy"),
    "contact": _("Contact"),
}

urlpatterns = [
    path(f"{slug}/", flatpage, {"url": f"/{slug}/"}, name=slug) for slug in PAGES
]


def page_url(slug: str) -> str:
    """The path of one of the newsroom's pages, e.g. /correctiebeleid/."""
    return reverse(f"pages:{slug}")
