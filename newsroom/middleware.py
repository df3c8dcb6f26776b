"""The language of a response comes from its URL alone.

Django's LocaleMiddleware also consults Accept-Language and cookies; we do not want
that: the Dutch site (no prefix) and the admin are Dutch for everyone, and English is
what /en/ asks for. A shared URL then shows the same page to every reader and cache.
"""

from django.conf import settings
from django.utils import translation


class LocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = (
            translation.get_language_from_path(request.path_info)
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
