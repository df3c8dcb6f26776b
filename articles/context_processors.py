from django.conf import settings

from articles.models import Section


def site(request):
    """Site name and URL; the sections for the navigation, queried only when shown."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": Section.objects.all,
    }
