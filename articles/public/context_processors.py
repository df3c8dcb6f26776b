from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language

from articles.caching.fragments import cached_fragment
from articles.models import Section
from articles.public.pages import PAGES, page_url


def site(request):
    """Site name and URL; the sections for the navigation (slug, name, path),
    queried only when shown; the newsroom's pages for the footer (label, path)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": lambda: _sections(request),
        "site_pages": lambda: _site_pages(get_language(), get_script_prefix()),
    }


def _section_links() -> list[tuple[str, str, str]]:
    return [
        (section.slug, section.name, section.get_absolute_url())
        for section in Section.objects.all()
    ]


def _sections(request) -> list[tuple[str, str, str]]:
    """From the fragment cache when the view knows the shared number (it moves when
    a section changes), else from the database."""
    shared = getattr(request, "shared_number", None)
    if shared is None:
        return _section_links()
    return cached_fragment("sections", (shared,), _section_links)


@lru_cache
def _site_pages(language: str, prefix: str) -> tuple[tuple[str, str], ...]:
    """The footer's links; the same for every request in one language."""
    return tuple((str(PAGES[slug]), page_url(slug)) for slug in PAGES)
