from django.conf import settings

from articles.models import Section
from articles.pages import PAGES, page_url


def site(request):
    """Site name and URL; the sections for the navigation, queried only when shown;
    the newsroom's pages for the footer (label, path), no query."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": Section.objects.all,
        "site_pages": [(label, page_url(slug)) for slug, label in PAGES.items()],
    }
