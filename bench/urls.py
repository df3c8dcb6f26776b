from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as project_urlpatterns

_BODIES = {}


def constant(request, size):
    """The floor: a constant page of ``size`` bytes through the same middleware."""
    body = _BODIES.setdefault(size, b"x" * size)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/constant/<int:size>/", constant), *project_urlpatterns]
